/**
 * `from: [{terraform: plan.json}]`: the output of `terraform show -json` for a plan
 * (`planned_values.root_module`, with `resource_changes[].change.after_unknown`) or for a state
 * (`values.root_module`), child modules included, in Terraform's JSON output format. Instances keep
 * Terraform's addresses (`module.auth.aws_iam_role.group["admin"]`). An attribute the plan marks
 * unknown takes the value the AWS provider documents (computed.ts: a placeholder for a name made up
 * at apply time) or, where nothing documents it, an unresolved value.
 */
import { KeycardInputError, type Location, type PathKey } from '../../diagnostics/diagnostic.js';
import { loadSourceFile } from '../../load/source.js';
import { READ_ATTRS } from './collect.js';
import { afterApply, withComputed, type TfComputeContext } from './computed.js';
import type { TfReadResult, TfResource } from './resources.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function notShowJson(file: string, message: string, location: Location | undefined): never {
  throw new KeycardInputError([
    {
      code: 'import_terraform_json',
      severity: 'error',
      message,
      help: 'give keycard the output of `terraform show -json tfplan > plan.json` (a plan) or `terraform show -json > state.json` (a state)',
      location: location ?? { file, line: 1, column: 1 },
    },
  ]);
}

/**
 * Attributes that are unknown in their entirety when the resource does not configure them: the
 * provider then reads back what other resources attach (aws_iam_role_policy,
 * aws_iam_role_policy_attachment), which the plan gives as resources of their own.
 */
const READ_BACK: Record<string, string[]> = { aws_iam_role: ['inline_policy', 'managed_policy_arns'] };

/** The paths of `after_unknown` that are `true`: `[['arn'], ['inline_policy', 0, 'policy']]`. */
function unknownPaths(v: unknown, prefix: PathKey[] = [], out: PathKey[][] = []): PathKey[][] {
  if (v === true) out.push(prefix);
  else if (Array.isArray(v)) v.forEach((x, i) => unknownPaths(x, [...prefix, i], out));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) unknownPaths(x, [...prefix, k], out);
  return out;
}

/** `inline_policy[0].policy`: the name `values:` gives an unknown nested attribute. */
function pathName(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function has(v: unknown, path: readonly PathKey[]): boolean {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !(k in cur)) return false;
    cur = (cur as Record<PathKey, unknown>)[k];
  }
  return true;
}

function setAt(values: Obj, path: readonly PathKey[], value: unknown): void {
  let cur: unknown = values;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = path[i + 1]!;
    const c = cur as Record<PathKey, unknown>;
    if (c[k] === null || typeof c[k] !== 'object') c[k] = typeof next === 'number' ? [] : {};
    cur = c[k];
  }
  (cur as Record<PathKey, unknown>)[path[path.length - 1]!] = value;
}

/** Reads a `terraform show -json` file (plan or state) into resource instances. */
export function readPlanJson(file: string, ctx: TfComputeContext): TfReadResult {
  const src = loadSourceFile(file);
  const doc = src.value;
  if (!isObj(doc) || typeof doc.format_version !== 'string')
    notShowJson(file, `\`${file}\` is not the JSON output of \`terraform show -json\` (it has no \`format_version\`)`, src.locate([]));
  const plan = isObj(doc.planned_values);
  const top = plan ? 'planned_values' : 'values';
  const values = doc[top];
  if (!isObj(values)) {
    const what =
      doc.values === null || doc.planned_values === null ? 'an empty state' : 'neither `planned_values` (a plan) nor `values` (a state)';
    notShowJson(file, `\`${file}\` holds ${what}`, src.locate([]));
  }
  const unknown = new Map<string, PathKey[][]>();
  const changeAt = new Map<string, number>();
  if (plan && Array.isArray(doc.resource_changes)) {
    doc.resource_changes.forEach((c: unknown, i) => {
      if (!isObj(c) || typeof c.address !== 'string' || !isObj(c.change)) return;
      changeAt.set(c.address, i);
      const paths = unknownPaths(c.change.after_unknown);
      if (paths.length) unknown.set(c.address, paths);
    });
  }
  const resources: TfResource[] = [];
  const walk = (mod: unknown, path: PathKey[], depth: number) => {
    if (!isObj(mod)) return;
    if (depth > 64) notShowJson(file, `\`${file}\` nests modules more than 64 levels deep`, src.locate(path));
    const module = typeof mod.address === 'string' ? mod.address : '';
    (Array.isArray(mod.resources) ? mod.resources : []).forEach((r: unknown, i) => {
      const at: PathKey[] = [...path, 'resources', i];
      if (!isObj(r) || typeof r.address !== 'string' || typeof r.type !== 'string') {
        notShowJson(file, `resource ${i + 1} of \`${module || 'the root module'}\` has no \`address\` or \`type\``, src.locate(at));
      }
      const address = r.address;
      const type = r.type as string;
      const location = src.locate(at);
      const given: Obj = isObj(r.values) ? structuredClone(r.values) : {};
      const paths = unknown.get(address) ?? [];
      const change = changeAt.get(address);
      const unknownAt = (p: readonly PathKey[]) =>
        change === undefined ? location : src.locate(['resource_changes', change, 'change', 'after_unknown', ...p]);
      // An attribute the plan gives is located in planned_values; one it leaves unknown, in after_unknown.
      const locate = (p: readonly PathKey[]) =>
        has(given, p) || !paths.some((u) => p.length >= u.length && u.every((k, n) => k === p[n]))
          ? src.locate([...at, 'values', ...p])
          : unknownAt(p);
      // Top-level unknowns first take what the provider documents; what is still missing is unresolved.
      const full = withComputed(type, address, given, ctx);
      for (const p of paths) {
        if (p.length === 1 && READ_BACK[type]?.includes(p[0] as string)) {
          full[p[0] as string] = [];
          continue;
        }
        if (!READ_ATTRS[type]?.includes(p[0] as string)) continue; // its content decides nothing keycard reads
        const known = p.length === 1 && full[p[0] as string] !== undefined && full[p[0] as string] !== null;
        if (!known) setAt(full, p, afterApply(address, pathName(p), ctx, unknownAt(p)));
      }
      const mode = r.mode === 'data' ? 'data' : 'managed';
      const res: TfResource = { address, mode, type, name: String(r.name ?? ''), module, values: full, location, locate };
      if (typeof r.index === 'string' || typeof r.index === 'number') res.index = r.index;
      resources.push(res);
    });
    (Array.isArray(mod.child_modules) ? mod.child_modules : []).forEach((c: unknown, j) =>
      walk(c, [...path, 'child_modules', j], depth + 1),
    );
  };
  walk(values.root_module, [top, 'root_module'], 0);
  return { resources, files: [file] };
}
