/** Small ARN helpers for the identity-pool stage (no IAM semantics here). */

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[^/]+\/)*[^/]+$/;
const OIDC_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;

export function isRoleArn(s: string): boolean {
  return ROLE_ARN.test(s);
}

/** The account of a role ARN, or undefined when the string is not a role ARN. */
export function roleAccount(arn: string): string | undefined {
  return ROLE_ARN.exec(arn)?.[1];
}

/** `arn:aws:iam::<acct>:oidc-provider/<host>` and `<host>` name the same provider (decision #10). */
export function oidcHost(nameOrArn: string): string {
  return OIDC_ARN.exec(nameOrArn)?.[1] ?? nameOrArn;
}

export function isOidcArn(s: string): boolean {
  return OIDC_ARN.test(s);
}
