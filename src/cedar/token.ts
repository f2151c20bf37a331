/**
 * The checks Verified Permissions makes on a token before it decides anything
 * (IsAuthorizedWithToken; Cognito developer guide, "Authorization with Amazon Verified
 * Permissions"). A token that fails one is refused with an error and never decided: no Allow, no
 * Deny. Signature and expiry are checked only with `--verify-with` (the cognito stage), and client
 * id validation is not modelled (the `cedar` section names no client ids).
 */
import type { CedarConfig, Claims } from '../model/types.js';
import type { TokenUse } from './avp.js';

/** AVP's error for a request it refuses; `code` is the exception name AVP returns. */
export interface AvpError {
  code: 'ValidationException';
  message: string;
  help: string;
}

const ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+_[0-9A-Za-z]+)\/?$/;
const LOGIN = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+_[0-9A-Za-z]+)$/;

/** The user pool that issued the token: its `iss` claim, else the scenario's `login`. */
function issuingUserPool(claims: Claims, login: string | undefined): string | undefined {
  if (typeof claims.iss === 'string') return ISSUER.exec(claims.iss)?.[1];
  return login ? LOGIN.exec(login)?.[1] : undefined;
}

function refuse(message: string, help: string): { error: AvpError } {
  return { error: { code: 'ValidationException', message, help } };
}

/**
 * Which parameter the token goes in (`token_use`), or the error AVP returns for it.
 * Rules, in AVP's order: the identity source's user pool issued it; `token_use` is `id` or
 * `access`; it has a `sub` (the principal id is `<userPoolId>|<sub>`); no claim is named literally
 * `cognito` or `custom` next to `cognito:`/`custom:` claims (the dot-notation names would clash).
 */
export function checkToken(config: CedarConfig, claims: Claims, login: string | undefined): { tokenUse: TokenUse } | { error: AvpError } {
  const pool = issuingUserPool(claims, login);
  if (pool === undefined) {
    const help = `IsAuthorizedWithToken takes only tokens of the user pool configured as the identity source (\`${config.userPoolId}\`)`;
    if (typeof claims.iss === 'string')
      return refuse(`the token's issuer \`${claims.iss}\` is not a Cognito user pool: Verified Permissions refuses it`, help);
    if (login) return refuse(`the user signed in with \`${login}\`, not with a user pool: Verified Permissions refuses the token`, help);
    if (Object.keys(claims).length === 0)
      return refuse('a guest has no token: Verified Permissions decides only for tokens of its identity source', help);
    return refuse(
      'the token names no Cognito user pool (`iss`), and the scenario no user pool `login`: Verified Permissions refuses it',
      help,
    );
  }
  if (pool !== config.userPoolId) {
    return refuse(
      `the token comes from the user pool \`${pool}\`, not from the identity source's \`${config.userPoolId}\``,
      'IsAuthorizedWithToken takes only tokens of the user pool configured as the identity source',
    );
  }
  const use = claims.token_use;
  if (use !== 'id' && use !== 'access') {
    const got = use === undefined ? 'no `token_use` claim' : `\`token_use\` \`${JSON.stringify(use)}\``;
    return refuse(
      `the token has ${got}: Verified Permissions takes an ID token (\`token_use: id\`) or an access token (\`token_use: access\`)`,
      'give the user the claims of a real user pool ID or access token',
    );
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    return refuse(
      'the token has no `sub` claim: Verified Permissions has no principal id (`<userPoolId>|<sub>`)',
      "add the user's `sub` claim",
    );
  }
  const prefixed = Object.keys(claims).find((k) => k.startsWith('cognito:') || k.startsWith('custom:'));
  const literal = ['cognito', 'custom'].find((k) => Object.hasOwn(claims, k));
  if (prefixed && literal) {
    return refuse(
      `the token has a claim named \`${literal}\` and the claim \`${prefixed}\`: Verified Permissions fails with ValidationException`,
      'do not add claims named `cognito`, `custom` or `dev` in a pre token generation Lambda',
    );
  }
  return { tokenUse: use };
}
