/**
 * `from: [{amplify: amplify, env: dev}]`: an Amplify Gen 1 project folder (imports.md §2). Each
 * `backend/<category>/<resource>/` stack is read with its parameters, wired as the Amplify CLI
 * wires them: `<category><resource><Output>` parameters take that stack's outputs. The root stack
 * (backend/awscloudformation, left out of git by Amplify's .gitignore) is read when present, and
 * otherwise modelled: its auth and unauth roles with the standard Cognito trust policy and no
 * policies of their own. The user-pool-groups RoleMapFunction
 * is modelled too: Token mappings with AmbiguousRoleResolution AuthenticatedRole for its clients.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Location } from '../diagnostics/diagnostic.js';
import { loadSourceFile, subLocator } from '../load/source.js';
import { collectStack, type Collected } from './cfn/collect.js';
import { parseTemplate, readTemplate, type Template } from './cfn/parse.js';
import { cfnString, Stack } from './cfn/stack.js';
import * as ph from './placeholders.js';
import type { ImportState } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

interface AmplifyResource {
  category: string;
  name: string;
  dir: string;
  templateFile: string;
  parameters: Obj;
  stack?: Stack;
}

export function importAmplify(entry: Obj, state: ImportState, out: Collected, at: Location | undefined): void {
  const root = resolve(state.options.dir, String(entry.amplify));
  const backend = join(root, 'backend');
  if (!existsSync(backend)) {
    state.error(
      'import_amplify_backend',
      `\`${String(entry.amplify)}\` has no backend/ folder`,
      at,
      'name the amplify/ folder of an Amplify Gen 1 project',
    );
    return;
  }
  state.sources.push(`amplify ${relative(state.options.dir, root) || root}`);
  const env = typeof entry.env === 'string' ? entry.env : 'dev';
  const projectName = readProjectName(root);
  const seed = relative(state.options.dir, root);
  const teamFile = join(root, 'team-provider-info.json');
  const team = existsSync(teamFile) ? (loadSourceFile(teamFile).value as Obj)[env] : undefined;
  const teamRoot = isObj(team) && isObj(team.awscloudformation) ? team.awscloudformation : {};
  const digits = ph.digits(`${seed}\n${env}`, 6);
  const rootName = typeof teamRoot.StackName === 'string' ? teamRoot.StackName : `amplify-${projectName}-${env}-${digits}`;

  const resources = findResources(state, backend, isObj(team) && isObj(team.categories) ? team.categories : {});
  // The root stack: read when the project keeps it (backend/awscloudformation, which Amplify's
  // .gitignore leaves out), otherwise modelled.
  const authRoleName = typeof teamRoot.AuthRoleName === 'string' ? teamRoot.AuthRoleName : `${rootName}-authRole`;
  const unauthRoleName = typeof teamRoot.UnauthRoleName === 'string' ? teamRoot.UnauthRoleName : `${rootName}-unauthRole`;
  const deploymentBucket = typeof teamRoot.DeploymentBucketName === 'string' ? teamRoot.DeploymentBucketName : `${rootName}-deployment`;
  const rootFile = findRootTemplate(backend);
  const rootTemplate: Template = rootFile
    ? readTemplateOrTemplated(state, rootFile)
    : {
        file: join(backend, 'awscloudformation', '(modelled root stack)'),
        value: {
          Parameters: {
            AuthRoleName: { Type: 'String', Default: authRoleName },
            UnauthRoleName: { Type: 'String', Default: unauthRoleName },
            DeploymentBucketName: { Type: 'String', Default: deploymentBucket },
          },
          Resources: {
            AuthRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: authRoleName } },
            UnauthRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: unauthRoleName } },
          },
        },
        locate: () => ({ file: backend, line: 1, column: 1 }),
      };
  // The Amplify CLI deploys the root stack with these parameters (its Defaults are stand-ins).
  const rootParameters: Obj = rootFile
    ? { AuthRoleName: authRoleName, UnauthRoleName: unauthRoleName, DeploymentBucketName: deploymentBucket }
    : {};
  const rootStack = new Stack(state, { template: rootTemplate, name: rootName, label: 'root', parameters: rootParameters, seed });
  const rootValues: Obj = {
    AuthRoleName: authRoleName,
    UnauthRoleName: unauthRoleName,
    AuthRoleArn: rootStack.getAtt('AuthRole', 'Arn', []),
    UnauthRoleArn: rootStack.getAtt('UnauthRole', 'Arn', []),
    env,
  };

  const byKey = new Map(resources.map((r) => [`${r.category}${r.name}`, r]));
  const stackFor = (r: AmplifyResource): Stack => {
    if (r.stack) return r.stack;
    const template = readTemplateOrTemplated(state, r.templateFile);
    const decls = (template.value.Parameters as Record<string, Obj> | undefined) ?? {};
    const params: Obj = {};
    for (const name of Object.keys(decls)) {
      if (Object.prototype.hasOwnProperty.call(r.parameters, name)) params[name] = rootStack.eval(r.parameters[name], []);
      else if (Object.prototype.hasOwnProperty.call(rootValues, name)) params[name] = rootValues[name];
      else {
        const wired = wiredOutput(name, byKey);
        if (wired) {
          const from = stackFor(wired.resource);
          params[name] = from.output(wired.output, ['Parameters', name]);
        }
      }
    }
    r.stack = new Stack(state, {
      template,
      name: `${rootName}-${r.category}${r.name}-${ph.generatedName('', '', `${seed}\n${r.category}${r.name}`, 14).slice(2)}`,
      label: `${r.category}${r.name}`,
      parameters: params,
      seed,
    });
    return r.stack;
  };

  const ordered = [...resources].sort((a, b) => rank(a) - rank(b));
  for (const r of ordered) {
    const stack = stackFor(r);
    collectStack(stack, out);
    modelRoleMapFunction(stack, out);
  }
  // The root roles' trust policy: the one UpdateRolesWithIDPFunction (or the console) gives them.
  const pool = out.pools[0];
  const aud = pool ? pool.id : undefined;
  const trust = (amr: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          ...(aud ? { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud } } : {}),
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
        },
      },
    ],
  });
  const resourcesOfRoot = (rootTemplate.value.Resources ?? {}) as Record<string, Obj>;
  for (const [id, amr] of [
    ['AuthRole', 'authenticated'],
    ['UnauthRole', 'unauthenticated'],
  ] as const) {
    const props = resourcesOfRoot[id]?.Properties;
    if (!isObj(props)) continue;
    // A root stack read from the project keeps a trust policy that lets Cognito in; the one the
    // Amplify CLI writes first (a Deny) is replaced at deploy once the project has auth.
    if (rootFile && (!pool || admitsCognito(props.AssumeRolePolicyDocument))) continue;
    props.AssumeRolePolicyDocument = trust(amr);
  }
  collectStack(rootStack, out);
  state.reference('AuthRole.Arn', {
    value: cfnString(rootValues.AuthRoleArn),
    location: rootTemplate.locate(rootFile ? ['Resources', 'AuthRole'] : []),
  });
  state.reference('UnauthRole.Arn', {
    value: cfnString(rootValues.UnauthRoleArn),
    location: rootTemplate.locate(rootFile ? ['Resources', 'UnauthRole'] : []),
  });
}

/** The root stack as the Amplify CLI writes it, when the project keeps it. */
function findRootTemplate(backend: string): string | undefined {
  const dir = join(backend, 'awscloudformation');
  return [
    'build/root-cloudformation-stack.json',
    'root-cloudformation-stack.json',
    'nested-cloudformation-stack.yml',
    'build/nested-cloudformation-stack.yml',
  ]
    .map((f) => join(dir, f))
    .find((f) => existsSync(f));
}

