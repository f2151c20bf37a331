/**
 * The access map of the current session without blocking typing: a cached map is used at once;
 * a new one (a different role, tags or identity) is computed right after the keystroke has rendered.
 */
import { useEffect, useState } from 'react';
import type { Session } from '../access/session.js';
import type { AccessMap } from '../access/types.js';
import { accessMapOf, hasCachedMap, sessionKey } from './model/evaluate.js';

export function useAccessMap(session: Session | undefined): { map?: AccessMap; pending: boolean; error?: string } {
  const [, rendered] = useState(0);
  const [error, setError] = useState<string>();
  const key = session ? sessionKey(session) : '';
  useEffect(() => {
    setError(undefined);
    if (!session || hasCachedMap(session)) return;
    const t = setTimeout(() => {
      try {
        accessMapOf(session);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
      rendered((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
  }, [key, session?.project]);
  if (!session) return { pending: false };
  if (error) return { pending: false, error };
  return hasCachedMap(session) ? { map: accessMapOf(session), pending: false } : { pending: true };
}
