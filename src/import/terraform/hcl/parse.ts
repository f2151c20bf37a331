/**
 * HashiCorp's HCL parser (hashicorp/hcl v2, compiled to WebAssembly in `@cdktn/hcl2json`, the
 * maintained fork of `@cdktf/hcl2json`); keycard parses no HCL itself. Two calls are used:
 * - `parse`: a `.tf` file → Terraform's JSON configuration syntax (blocks as arrays of objects,
 *   every string a template, expressions as `${...}` holding their source text);
 * - `getExpressionAst`: one template → its syntax tree (function calls, traversals, `for`, splats).
 *
 * The package's own bridge is async only; the Go functions answer through a callback that they
 * call before returning, so keycard loads the module synchronously and calls them directly. The
 * module (7 MB of WebAssembly) is loaded on the first Terraform folder only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { KeycardInputError, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { beforeWebAssembly } from '../../../load/wasm-tier.js';

type GoFn = (...args: unknown[]) => void;
interface Bridge {
  parse: GoFn;
  getExpressionAst: GoFn;
}

/** A node of the expression syntax tree (`@cdktn/hcl2json` syntax-tree.d.ts). */
export interface AstNode {
  type: string;
  meta: Record<string, unknown> & { value?: string };
  children: AstNode[];
  range?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

let bridge: Bridge | undefined;

function load(): Bridge {
  if (bridge) return bridge;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@cdktn/hcl2json/package.json'));
  require(join(dir, 'wasm', 'bridge_wasm_exec.js'));
  // Node's WebAssembly global (the DOM typings that declare it are not in this project's lib).
  const g = globalThis as unknown as {
    Go: new () => { importObject: unknown; run(i: unknown): Promise<void> };
    WebAssembly: { Module: new (bytes: Uint8Array) => unknown; Instance: new (m: unknown, imports: unknown) => unknown };
  };
  beforeWebAssembly();
  const module = new g.WebAssembly.Module(gunzipSync(readFileSync(join(dir, 'main.wasm.gz'))));
  const go = new g.Go();
  const instance = new g.WebAssembly.Instance(module, go.importObject);
  const root: Record<string, GoFn> = {};
  (globalThis as Record<string, unknown>).__parse_terraform_config_wasm__ = root;
  void go.run(instance);
  if (typeof root.parse !== 'function' || typeof root.getExpressionAst !== 'function') throw new Error('the HCL parser did not start');
  bridge = { parse: root.parse, getExpressionAst: root.getExpressionAst };
  return bridge;
}

/** Calls a Go function; it answers through its callback before returning. */
function call(fn: GoFn, ...args: unknown[]): { error?: string; result?: string } {
  let answer: { error?: string; result?: string } | undefined;
  fn(...args, (err: unknown, msg: unknown) => {
    answer = err ? { error: String(err) } : { result: String(msg) };
  });
  if (!answer) throw new Error('the HCL parser did not answer synchronously');
  return answer;
}

const NAME = 'input.tf';

/** HCL's diagnostics (`input.tf:2,7-3,1: Summary; Detail.`) as keycard diagnostics at `file`. */
export function syntaxDiagnostics(message: string, file: string, code = 'import_terraform_syntax'): Diagnostic[] {
  const at = /input\.tf:(\d+),(\d+)-(?:(\d+),)?(\d+): /g;
  const hits = [...message.matchAll(at)];
  if (hits.length === 0)
    return [{ code, severity: 'error', message: message.replace(/^parse config: /, ''), location: { file, line: 1, column: 1 } }];
  return hits.map((m, i) => {
    const end = hits[i + 1]?.index ?? message.length;
    const text = message
      .slice(m.index + m[0].length, end)
      .replace(/\]\s*$/, '')
      .trim();
    const [summary, ...detail] = text.split('; ');
    const line = Number(m[1]);
    return {
      code,
      severity: 'error' as const,
      message: `${(summary ?? 'syntax error').replace(/^./, (c) => c.toLowerCase())} in Terraform file`,
      help: detail.join('; ') || 'fix the syntax; `terraform validate` shows the same error',
      location: { file, line, column: Number(m[2]), endLine: Number(m[3] ?? line), endColumn: Number(m[4]) },
    };
  });
}

/** A `.tf` or `.tfvars` file in Terraform's JSON syntax; a syntax error is an input error at its line. */
export function parseHclFile(file: string, text: string): Record<string, unknown> {
  const { error, result } = call(load().parse, NAME, text);
  if (error !== undefined) throw new KeycardInputError(syntaxDiagnostics(error, file).slice(0, 3));
  return JSON.parse(result ?? '{}') as Record<string, unknown>;
}

const astCache = new Map<string, AstNode | Error>();
const DELIM = 'KEYCARD_HCL_TEMPLATE_END';

/**
 * The syntax tree of a string of Terraform's JSON syntax (a template: `${...}`, `%{...}`). It is
 * given to the parser as a heredoc, where only `$${` and `%%{` are escapes, as in JSON syntax.
 */
export function templateAst(template: string): AstNode {
  const cached = astCache.get(template);
  if (cached instanceof Error) throw cached;
  if (cached) return cached;
  const { error, result } = call(load().getExpressionAst, NAME, `<<${DELIM}\n${template}\n${DELIM}\n`);
  if (error !== undefined || !result || result === 'null') {
    const e = new Error(error ?? 'not an expression');
    astCache.set(template, e);
    throw e;
  }
  const ast = JSON.parse(result) as AstNode;
  astCache.set(template, ast);
  return ast;
}