/** True when a trust policy has an Allow for Cognito's federated principal and no Deny. */
function admitsCognito(doc: unknown): boolean {
  const statements = isObj(doc) ? (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) : [];
  const text = JSON.stringify(statements);
  return (
    text.includes('cognito-identity.amazonaws.com') &&
    statements.some((st) => isObj(st) && st.Effect === 'Allow') &&
    !statements.some((st) => isObj(st) && st.Effect === 'Deny')
  );
}

/** Auth first (the pool), then user pool groups, then everything else. */
function rank(r: AmplifyResource): number {
  if (r.category === 'auth' && r.name !== 'userPoolGroups') return 0;
  if (r.category === 'auth') return 1;
  return 2;
}

function readProjectName(root: string): string {
  const cfg = join(root, '.config', 'project-config.json');
  if (existsSync(cfg)) {
    try {
      const name = (JSON.parse(readFileSync(cfg, 'utf8')) as Obj).projectName;
      if (typeof name === 'string') return name;
    } catch {
      // fall through to the folder name
    }
  }
  return (
    basename(dirname(root))
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 20) || 'amplify'
  );
}

/** `authmyauthUserPoolId` → the output `UserPoolId` of backend/auth/myauth. */
function wiredOutput(name: string, byKey: Map<string, AmplifyResource>): { resource: AmplifyResource; output: string } | undefined {
  let best: { resource: AmplifyResource; output: string } | undefined;
  for (const [key, r] of byKey) {
    if (name.startsWith(key) && name.length > key.length && (!best || key.length > `${best.resource.category}${best.resource.name}`.length))
      best = { resource: r, output: name.slice(key.length) };
  }
  return best;
}

