/**
 * The AWS errors a resolution can end in: exception names from the API reference, message strings
 * as observed from the service (cognito-reference §1, §5). Kept in one place so tests and the
 * renderer agree on the exact wording.
 */
export const NOT_AUTHORIZED = 'NotAuthorizedException';
export const INVALID_POOL_CONFIGURATION = 'InvalidIdentityPoolConfigurationException';
export const INVALID_PARAMETER = 'InvalidParameterException';
export const ACCESS_DENIED = 'AccessDenied';
export const VALIDATION_ERROR = 'ValidationError';

export const MESSAGES = {
  unauthenticatedDisabled: 'Unauthenticated access is not supported for this identity pool.',
  unsupportedProvider: 'Token is not from a supported provider of this identity pool.',
  invalidConfiguration: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
  classicFlowDisabled: 'Basic (classic) flow is not enabled, please use enhanced flow.',
  classicFlowWithRoleMappings: 'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
  notIdToken: 'Invalid login token. Not a valid OpenId Connect identity token.',
  issuerMismatch: "Invalid login token. Issuer doesn't match providerName",
  audienceMismatch: 'Invalid login token. Incorrect token audience.',
  stsAccessDenied: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  missingRoleArn: "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
  ambiguousDenied: (provider: string) => `The ambiguous role mapping rules for: ${provider} denied this request.`,
  roleNotAvailable: (arn: string) => `The role ${arn} is not available to this user.`,
} as const;
