/**
 * The model: AWS-native shapes, as the load stage hands them to every later stage.
 * Field names follow AWS (describe-identity-pool, get-identity-pool-roles, GAAD) so that
 * users can paste AWS CLI output. Every piece keeps a Locator back into its source file.
 */
import type { Diagnostic, Locator, Location } from '../diagnostics/diagnostic.js';

/** An IAM policy document as loaded: the raw JSON plus where it came from. */
export interface PolicyDocument {
  /** Human-readable name, e.g. `role/Admin inline s3-admin`, `bucket policy arn:aws:s3:::photos`. */
  name: string;
  /** The parsed JSON value of the document (not yet validated as a policy). */
  json: unknown;
  /** File the document's text lives in (a policy file, or the project/scenario file for inline documents). */
  file: string;
  /** Path of the document inside `file` (empty when the whole file is the document). */
  locate: Locator;
  /** A customer managed policy: its own size limit (6,144 characters) applies wherever it is used. */
  customerManaged?: boolean;
}

/** The layers of policy that apply to one request, whatever form the policies take. */
export interface PolicyLayers<P> {
  identity: P[];
  boundary?: P;
  /** Session policies, combined by union (Cognito passes an inline and a managed one). */
  session: P[];
  resource?: P;
  /** Service control policies per level, root first; every level must allow. */
  scp: { orgIdentifier: string; policies: P[] }[];
  /** Resource control policies per level, root first; every level must allow. */
  rcp: { orgIdentifier: string; policies: P[] }[];
}

// ---------------------------------------------------------------------------------------------
// Identity pool (describe-identity-pool)

interface CognitoIdentityProvider {
  ProviderName: string;
  ClientId: string;
  ServerSideTokenCheck?: boolean;
}

export interface IdentityPool {
  IdentityPoolId: string;
  IdentityPoolName?: string;
  AllowUnauthenticatedIdentities: boolean;
  /** Undefined when the file leaves it unset (cognito-decisions #11). */
  AllowClassicFlow?: boolean;
  CognitoIdentityProviders?: CognitoIdentityProvider[];
  SupportedLoginProviders?: Record<string, string>;
  OpenIdConnectProviderARNs?: string[];
  SamlProviderARNs?: string[];
  DeveloperProviderName?: string;
}

// ---------------------------------------------------------------------------------------------
// Roles and role mappings (get-identity-pool-roles)

type MatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

export interface MappingRule {
  Claim: string;
  MatchType: MatchType;
  Value: string;
  RoleARN: string;
}

export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRule[] };
  /** CloudFormation only: the real provider when the map key is a logical name. */
  IdentityProvider?: string;
}

export interface IdentityPoolRoles {
  IdentityPoolId?: string;
  Roles?: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
}

/** get-principal-tag-attribute-map output. PrincipalTags maps tag key -> claim name. */
export interface PrincipalTagAttributeMap {
  IdentityPoolId?: string;
  IdentityProviderName: string;
  UseDefaults?: boolean;
  PrincipalTags?: Record<string, string>;
}

/** cognito-idp list-groups Groups entry. */
export interface UserPoolGroup {
  GroupName: string;
  UserPoolId?: string;
  RoleArn?: string;
  Precedence?: number | null;
  Description?: string;
}

// ---------------------------------------------------------------------------------------------
// IAM (get-account-authorization-details)

export interface Role {
  RoleName: string;
  Arn: string;
  /** AWS role id (AROA...). Derived deterministically from the ARN when the file gives none. */
  RoleId: string;
  Path?: string;
  trustPolicy?: PolicyDocument;
  inlinePolicies: PolicyDocument[];
  attachedManagedPolicies: { PolicyName?: string; PolicyArn: string }[];
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
  /** Where the role is defined (its RoleDetailList entry). */
  location?: Location;
  /** Its index in the project's `iam` RoleDetailList (roles read from infrastructure code have none). */
  iamIndex?: number;
}

export interface ManagedPolicy {
  PolicyName: string;
  Arn: string;
  /** The default version's document. */
  document: PolicyDocument;
  location?: Location;
}

// ---------------------------------------------------------------------------------------------
// S3 access points (s3control get-access-point)

export interface AccessPoint {
  Name: string;
  /** `arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME`: the access point's account comes from here. */
  AccessPointArn: string;
  /** The bucket the access point fronts. */
  Bucket: string;
  /** The bucket's account, when the access point is in another account than the bucket. */
  BucketAccountId?: string;
  NetworkOrigin: 'Internet' | 'VPC';
  location?: Location;
}

// ---------------------------------------------------------------------------------------------
// Cedar (issue 5): the `cedar` section of keycard.yaml