function findResources(state: ImportState, backend: string, teamCategories: Obj): AmplifyResource[] {
  const out: AmplifyResource[] = [];
  for (const category of readdirSync(backend).sort()) {
    const cdir = join(backend, category);
    if (category === 'awscloudformation' || category.startsWith('.') || !statSync(cdir).isDirectory()) continue;
    for (const name of readdirSync(cdir).sort()) {
      const dir = join(cdir, name);
      if (!statSync(dir).isDirectory()) continue;
      const templateFile = findTemplate(dir);
      if (!templateFile) continue;
      const parameters: Obj = {};
      const pfile = join(dir, 'parameters.json');
      const ptemplate = join(dir, 'parameters.json.template');
      if (existsSync(pfile)) {
        Object.assign(parameters, loadSourceFile(pfile).value as Obj);
        state.files.push(pfile);
      } else if (existsSync(ptemplate)) {
        Object.assign(parameters, templatedParameters(state, ptemplate));
      }
      const team = isObj(teamCategories[category]) ? (teamCategories[category] as Obj)[name] : undefined;
      if (isObj(team)) Object.assign(parameters, team);
      out.push({ category, name, dir, templateFile, parameters });
    }
  }
  return out;
}

function findTemplate(dir: string): string | undefined {
  const pick = (d: string) =>
    existsSync(d)
      ? readdirSync(d)
          .sort()
          .find((f) => /(^template|cloudformation-template)\.(json|ya?ml)$/.test(f))
      : undefined;
  const own = pick(dir);
  if (own) return join(dir, own);
  const built = pick(join(dir, 'build'));
  return built ? join(dir, 'build', built) : undefined;
}

/** parameters.json.template: each `{{name}}` is a value no file gives. */
function templatedParameters(state: ImportState, file: string): Obj {
  const text = readFileSync(file, 'utf8');
  state.files.push(file);
  const lines = text.split('\n');
  const replaced = text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, name: string, offset: number) => {
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - text.lastIndexOf('\n', offset - 1);
    void lines;
    const v = state.unresolvedValue(
      `{{${name}}}`,
      { file, line, column },
      `Amplify fills \`{{${name}}}\` at deploy time: give it with \`values: {"{{${name}}}": ...}\``,
    );
    return JSON.stringify(cfnString(v)).slice(1, -1);
  });
  try {
    return JSON.parse(replaced) as Obj;
  } catch {
    state.error(
      'import_amplify_parameters',
      `\`${file}\` is not JSON once its placeholders are filled`,
      { file, line: 1, column: 1 },
      'check the file',
    );
    return {};
  }
}

function readTemplateOrTemplated(state: ImportState, file: string): Template {
  state.files.push(file);
  return file.endsWith('.json') || file.endsWith('.yml') || file.endsWith('.yaml')
    ? readTemplate(file)
    : parseTemplate(readFileSync(file, 'utf8'), file);
}

/**
 * The user-pool-groups RoleMapFunction: for each app client it is given, a Token mapping with
 * AmbiguousRoleResolution AuthenticatedRole (what its Lambda code calls SetIdentityPoolRoles with).
 */
function modelRoleMapFunction(stack: Stack, out: Collected): void {
  for (const [id, res] of Object.entries(stack.resources)) {
    const token = (res.Properties as Obj | undefined)?.ServiceToken as Obj | undefined;
    const target = isObj(token) && Array.isArray(token['Fn::GetAtt']) ? String((token['Fn::GetAtt'] as unknown[])[0]) : undefined;
    if (target !== 'RoleMapFunction' || stack.included(id) === false) continue;
    const p = stack.props(id);
    const region = typeof p.region === 'string' ? p.region : stack.state.options.region;
    const provider = `cognito-idp.${region}.amazonaws.com/${cfnString(p.userPoolId)}`;
    const mappings: Obj = {};
    for (const key of ['appClientID', 'appClientIDWeb']) {
      if (p[key] === undefined) continue;
      const name = `${provider}:${cfnString(p[key])}`;
      mappings[name] = { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' };
    }
    out.attachments.push({
      id,
      props: { IdentityPoolId: p.identityPoolId, RoleMappings: mappings },
      location: stack.loc(['Resources', id]),
      locate: subLocator(stack.opts.template.locate, ['Resources', id, 'Properties']),
    });
  }
}
