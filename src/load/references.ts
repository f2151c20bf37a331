/**
 * `${...}` references in scenario strings (imports.md §5): `${LogicalId}`, `${LogicalId.Attr}`,
 * `${Stack/LogicalId}`, `${AWS::AccountId}`, `${identityId}`, and `${!text}` for a literal
 * `${text}`. Resolved when the scenario loads; a name that names nothing is an error at its line,
 * with the closest names offered.
 */
import { closest } from '../text/edit-distance.js';
import { KeycardInputError, type Location } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/types.js';

const REF = /\$\{([^}]*)\}/g;

/** The names a scenario of this project may use, and their values (`identityId` aside). */
export function referenceTable(project: Project): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, r] of project.imports?.references ?? []) out.set(k, r.value);
  const partition = project.region.startsWith('cn-') ? 'aws-cn' : project.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  out.set('AWS::AccountId', project.account);
  out.set('AWS::Region', project.region);
  out.set('AWS::Partition', partition);
  return out;
}

export class References {
  constructor(
    private readonly table: Map<string, string>,
    private identityId: () => string,
  ) {}

  withIdentityId(f: () => string): References {
    return new References(this.table, f);
  }

  /** Substitutes every reference of `text`; throws at `location` for an unknown name. */
  sub(text: string, location: Location | undefined): string {
    if (!text.includes('${')) return text;
    return text.replace(REF, (_m, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (name === 'identityId') return this.identityId();
      const v = this.table.get(name);
      if (v !== undefined) return v;
      const near = closest(name, [...this.table.keys(), 'identityId'], Math.max(3, Math.floor(name.length / 3)));
      const sample = [...this.table.keys()].filter((k) => !k.startsWith('AWS::')).slice(0, 4);
      throw new KeycardInputError([
        {
          code: 'scenario_unknown_reference',
          severity: 'error',
          message: `\`\${${name}}\` names nothing this project defines`,
          help: near
            ? `did you mean \`\${${near}}\`? (\`keycard import\` lists every name)`
            : `\`keycard import\` lists every name${sample.length ? `, e.g. ${sample.map((s) => `\`\${${s}}\``).join(', ')}` : ''}; write \`\${!${name}}\` for the literal text`,
          location,
        },
      ]);
    });
  }

  /** Substitutes inside every string of a JSON-like value (claims). */
  subDeep(v: unknown, location: Location | undefined): unknown {
    if (typeof v === 'string') return this.sub(v, location);
    if (Array.isArray(v)) return v.map((x) => this.subDeep(x, location));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.subDeep(x, location)]));
    return v;
  }
}
