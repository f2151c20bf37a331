/**
 * Loads the `cedar` section of keycard.yaml: the schema (Cedar or JSON syntax), the policy files
 * and the optional entities file; validates everything strictly and pre-parses the policy set.
 * Policy ids are `@id` annotations or `<file>:<line>`.
 */
import { basename, extname } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readSourceText, parseSource } from '../load/source.js';
import type { CedarConfig } from '../model/types.js';
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
  const read = (file: string): string | undefined => {
    try {
      return readSourceText(file);
    } catch (e) {
      const ds = (e as { diagnostics?: Diagnostic[] }).diagnostics;
      diagnostics.push(...(ds ?? [fileError('cedar_file', `cannot read \`${file}\``, file, 'check the path in the `cedar` section')]));
      return undefined;
    }
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
  const schemaProblems = checkSchema(schema, schemaSource);
  if (schemaProblems.length) return { diagnostics: [...diagnostics, ...schemaProblems] };

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
  diagnostics.push(...validateStrict(schema, policies, schemaSource));

  let entities: CedarEntity[] = [];
  if (config.entitiesFile) {
    try {
      const parsed = parseSource(readSourceText(config.entitiesFile), config.entitiesFile, 'json');
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
        const check = cedar().checkParseEntities({ entities, schema });
        if (check.type === 'failure') {
          for (const e of check.errors)
            diagnostics.push({
              ...fileError(
                'cedar_entities',
                `invalid entities: ${e.message}`,
                config.entitiesFile,
                'fix the entity data so it matches the schema',
              ),
            });
        }
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
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const set = preparePolicySet(policies);
  const prepared = prepareSchema(schema);
  if ('errors' in set) return { diagnostics: [...diagnostics, ...set.errors] };
  if ('errors' in prepared) return { diagnostics: [...diagnostics, ...prepared.errors] };
  // JSON-syntax schemas go through Cedar text so that both syntaxes give fully qualified type names.
  const text = typeof schema === 'string' ? { type: 'success' as const, text: schema } : cedar().schemaToText(schema);
  const json = text.type === 'success' ? cedar().schemaToJsonWithResolvedTypes(text.text) : text;
  const schemaJson = (json.type === 'success' ? json.json : {}) as SchemaJson;
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
  return { app: { config, schema, schemaJson, policies, entities, policySetId: set.id, schemaName: prepared.name }, diagnostics };
}
