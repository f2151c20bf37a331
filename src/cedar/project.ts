/**
 * Loads the `cedar` section of keycard.yaml: the schema (Cedar or JSON syntax), the policy files
 * and the optional entities file; validates everything strictly (or takes the result of that from
 * the cache, check-cache.ts) and pre-parses the policy set.
 * Policy ids are `@id` annotations or `<file>:<line>`.
 */
import { basename, extname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readSourceText, parseSource } from '../load/source.js';
import type { CedarConfig } from '../model/types.js';
import { checksKey, readChecks, writeChecks, type CedarChecks } from './check-cache.js';
import { idAnnotation, lineOf, splitPolicies } from './policy-file.js';
import type { SchemaJson } from './schema-shape.js';
import {
  checkSchema,
  loadCedar,
  preparePolicySet,
  prepareSchema,
  validateStrict,
  cedar,
  type CedarEntity,
  type CedarSchemaInput,
  type CedarSource,
  type PolicyTexts,
} from './wasm.js';

export interface CedarApp {
  config: CedarConfig;
  schema: CedarSchemaInput;
  /** The schema as JSON with resolved type names, to see what an entity type or an action's context declares. */
  schemaJson: SchemaJson;
  policies: PolicyTexts;
  entities: CedarEntity[];
  policySetId: string;
  schemaName: string;
}

export interface LoadedCedarApp {
  app?: CedarApp;
  diagnostics: Diagnostic[];
}

function fileError(code: string, message: string, file: string, help: string): Diagnostic {
  return { code, severity: 'error', message, help, location: { file, line: 1, column: 1 } };
}

