/** Public surface of the cognito stage. */
export { resolveRoleWith, ENHANCED_SESSION_NAME } from './resolve.js';
export { configurationWarnings } from './lint.js';
export { configurationProblems, findConfigurationProblems, isConfiguredProvider, type ConfigurationProblem } from './config-problems.js';
export { deriveGroupRoleClaims, type GroupRoleClaims } from './group-roles.js';
export { evaluateRule, evaluateRules, type RuleEvaluation } from './rules.js';
export { identifyProvider, findMapping, type Provider, type ProviderKind } from './providers.js';
export { defaultIdentityId } from './identity-id.js';
export { unauthenticatedSessionPolicies, UNAUTHED_SESSION_POLICY_ARN } from './session-policies.js';
export { principalTagsFor, defaultTagMappings } from './principal-tags.js';
export { trustContext, ASSUME_ACTION, TAG_ACTION } from './trust.js';
export { renderResolution, type RenderResolutionOptions } from './render.js';
export { readToken, verifyToken, userPoolIssuer, type ReadToken, type TokenVerification, type VerifyTokenOptions } from './token.js';
export * from './types.js';
