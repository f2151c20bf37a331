/**
 * Principal tags for attribute-based access control (cognito-reference §3): the attribute map of the
 * login's provider maps tag key -> claim name; UseDefaults adds the provider's default mappings.
 */
import type { Claims, PrincipalTagAttributeMap, Project } from '../model/types.js';
import { oidcHost } from './arn.js';
import { claimText, getClaim, hasClaim } from './claims.js';
import type { Provider } from './providers.js';
import type { TraceStep } from './types.js';

const NAMEIDENTIFIER = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';

/** Default tag key -> claim name per provider kind (provider-mappings page; key names per §3). */
export function defaultTagMappings(provider: Provider): Record<string, string> {
  if (provider.kind === 'saml') return { username: NAMEIDENTIFIER };
  if (provider.kind === 'developer') return {};
  if (provider.login === 'www.amazon.com') return { username: 'user_id', client: 'aud' };
  return { username: 'sub', client: 'aud' };
}

/** The attribute map whose IdentityProviderName names this login (the Logins key; OIDC by host or ARN). */
export function findTagMap(project: Project, provider: Provider): { map: PrincipalTagAttributeMap; index: number } | undefined {
  const names = new Set([provider.login, provider.name]);
  const maps = Array.isArray(project.principalTags) ? project.principalTags : [];
  for (let index = 0; index < maps.length; index++) {
    const map = maps[index];
    if (!map || typeof map.IdentityProviderName !== 'string') continue;
    const name = map.IdentityProviderName;
    if (names.has(name) || (provider.kind === 'oidc' && oidcHost(name) === provider.name)) return { map, index };
  }
  return undefined;
}

export function principalTagsFor(
  project: Project,
  provider: Provider,
  claims: Claims,
): { tags: Record<string, string>; steps: TraceStep[] } {
  const found = findTagMap(project, provider);
  if (!found) {
    return {
      tags: {},
      steps: [
        { step: 'tags', message: `no principal-tag attribute map for \`${provider.login}\`: the session gets no tags`, outcome: 'info' },
      ],
    };
  }
  const { map, index } = found;
  const location = project.locate.principalTags([index]);
  const explicit = map.PrincipalTags && typeof map.PrincipalTags === 'object' ? map.PrincipalTags : {};
  const mappings: Record<string, string> = { ...(map.UseDefaults === true ? defaultTagMappings(provider) : {}), ...explicit };
  const tags: Record<string, string> = {};
  const steps: TraceStep[] = [];
  for (const tagKey of Object.keys(mappings)) {
    const claimName = String(mappings[tagKey]);
    if (!hasClaim(claims, claimName)) {
      steps.push({
        step: 'tags',
        message: `tag \`${tagKey}\` not set: the token has no \`${claimName}\` claim`,
        outcome: 'skip',
        location,
      });
      continue;
    }
    const value = getClaim(claims, claimName);
    if (Array.isArray(value) || (value !== null && typeof value === 'object')) {
      steps.push({
        step: 'tags',
        message: `tag \`${tagKey}\` not set: claim \`${claimName}\` is not a single value`,
        outcome: 'skip',
        location,
      });
      continue;
    }
    tags[tagKey] = claimText(value);
    steps.push({
      step: 'tags',
      message: `tag \`${tagKey}\` = \`${tags[tagKey]}\` from claim \`${claimName}\``,
      outcome: 'match',
      location,
    });
  }
  if (steps.length === 0)
    steps.push({ step: 'tags', message: `the attribute map for \`${map.IdentityProviderName}\` maps no tags`, outcome: 'info', location });
  return { tags, steps };
}
