/** The engines `keycard authorize --engine` can use (kept apart so the command loads no engine). */
export type EngineChoice = 'native' | 'cedar' | 'both';

export function isEngineChoice(s: string): s is EngineChoice {
  return s === 'native' || s === 'cedar' || s === 'both';
}
