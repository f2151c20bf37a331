/**
 * Coverage of a scenario run: which role-mapping rules, roles and policy statements the
 * scenarios exercised. Every item no scenario reaches is listed with its file:line, so a team
 * finds the rule nobody tests.
 */
import type { Location } from '../diagnostics/diagnostic.js';
import type { Resolution } from '../cognito/types.js';
import { compiledOnce } from '../iam/index.js';
import { authorizeInSession, type Session } from '../access/session.js';
import type { PolicyKind } from '../iam/index.js';
import type { PolicyDocument, Project, Scenario } from '../model/types.js';

export type CoverageKind = 'rule' | 'role' | 'statement';

export interface CoverageItem {
  kind: CoverageKind;
  id: string;
  label: string;
  location?: Location;
  hits: number;
}

export interface CoverageCount {
  covered: number;
  total: number;
}

export interface CoverageReport {
  version: 1;
  summary: { rules: CoverageCount; roles: CoverageCount; statements: CoverageCount; covered: number; total: number; percent: number };
  items: CoverageItem[];
}

/**
 * One step of a collector, as data: an item registered (first registration wins) or hit. A worker
 * thread sends these; replaying them in file order rebuilds the report of a run on one thread.
 */
export type CoverageEvent = { add: CoverageKind; id: string; label: string; location?: Location } | { hit: CoverageKind; id: string };

/** Accumulates hits across scenarios; projects are enumerated once each. */
export class CoverageCollector {
  private readonly items = new Map<string, CoverageItem>();
  private readonly projects = new Set<Project>();

  /** `onEvent` sees every registration and hit (worker threads forward them). */
  constructor(private readonly onEvent?: (e: CoverageEvent) => void) {}

  private add(kind: CoverageKind, id: string, label: string, location?: Location): void {
    this.onEvent?.({ add: kind, id, label, ...(location ? { location } : {}) });
    const key = `${kind}:${id}`;
    if (!this.items.has(key)) this.items.set(key, { kind, id, label, ...(location ? { location } : {}), hits: 0 });
  }

  private hit(kind: CoverageKind, id: string): void {
    this.onEvent?.({ hit: kind, id });
    const item = this.items.get(`${kind}:${id}`);
    if (item) item.hits++;
  }

  /** Applies an event recorded by another collector. */
  replay(e: CoverageEvent): void {
    if ('add' in e) this.add(e.add, e.id, e.label, e.location);
    else this.hit(e.hit, e.id);
  }

  /** Registers every rule, role and statement of a project (once). */
  enumerate(project: Project): void {
    if (this.projects.has(project)) return;
    this.projects.add(project);
    const mappings = project.identityPoolRoles.RoleMappings ?? {};
    for (const [key, m] of Object.entries(mappings)) {
      (m.RulesConfiguration?.Rules ?? []).forEach((r, i) => {
        this.add(
          'rule',
          ruleId(key, i),
          `${key} rule ${i + 1}: \`${r.Claim}\` ${r.MatchType} \`${r.Value}\` → ${r.RoleARN.split('/').pop()}`,
          project.locate.identityPoolRoles(['RoleMappings', key, 'RulesConfiguration', 'Rules', i]),
        );
      });
    }
    const roleArns = new Set<string>([...project.roles.keys(), ...Object.values(project.identityPoolRoles.Roles ?? {})]);
    for (const m of Object.values(mappings)) for (const r of m.RulesConfiguration?.Rules ?? []) roleArns.add(r.RoleARN);
    for (const arn of roleArns) this.add('role', arn, `role ${arn.split('/').pop()}`, project.roles.get(arn)?.location);
    const docs: [PolicyDocument, PolicyKind][] = [];
    for (const role of project.roles.values()) for (const d of role.inlinePolicies) docs.push([d, 'identity']);
    for (const mp of project.managedPolicies.values()) docs.push([mp.document, isBoundary(project, mp.Arn) ? 'boundary' : 'identity']);
    for (const d of project.resourcePolicies.values()) docs.push([d, 'resource']);
    for (const d of project.organization.serviceControlPolicies) docs.push([d, 'scp']);
    for (const d of project.organization.resourceControlPolicies) docs.push([d, 'rcp']);
    for (const [doc, kind] of docs) {
      for (const st of compiledOnce(doc, kind).statements) {
        this.add(
          'statement',
          statementId(doc.name, st.index),
          `${doc.name} ${st.sid ? `\`${st.sid}\`` : `statement ${st.index + 1}`}`,
          st.location,
        );
      }
    }
  }

  /** Records what one scenario exercised. */
  record(s: Scenario, r: Resolution, session: Session | undefined): void {
    this.enumerate(s.project);
    for (const t of r.trace)
      if (t.step === 'rule' && t.outcome === 'match' && t.ruleIndex !== undefined && r.provider)
        this.hit('rule', ruleId(r.provider, t.ruleIndex));
    if (r.outcome === 'credentials' && r.role) this.hit('role', r.role);
    if (!session) return;
    for (const line of [...s.expect.allow, ...s.expect.deny, ...s.expect.explicitDeny]) {
      const e = authorizeInSession(session, line, { explain: true }).explain;
      for (const p of e?.policies ?? [])
        for (const st of p.statements) if (st.matched) this.hit('statement', statementId(p.name, st.index));
    }
  }

  report(): CoverageReport {
    const items = [...this.items.values()];
    const count = (kind: CoverageKind): CoverageCount => {
      const of = items.filter((i) => i.kind === kind);
      return { covered: of.filter((i) => i.hits > 0).length, total: of.length };
    };
    const rules = count('rule');
    const roles = count('role');
    const statements = count('statement');
    const covered = rules.covered + roles.covered + statements.covered;
    const total = rules.total + roles.total + statements.total;
    // Round down, so a threshold is never met by rounding (OPA's practice).
    const percent = total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
    return { version: 1, summary: { rules, roles, statements, covered, total, percent }, items };
  }
}

function isBoundary(project: Project, arn: string): boolean {
  for (const r of project.roles.values()) if (r.permissionsBoundaryArn === arn) return true;
  return false;
}

function ruleId(provider: string, index: number): string {
  return `${provider}#${index}`;
}

function statementId(policy: string, index: number): string {
  return `${policy}#${index}`;
}
