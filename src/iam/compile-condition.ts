/** Compiles a statement's Condition block: operators parsed, values typed, variables precompiled. */
import { conditionKeyType, isMultiValuedKey } from '../catalog/index.js';
import type { PathKey } from '../diagnostics/diagnostic.js';
import { parseCidr } from './ip.js';
import { parseOperator } from './operators.js';
import type { CompiledCondition } from './types.js';
import { parseDate, parseNumber, scalarText } from './values.js';
import { compileTemplate, type TemplateProblem } from './variables.js';

export interface ConditionIssue {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  help: string;
  path: PathKey[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compiles `Condition`; problems that make a condition unevaluable mark it `unknown`. */
export function compileConditions(block: unknown, variables: boolean, path: PathKey[], issues: ConditionIssue[]): CompiledCondition[] {
  if (!isRecord(block)) {
    issues.push({
      severity: 'error',
      code: 'iam_malformed_condition',
      message: '`Condition` must be an object of operators',
      help: 'write `Condition: {StringEquals: {key: value}}`',
      path,
    });
    return [unknownCondition('Condition', '', 'the Condition block is not an object', path)];
  }
  const out: CompiledCondition[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    const opPath = [...path, operator];
    const parsed = parseOperator(operator);
    if ('message' in parsed) {
      issues.push({ severity: 'error', code: 'iam_unknown_operator', message: parsed.message, help: parsed.help, path: opPath });
      out.push(unknownCondition(operator, '', parsed.message, opPath));
      continue;
    }
    if (!isRecord(keys)) {
      issues.push({
        severity: 'error',
        code: 'iam_malformed_condition',
        message: `\`${operator}\` must map condition keys to values`,
        help: `write \`${operator}: {key: value}\``,
        path: opPath,
      });
      out.push(unknownCondition(operator, '', 'operator body is not an object', opPath));
      continue;
    }
    for (const [key, raw] of Object.entries(keys)) {
      out.push(compileOne(operator, parsed, key, raw, variables, [...opPath, key], issues));
    }
  }
  return out;
}

function unknownCondition(operator: string, key: string, reason: string, path: PathKey[]): CompiledCondition {
  return {
    operator,
    key,
    keyLower: key.toLowerCase(),
    qualifier: 'none',
    ifExists: false,
    negated: false,
    family: 'string',
    base: operator,
    rawValues: [],
    templates: [],
    numbers: [],
    cidrs: [],
    unknown: reason,
    path,
  };
}

function compileOne(
  operator: string,
  op: Exclude<ReturnType<typeof parseOperator>, { message: string }>,
  key: string,
  raw: unknown,
  variables: boolean,
  path: PathKey[],
  issues: ConditionIssue[],
): CompiledCondition {
  const list = Array.isArray(raw) ? raw : [raw];
  const rawValues: string[] = [];
  for (const v of list) {
    const text = scalarText(v);
    if (text === undefined) {
      issues.push({
        severity: 'error',
        code: 'iam_malformed_condition',
        message: `condition values of \`${operator}\` \`${key}\` must be strings, numbers or booleans`,
        help: 'write a value or a list of values',
        path,
      });
      return { ...unknownCondition(operator, key, 'a value is not a string, number or boolean', path) };
    }
    rawValues.push(text);
  }
  const c: CompiledCondition = {
    operator,
    key,
    keyLower: key.toLowerCase(),
    qualifier: op.qualifier,
    ifExists: op.ifExists,
    negated: op.spec.negated,
    family: op.spec.family,
    base: op.base,
    rawValues,
    templates: [],
    numbers: [],
    cidrs: [],
    path,
  };
  const bad = (reason: string, help: string) => {
    issues.push({ severity: 'error', code: 'iam_bad_condition_value', message: reason, help, path });
    c.unknown = reason;
  };
  const problems: TemplateProblem[] = [];
  switch (op.spec.family) {
    case 'string':
    case 'arn':
    case 'bool': {
      const like = op.base === 'StringLike' || op.base === 'StringNotLike' || op.spec.family === 'arn';
      c.templates = rawValues.map((v) => {
        const t = compileTemplate(v, { variables, wildcards: like }, problems);
        const lowerCase = op.base.endsWith('IgnoreCase') || op.base === 'Bool';
        return lowerCase && t.isStatic ? { ...t, parts: [(t.parts[0] as string).toLowerCase()] } : t;
      });
      if (c.templates.every((t) => t.isStatic)) c.staticValues = c.templates.map((t) => t.parts[0] as string);
      if (op.spec.family === 'bool' && rawValues.some((v) => !/^(true|false)$/i.test(v) && !v.includes('${'))) {
        issues.push({
          severity: 'warning',
          code: 'iam_bad_condition_value',
          message: `\`Bool\` value of \`${key}\` is neither \`true\` nor \`false\``,
          help: 'write `true` or `false`',
          path,
        });
      }
      break;
    }
    case 'numeric':
      for (const v of rawValues) {
        const n = parseNumber(v);
        if (n === undefined)
          bad(
            `\`${v}\` is not a number (\`${operator}\` \`${key}\`)`,
            'write an integer or a decimal; numeric operators take no policy variables',
          );
        else c.numbers.push(n);
      }
      break;
    case 'date':
      for (const v of rawValues) {
        const d = parseDate(v);
        if (d === undefined)
          bad(
            `\`${v}\` is not a date (\`${operator}\` \`${key}\`)`,
            'write an ISO 8601 date such as `2020-04-01T00:00:00Z` or epoch seconds',
          );
        else c.numbers.push(d);
      }
      break;
    case 'ip':
      for (const v of rawValues) {
        const b = parseCidr(v);
        if (!b)
          bad(`\`${v}\` is not an IP address or CIDR block (\`${operator}\` \`${key}\`)`, 'write e.g. `203.0.113.0/24` or `2001:DB8::/32`');
        else c.cidrs.push(b);
      }
      break;
    case 'null':
      if (rawValues.some((v) => !/^(true|false)$/i.test(v)))
        bad(`\`Null\` value of \`${key}\` must be \`true\` or \`false\``, 'write `true` (key absent) or `false` (key present)');
      break;
    default:
      break;
  }
  for (const p of problems) issues.push({ severity: 'error', code: 'iam_bad_variable', message: p.message, help: p.help, path });
  if (problems.length > 0 && !c.unknown) c.unknown = problems[0]!.message;
  lintKey(c, issues);
  return c;
}

/** Warnings about key usage that AWS accepts but that rarely mean what the author wants. */
function lintKey(c: CompiledCondition, issues: ConditionIssue[]): void {
  if (c.family === 'null') return;
  const type = conditionKeyType(c.key);
  if (type === undefined) return;
  if (isMultiValuedKey(c.key) && c.qualifier === 'none') {
    issues.push({
      severity: 'warning',
      code: 'iam_multivalued_key_without_set_operator',
      path: c.path,
      message: `\`${c.key}\` is multivalued but \`${c.operator}\` has no set operator`,
      help: 'prefix the operator with `ForAllValues:` or `ForAnyValue:`',
    });
  } else if (!isMultiValuedKey(c.key) && c.qualifier !== 'none') {
    issues.push({
      severity: 'warning',
      code: 'iam_set_operator_on_single_valued_key',
      path: c.path,
      message: `\`${c.operator}\` is used on the single-valued key \`${c.key}\``,
      help: 'set operators on single-valued keys are overly permissive; drop the `ForAllValues:`/`ForAnyValue:` prefix',
    });
  }
}
