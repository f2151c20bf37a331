/** The terminal's size, following resizes (Ink 6 has no useWindowSize; that arrived in Ink 7). */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export function useTerminalSize(fixed?: { columns: number; rows: number }): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [live, setLive] = useState(() => sizeOf(stdout));
  const follow = fixed === undefined;
  useEffect(() => {
    if (!follow) return;
    const onResize = () => setLive(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, follow]);
  return fixed ?? live;
}

function sizeOf(stdout: { columns?: number; rows?: number }): { columns: number; rows: number } {
  return { columns: stdout.columns ?? 80, rows: stdout.rows ?? 24 };
}
