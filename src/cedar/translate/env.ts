/** What a translation needs to know and what it records: request values, variables, problems, used context views. */
import type { PathKey } from '../../diagnostics/diagnostic.js';

/** A construct Cedar cannot express exactly; reported with its path inside the policy document. */
export interface Untranslatable {
  message: string;
  help: string;
  path: PathKey[];
}

/** Cedar type of one context attribute (a view of an IAM condition key). */
export type ViewType = 'String' | 'Set<String>' | 'decimal' | 'datetime' | 'ipaddr' | 'Arn';

/** One context attribute: view `view` (`''`, `set`, `lc`, `num`...) of condition key `key`. */
export interface ContextView {
  key: string;
  view: string;
  type: ViewType;
}

export interface TranslateEnv {
  /**
   * Request context by lowercase key (non-empty value lists only). Undefined when translating
   * without a request (export): keys are then assumed single-valued.
   */
  request?: Map<string, string[]>;
  /** Policy variables are substituted (Version 2012-10-17). */
  variables: boolean;
  problems: Untranslatable[];
  /** Context attributes the generated policies read, by attribute name. */
  views: Map<string, ContextView>;
}

export function untranslatable(env: TranslateEnv, path: PathKey[], message: string, help: string): void {
  env.problems.push({ message, help, path });
}

/** The context attribute name of a view of a key: `k`, `k#set`, `k#lc`, `k#num`... */
function viewName(key: string, view: string): string {
  return view === '' ? key : `${key}#${view}`;
}

export function useView(env: TranslateEnv, key: string, view: string, type: ViewType): string {
  const name = viewName(key, view);
  env.views.set(name, { key, view, type });
  return name;
}