export async function loadCedarApp(config: CedarConfig): Promise<LoadedCedarApp> {
  await loadCedar();
  const diagnostics: Diagnostic[] = [];
  // Every file is read up front: the cache key of the strict checks is the hash of their texts.
  const texts = new Map<string, string | Diagnostic[]>();
  const readOnce = (file: string): string | undefined => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readSourceText(file));
      } catch (e) {
        const ds = (e as { diagnostics?: Diagnostic[] }).diagnostics;
        texts.set(file, ds ?? [fileError('cedar_file', `cannot read \`${file}\``, file, 'check the path in the `cedar` section')]);
      }
    }
    const t = texts.get(file)!;
    return typeof t === 'string' ? t : undefined;
  };
  for (const f of [config.schemaFile, ...config.policyFiles, ...(config.entitiesFile ? [config.entitiesFile] : [])]) readOnce(f);
  const { location: _at, ...settings } = config;
  const key = checksKey([settings, [...texts], cedar().getCedarSDKVersion(), cedar().getCedarVersion()]);
  const cached = readChecks(key);
  const fresh: CedarChecks = { schema: [], policies: [], entities: [] };
  const done = (out: LoadedCedarApp): LoadedCedarApp => {
    if (!cached) writeChecks(key, fresh);
    return out;
  };
  const read = (file: string): string | undefined => {
    const text = readOnce(file);
    if (text === undefined) diagnostics.push(...(texts.get(file) as Diagnostic[]));
    return text;
  };

  const schemaText = read(config.schemaFile);
  if (schemaText === undefined) return { diagnostics };
  let schema: CedarSchemaInput = schemaText;
  if (extname(config.schemaFile).toLowerCase() === '.json') {
    try {
      schema = JSON.parse(schemaText) as CedarSchemaInput;
    } catch (e) {
      diagnostics.push(
        fileError(
          'cedar_schema',
          `the schema \`${basename(config.schemaFile)}\` is not valid JSON: ${String(e)}`,
          config.schemaFile,
          'write the schema in Cedar JSON schema syntax, or use a .cedarschema file',
        ),
      );
      return { diagnostics };
    }
  }
  const schemaSource: CedarSource | undefined =
    typeof schema === 'string' ? { file: config.schemaFile, fileText: schemaText, start: 0 } : undefined;
  // The strict checks run unless an entry of the cache holds their result for these very inputs.
  const schemaProblems = cached ? cached.schema : (fresh.schema = checkSchema(schema, schemaSource));
  if (schemaProblems.length) return done({ diagnostics: [...diagnostics, ...schemaProblems] });

  const policies: PolicyTexts = { texts: {}, sources: {} };
  for (const file of config.policyFiles) {
    const text = read(file);
    if (text === undefined) continue;
    for (const slice of splitPolicies(file, text)) {
      const id = idAnnotation(slice.text) ?? `${basename(file)}:${lineOf(text, slice.source.start)}`;
      if (policies.texts[id] !== undefined) {
        const loc = { file, line: lineOf(text, slice.source.start), column: 1 };
        diagnostics.push({
          code: 'cedar_duplicate_id',
          severity: 'error',
          message: `two policies have the id \`${id}\``,
          help: 'give each policy a unique `@id("...")` annotation',
          location: loc,
        });
        continue;
      }
      policies.texts[id] = slice.text;
      policies.sources![id] = slice.source;
    }
  }
  diagnostics.push(...(cached ? cached.policies : (fresh.policies = validateStrict(schema, policies, schemaSource))));

  let entities: CedarEntity[] = [];
  if (config.entitiesFile) {
    try {
      const parsed = parseSource(readOnce(config.entitiesFile) ?? readSourceText(config.entitiesFile), config.entitiesFile, 'json');
      if (!Array.isArray(parsed.value)) {
        diagnostics.push(
          fileError(
            'cedar_entities',
            'the entities file must be a JSON list of entities',
            config.entitiesFile,
            'write `[{"uid": {"type": "...", "id": "..."}, "attrs": {}, "parents": []}]`',
          ),
        );
      } else {
        entities = parsed.value as CedarEntity[];
        diagnostics.push(...(cached ? cached.entities : (fresh.entities = checkEntities(entities, schema, config.entitiesFile))));
        for (const [i, e] of entities.entries()) {
          const uid = e.uid as { type?: string; __entity?: { type?: string } };
          const type = uid.__entity?.type ?? uid.type;
          if (type === config.principalEntityType || type === config.groupEntityType) {
            // IsAuthorizedWithToken: "This parameter can't include any entities of a type that matches
            // the user or group entity types that you defined in your identity source."
            diagnostics.push({
              code: 'cedar_entities_token_type',
              severity: 'error',
              message: `entity of type \`${type}\` in the entities file: Verified Permissions refuses entities of the identity source's user or group type (ValidationException)`,
              help: 'remove it; users and groups come from the token claims only, as AVP builds them',
              location: parsed.locate([i]),
            });
          }
        }
      }
    } catch (e) {
      diagnostics.push(
        ...((e as { diagnostics?: Diagnostic[] }).diagnostics ?? [
          fileError('cedar_entities', `cannot read \`${config.entitiesFile}\``, config.entitiesFile, 'check the path'),
        ]),
      );
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return done({ diagnostics });

  // Pre-parsing is also a parse check: a policy set that does not parse is never authorized with.
  const set = preparePolicySet(policies);
  if ('errors' in set) return done({ diagnostics: [...diagnostics, ...set.errors] });
  const schemaJson = (cached?.schemaJson ?? (fresh.schemaJson = resolvedSchemaJson(schema))) as SchemaJson;
  // The JSON form with resolved names is the same schema, and Cedar reads JSON several times faster than its text syntax.
  let prepared = Object.keys(schemaJson).length ? prepareSchema(schemaJson as CedarSchemaInput) : { errors: [] };
  if ('errors' in prepared) prepared = prepareSchema(schema);
  if ('errors' in prepared) return done({ diagnostics: [...diagnostics, ...prepared.errors] });
  for (const [key, type] of [
    ['principalEntityType', config.principalEntityType],
    ['groupEntityType', config.groupEntityType],
  ] as const) {
    const [ns, local] = type.includes('::') ? [type.slice(0, type.lastIndexOf('::')), type.slice(type.lastIndexOf('::') + 2)] : ['', type];
    if (schemaJson[ns]?.entityTypes?.[local] !== undefined) continue;
    diagnostics.push({
      code: 'cedar_identity_source_type',
      severity: 'warning',
      message: `the schema does not declare the ${key} \`${type}\`${key === 'groupEntityType' && type === 'AWS::CognitoGroup' ? ' (the default)' : ''}: Verified Permissions cannot build ${key === 'groupEntityType' ? "a user's groups" : 'the user'} from a token`,
      help:
        key === 'groupEntityType'
          ? 'declare the group entity type in the schema, or set `groupEntityType` in the `cedar` section'
          : 'declare the principal entity type in the schema',
      ...(config.location ? { location: config.location } : {}),
    });
  }
  return done({ app: { config, schema, schemaJson, policies, entities, policySetId: set.id, schemaName: prepared.name }, diagnostics });
}

/** cedar-wasm's check of the entities against the schema. */
function checkEntities(entities: CedarEntity[], schema: CedarSchemaInput, file: string): Diagnostic[] {
  const check = cedar().checkParseEntities({ entities, schema });
  if (check.type === 'success') return [];
  return check.errors.map((e) =>
    fileError('cedar_entities', `invalid entities: ${e.message}`, file, 'fix the entity data so it matches the schema'),
  );
}

/** The schema as JSON with fully qualified type names. JSON-syntax schemas go through Cedar text so that both syntaxes agree. */
function resolvedSchemaJson(schema: CedarSchemaInput): SchemaJson {
  const text = typeof schema === 'string' ? { type: 'success' as const, text: schema } : cedar().schemaToText(schema);
  const json = text.type === 'success' ? cedar().schemaToJsonWithResolvedTypes(text.text) : text;
  return (json.type === 'success' ? json.json : {}) as SchemaJson;
}