export interface CedarConfig {
  schemaFile: string;
  policyFiles: string[];
  principalEntityType: string;
  /** Defaults to `AWS::CognitoGroup` (CognitoGroupConfiguration). */
  groupEntityType: string;
  userPoolId: string;
  entitiesFile?: string;
  location?: Location;
}

// ---------------------------------------------------------------------------------------------
// The project: the "world" of keycard.yaml (formats.md §1)

export interface Project {
  /** Absolute path of the project file, or a synthetic name for inline projects. */
  file: string;
  /** Directory that relative paths resolve against. */
  dir: string;
  account: string;
  region: string;
  identityPool: IdentityPool;
  identityPoolRoles: IdentityPoolRoles;
  principalTags: PrincipalTagAttributeMap[];
  userPoolGroups?: UserPoolGroup[];
  /** Roles by ARN. */
  roles: Map<string, Role>;
  /** Customer managed policies by ARN. */
  managedPolicies: Map<string, ManagedPolicy>;
  /** Resource policies by resource ARN (e.g. bucket ARN, access point ARN). */
  resourcePolicies: Map<string, PolicyDocument>;
  /**
   * The account of each resource policy entry written `{Account, Policy}`, by resource ARN.
   * An entry without an account is in `account`.
   */
  resourceAccounts?: Map<string, string>;
  /** S3 access points by ARN (s3control get-access-point); their policies are in resourcePolicies. */
  accessPoints?: Map<string, AccessPoint>;
  organization: { serviceControlPolicies: PolicyDocument[]; resourceControlPolicies: PolicyDocument[] };
  cedar?: CedarConfig;
  /** Locators into the source of each top-level section (the section may live in its own file). */
  locate: {
    root: Locator;
    identityPool: Locator;
    identityPoolRoles: Locator;
    principalTags: Locator;
    userPoolGroups: Locator;
    iam: Locator;
  };
  /** Non-fatal findings from loading (warnings such as an undefined AWS managed policy). */
  diagnostics: Diagnostic[];
  /** Values no file gives (imports.md §4); they appear in the model as unresolved markers. */
  unresolved?: UnresolvedValue[];
  /** Set when the project reads infrastructure code (`from:` in keycard.yaml, imports.md). */
  imports?: ProjectImports;
  /** Every file the project was read from (for watch mode and reload). */
  files: string[];
}

/** A value no file gives: its name (as `values:` keys name it), where it is used, how to give it. */
export interface UnresolvedValue {
  name: string;
  location?: Location;
  help: string;
}

interface ProjectImports {
  /** The sources as people name them, e.g. `cloudformation infra/auth.yaml`. */
  sources: string[];
  /** Every `${...}` name a scenario may use, and its value (imports.md §5). */
  references: Map<string, { value: string; location?: Location; placeholder?: boolean; guessedArn?: boolean }>;
}

// ---------------------------------------------------------------------------------------------
// Scenarios (formats.md §2)

export type ContextValue = string | string[];
export type Claims = Record<string, unknown>;

/** One `allow`/`deny`/`explicitDeny` line of a scenario. */
export interface RequestLine {
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
  /** The line as the user wrote it, for messages. */
  text: string;
  location?: Location;
}

/** One `expect.app` line: `Action::"viewPhoto" on Photo::"vacation.jpg"` (issue 5). */
export interface AppRequestLine {
  action: string;
  resource: string;
  context: Record<string, unknown>;
  text: string;
  location?: Location;
}

export interface Expectation {
  role?: string;
  error?: string;
  principalTags?: Record<string, string>;
  allow: RequestLine[];
  deny: RequestLine[];
  explicitDeny: RequestLine[];
  /** `error`: the error Verified Permissions returns for this user's app requests (issue 12). */
  app?: { allow: AppRequestLine[]; deny: AppRequestLine[]; error?: string };
}

/** How the claims were given and whether the token was verified. */
export interface TokenInfo {
  /** The raw JWT when one was given. */
  raw?: string;
  verified: boolean;
  /** Header of a decoded JWT. */
  header?: Record<string, unknown>;
  /** Where the raw JWT was written (the token file, or the scenario's `token`): errors name it. */
  source?: Location;
}

export interface Scenario {
  name: string;
  description?: string;
  /** The scenario file, and the scenario's index in it. */
  file: string;
  index: number;
  location?: Location;
  project: Project;
  /** The Logins-map key; undefined for a guest. */
  login?: string;
  claims: Claims;
  token: TokenInfo;
  identityId?: string;
  customRoleArn?: string;
  flow: 'enhanced' | 'basic';
  requestedRoleArn?: string;
  expect: Expectation;
  locate: Locator;
}

export interface ScenarioFile {
  file: string;
  project: Project;
  scenarios: Scenario[];
  diagnostics: Diagnostic[];
}
