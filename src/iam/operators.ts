/** The condition operators IAM knows, parsed from `[ForAllValues:|ForAnyValue:]Operator[IfExists]`. */
import type { CompiledCondition } from './types.js';

type Family = CompiledCondition['family'];

interface OperatorSpec {
  family: Family;
  negated: boolean;
  /** Policy values may contain policy variables (String, ARN and Bool operators). */
  variables: boolean;
}

const OPERATORS: Record<string, OperatorSpec> = {
  StringEquals: { family: 'string', negated: false, variables: true },
  StringNotEquals: { family: 'string', negated: true, variables: true },
  StringEqualsIgnoreCase: { family: 'string', negated: false, variables: true },
  StringNotEqualsIgnoreCase: { family: 'string', negated: true, variables: true },
  StringLike: { family: 'string', negated: false, variables: true },
  StringNotLike: { family: 'string', negated: true, variables: true },
  NumericEquals: { family: 'numeric', negated: false, variables: false },
  NumericNotEquals: { family: 'numeric', negated: true, variables: false },
  NumericLessThan: { family: 'numeric', negated: false, variables: false },
  NumericLessThanEquals: { family: 'numeric', negated: false, variables: false },
  NumericGreaterThan: { family: 'numeric', negated: false, variables: false },
  NumericGreaterThanEquals: { family: 'numeric', negated: false, variables: false },
  DateEquals: { family: 'date', negated: false, variables: false },
  DateNotEquals: { family: 'date', negated: true, variables: false },
  DateLessThan: { family: 'date', negated: false, variables: false },
  DateLessThanEquals: { family: 'date', negated: false, variables: false },
  DateGreaterThan: { family: 'date', negated: false, variables: false },
  DateGreaterThanEquals: { family: 'date', negated: false, variables: false },
  Bool: { family: 'bool', negated: false, variables: true },
  BinaryEquals: { family: 'binary', negated: false, variables: false },
  IpAddress: { family: 'ip', negated: false, variables: false },
  NotIpAddress: { family: 'ip', negated: true, variables: false },
  ArnEquals: { family: 'arn', negated: false, variables: true },
  ArnLike: { family: 'arn', negated: false, variables: true },
  ArnNotEquals: { family: 'arn', negated: true, variables: true },
  ArnNotLike: { family: 'arn', negated: true, variables: true },
  Null: { family: 'null', negated: false, variables: false },
};

const BY_LOWER = new Map(Object.keys(OPERATORS).map((k) => [k.toLowerCase(), k]));

export interface ParsedOperator {
  base: string;
  spec: OperatorSpec;
  qualifier: 'none' | 'all' | 'any';
  ifExists: boolean;
}

export type OperatorProblem = { message: string; help: string };

/** Parses an operator name; returns a problem for unknown or ill-formed names. */
export function parseOperator(name: string): ParsedOperator | OperatorProblem {
  let rest = name;
  let qualifier: ParsedOperator['qualifier'] = 'none';
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') qualifier = 'all';
    else if (q === 'foranyvalue') qualifier = 'any';
    else
      return { message: `unknown set operator \`${rest.slice(0, colon)}\` in \`${name}\``, help: 'use `ForAllValues:` or `ForAnyValue:`' };
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base) {
    const known = Object.keys(OPERATORS);
    const guess = known.find((k) => k.toLowerCase().startsWith(rest.toLowerCase().slice(0, 5)));
    return {
      message: `unknown condition operator \`${name}\``,
      help: guess
        ? `did you mean \`${guess}\`? keycard never lets a statement with an unknown operator grant access`
        : `use one of ${known.slice(0, 6).join(', ')}, ...`,
    };
  }
  if (base === 'Null' && (ifExists || qualifier !== 'none')) {
    return { message: `\`${name}\` is not a valid operator`, help: '`Null` takes neither `IfExists` nor a set operator' };
  }
  return { base, spec: OPERATORS[base]!, qualifier, ifExists };
}
