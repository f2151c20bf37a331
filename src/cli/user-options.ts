/** The `<user>` options shared by resolve, access, can and export (kept light: no engine imports). */
import type { Command } from 'commander';

export interface UserOptions {
  project?: string;
  login?: string;
  claims?: string;
  token?: string;
  tokenFile?: string;
  identityId?: string;
  customRoleArn?: string;
  flow?: string;
  requestedRoleArn?: string;
  verifyWith?: string;
  scenario?: string;
}

/** Adds the user options to a command. */
export function addUserOptions(cmd: Command): Command {
  return cmd
    .option('-p, --project <file>', 'the project file (default: the nearest keycard.yaml)')
    .option('--login <key>', 'the Logins-map key, e.g. cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE (omit for a guest)')
    .option('--claims <file|json>', 'decoded token claims: a YAML/JSON file or inline JSON')
    .option('--token <jwt>', 'a raw JWT (decoded; verified only with --verify-with)')
    .option('--token-file <file>', 'a file holding a raw JWT')
    .option('--verify-with <jwks.json>', 'verify the token against this JWKS: signature, exp/nbf, iss, token_use, aud/client_id')
    .option('--identity-id <id>', 'the identity id (default: derived from the pool, login and sub)')
    .option('--custom-role-arn <arn>', 'GetCredentialsForIdentity CustomRoleArn')
    .option('--flow <flow>', 'enhanced (default) or basic')
    .option('--requested-role-arn <arn>', 'basic flow: the role the app asks AssumeRoleWithWebIdentity for')
    .option('--scenario <file#name>', 'take the user from a scenario file (name: the scenario name or its 1-based index)');
}
