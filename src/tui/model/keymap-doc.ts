/** The keys section of docs/explore.md, generated from the keymap (test/tui/docs.test.ts keeps them equal). */
import { bindingsFor, CONTEXT_TITLES, type KeyContext } from './keymap.js';

const ORDER: KeyContext[] = ['global', 'users', 'claims', 'result', 'map', 'why', 'help', 'filter', 'prompt'];
export const KEYS_BEGIN = '<!-- keys:begin (generated from src/tui/model/keymap.ts) -->';
export const KEYS_END = '<!-- keys:end -->';

export function keymapMarkdown(): string {
  const out: string[] = [KEYS_BEGIN];
  for (const c of ORDER) {
    const bs = bindingsFor(c);
    if (!bs.length) continue;
    out.push('', `### ${CONTEXT_TITLES[c]}`, '', '| key | does |', '|---|---|');
    for (const b of bs) out.push(`| \`${b.label}\` | ${b.description.replace(/\|/g, '\\|')} |`);
  }
  out.push('', KEYS_END);
  return out.join('\n');
}
