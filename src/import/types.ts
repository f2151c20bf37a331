/**
 * The import stage's shared state: what every source kind (CloudFormation, SAM, Serverless, CDK,
 * Amplify, and later Terraform) records while it reads, and hands to the project model.
 */
import type { Diagnostic, Location, Locator } from '../diagnostics/diagnostic.js';
import type { ManagedPolicy, PolicyDocument, PrincipalTagAttributeMap, Role, UnresolvedValue, UserPoolGroup } from '../model/types.js';
import { unresolvedMarker } from '../model/unresolved.js';

export type { UnresolvedValue };

/** A name `${...}` may use in scenarios, and its value. */
export interface Reference {
  value: string;
  location?: Location;
  /** A placeholder: a deploy-time name keycard made up (pin it with `physicalIds:`). */
  placeholder?: boolean;
  /** An ARN keycard guessed from the resource type alone (its real format may differ). */
  guessedArn?: boolean;
}

/** One imported identity pool, with everything bound to it. */
export interface ImportedPool {
  logicalId: string;
  /** The pool's id (placeholder or pinned). */
  id: string;
  location?: Location;
  /** describe-identity-pool shape, and where its fields are in the template. */
  pool: Record<string, unknown>;
  locate: Locator;
  /** get-identity-pool-roles shape, and where its fields are. */
  roles: Record<string, unknown>;
  rolesLocate?: Locator;
}

/** What the sources give, before keycard.yaml's own sections are merged over it. */
export interface ImportResult {
  pools: ImportedPool[];
  principalTags: PrincipalTagAttributeMap[];
  userPoolGroups: UserPoolGroup[];
  /** Where each group is declared, in the same order. */
  groupLocations: (Location | undefined)[];
  roles: Map<string, Role>;
  managedPolicies: Map<string, ManagedPolicy>;
  resourcePolicies: Map<string, PolicyDocument>;
  organization: { serviceControlPolicies: PolicyDocument[]; resourceControlPolicies: PolicyDocument[] };
  references: Map<string, Reference>;
  unresolved: UnresolvedValue[];
  diagnostics: Diagnostic[];
  files: string[];
  /** The sources, as the explorer header and `keycard import` name them (`cloudformation infra/auth.yaml`). */
  sources: string[];
}

/** Options shared by every source: the project's account and region, and the user's answers. */
export interface ImportOptions {
  account: string;
  region: string;
  physicalIds: Record<string, string>;
  values: Record<string, unknown>;
  /** Directory source paths resolve against (the project file's). */
  dir: string;
  /** The project file that names the sources: they must stay inside its repository (load/confine.ts). */
  file: string;
}

/** Mutable state of one import run. */
export class ImportState {
  readonly diagnostics: Diagnostic[] = [];
  readonly unresolved = new Map<string, UnresolvedValue>();
  readonly references = new Map<string, Reference>();
  readonly files: string[] = [];
  readonly sources: string[] = [];
  constructor(readonly options: ImportOptions) {}

  get partition(): string {
    return partitionOf(this.options.region);
  }

  /** The value the user gave under `values:`, else a marker recorded as unresolved. */
  unresolvedValue(name: string, location: Location | undefined, help: string): unknown {
    if (Object.prototype.hasOwnProperty.call(this.options.values, name)) return this.options.values[name];
    if (!this.unresolved.has(name)) this.unresolved.set(name, { name, location, help });
    return unresolvedMarker(name);
  }

  error(code: string, message: string, location: Location | undefined, help: string): void {
    this.diagnostics.push({ code, severity: 'error', message, help, location });
  }

  warn(code: string, message: string, location: Location | undefined, help: string): void {
    this.diagnostics.push({ code, severity: 'warning', message, help, location });
  }

  /** Records a reference name (first definition wins: the root stack before nested ones). */
  reference(name: string, ref: Reference): void {
    if (!this.references.has(name)) this.references.set(name, ref);
  }
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
