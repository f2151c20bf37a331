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
  // A failure belongs to the session it was computed for; another session does not show it.
  const [failed, setFailed] = useState<{ key: string; project: unknown; message: string }>();
  const key = session ? sessionKey(session) : '';
  useEffect(() => {
    if (!session || hasCachedMap(session)) return;
    const t = setTimeout(() => {
      try {
        accessMapOf(session);
      } catch (e) {
        setFailed({ key, project: session.project, message: e instanceof Error ? e.message : String(e) });
      }
      rendered((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by what the map depends on: each evaluation makes a new session object
  }, [key, session?.project]);
  if (!session) return { pending: false };
  if (failed && failed.key === key && failed.project === session.project) return { pending: false, error: failed.message };
  return hasCachedMap(session) ? { map: accessMapOf(session), pending: false } : { pending: true };
}
