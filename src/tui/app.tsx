/**
 * The explorer screen. State lives in the pure reducer (model/reducer.ts); this component derives
 * what to show from the library (resolution, session, access map, explanations) and wires keys,
 * file watching and saving to it. No policy logic here.
 */
import { Box, render, useApp, useInput } from 'ink';
import { resolve } from 'node:path';
import { displayPath } from '../text/display-path.js';
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'react';
import { describeLogin } from './model/claims-edit.js';
import { claimRows } from './model/claim-rows.js';
import { accessGrid, cellKey } from './model/access-grid.js';
import { accessMapOf, evaluateUser, hasCachedMap, type UserResult } from './model/evaluate.js';

import { splitKeys } from './model/keys.js';
import { layout } from './model/layout.js';
import { contextOf, reducer } from './model/reducer.js';
import { resultLines } from './model/result-lines.js';
import { scenarioData, saveScenario } from './model/save-scenario.js';
import { initialState, selectedUser, visibleUsers } from './model/state.js';
import type { ViewFacts } from './model/view-facts.js';
import { scenarioDirOf, watchFiles } from './model/watch.js';
import { explainEntry, whyLines, whyTarget, wrapWhy } from './model/why.js';
import { editorCommand, NO_EDITOR, type EditorCommand } from './model/editor.js';
import { runEditor } from './editor-run.js';
import { clamp } from './model/window.js';
import { loadWorkspace, type Workspace } from './model/workspace.js';
import { AccessMapPane } from './components/AccessMapPane.js';
import { ClaimsPane } from './components/ClaimsPane.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { allHelpLines, HelpOverlay } from './components/HelpOverlay.js';
import { innerRows } from './components/Pane.js';
import { ProblemsPane } from './components/ProblemsPane.js';
import { ResultPane } from './components/ResultPane.js';
import { StatusLine } from './components/StatusLine.js';
import { UsersPane } from './components/UsersPane.js';
import { WhyPanel } from './components/WhyPanel.js';
import { useAccessMap } from './use-access-map.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  workspace: Workspace;
  /** Reload from disk when project or scenario files change (off in component tests). */
  watch?: boolean;
  /** A fixed size (tests); default: the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** Show how long each update took (KEYCARD_EXPLORE_TIMING=1). */
  timing?: boolean;
  /** Runs the editor the Why panel's `e` asks for, returning its exit code (tests pass a stand-in). */
  openEditor?: (cmd: EditorCommand) => number | null;
  /** Where $VISUAL and $EDITOR are read (default: process.env). */
  env?: Record<string, string | undefined>;
}

function safeEvaluate(w: Workspace, u: ReturnType<typeof selectedUser>): { result?: UserResult; error?: string } {
  if (!w.project || !u) return {};
  try {
    return { result: evaluateUser(w.project, u) };
  } catch (e) {
    // A bug in a lower stage must not take the explorer down with it: show it where the result goes.
    return { error: `keycard could not evaluate this user: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function App({ workspace, watch = true, size: fixedSize, timing = false, openEditor = runEditor, env = process.env }: AppProps) {
  const [state, dispatch] = useReducer(reducer, workspace, initialState);
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const keyAt = useRef<number | undefined>(undefined);
  const lastUpdate = useRef<string>('');
  const w = state.workspace;
  const project = w.project;
  const user = selectedUser(state);
  const L = layout(size.columns, size.rows, state.focus);

  const evaluated = useMemo(() => safeEvaluate(w, user), [w, user]);
  const result = evaluated.result;
  const { map, pending, error: mapError } = useAccessMap(result?.session);
  const grid = useMemo(
    () => (map ? accessGrid(map, state.filters.map, state.onlyNotable) : undefined),
    [map, state.filters.map, state.onlyNotable],
  );
  const rows = useMemo(() => (user ? claimRows(user, project, result?.resolution.identityId) : []), [user, project, result]);
  const lines = useMemo(
    () => (result ? resultLines(result) : evaluated.error ? [{ text: evaluated.error, tone: 'deny' as const }] : []),
    [result, evaluated.error],
  );
  const marks = useMemo(() => new Set(state.marks[state.userId] ?? []), [state.marks, state.userId]);
  const entry = grid?.rows[clamp(state.cursor.map, grid.rows.length)]?.cells[clamp(state.cursor.mapCol, grid.columns.length)];
  const why = useMemo(
    () =>
      state.overlay === 'why' && entry && result?.session
        ? wrapWhy(whyLines(entry, explainEntry(result.session, entry), state.why.full), size.columns - 2)
        : [],
    [state.overlay, entry, result, state.why.full, size.columns],
  );

  const facts: ViewFacts = {
    claimRows: rows,
    traceLines: Math.max(0, lines.length - 2),
    grid: { rows: grid?.rows.length ?? 0, cols: grid?.columns.length ?? 0 },
    ...(entry ? { cell: { key: cellKey(entry.action, entry.target.arn) } } : {}),
    whyLines: why.length,
    ...(state.overlay === 'why' ? { whyTarget: whyTarget(why, state.why.scroll, innerRows(L.body)) } : {}),
    helpLines: state.overlay === 'help' ? allHelpLines().length : 0,
    pageSize: Math.max(1, state.overlay === 'why' || state.overlay === 'help' ? innerRows(L.body) : innerRows(L.right.map) - 3),
  };
  const factsRef = useRef(facts);
  // Before any key can arrive: a layout effect runs in the commit itself.
  useLayoutEffect(() => {
    factsRef.current = facts;
  });

  useInput((input, key) => {
    keyAt.current = performance.now();
    // Every key of a chunk counts ("\r\r" from a fast typist or tmux); the reducer decides, key by
    // key, whether text is typed into a field or is one command per character.
    for (const k of splitKeys(input, key)) dispatch({ type: 'key', key: k, view: factsRef.current });
  });

  // After the update of a keystroke has rendered: how long it took (shown with KEYCARD_EXPLORE_TIMING=1).
  useEffect(() => {
    if (keyAt.current === undefined) return;
    lastUpdate.current = `${(performance.now() - keyAt.current).toFixed(1)} ms`;
    keyAt.current = undefined;
  });

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  useEffect(() => {
    const effect = state.effect;
    if (effect?.kind === 'edit') {
      const cmd = editorCommand(env, effect.file, effect.line);
      if (!cmd) return dispatch({ type: 'status', status: { text: NO_EDITOR, tone: 'error' } });
      const code = openEditor(cmd);
      const where = `${displayPath(effect.file)}:${effect.line}`;
      dispatch({
        type: 'status',
        status:
          code === 0
            ? { text: `edited ${where} in ${cmd.name}`, tone: 'info' }
            : { text: `${cmd.name} ${code === null ? 'could not be started' : `exited with code ${code}`} (${where})`, tone: 'error' },
      });
      return;
    }
    if (!effect || !user || !result) return;
    const marked = map ? map.entries.filter((e) => marks.has(cellKey(e.action, e.target.arn))) : [];
    const data = scenarioData(effect.name, user, result.resolution, marked);
    saveScenario({ file: resolve(effect.file), projectFile: w.projectFile, data })
      .then((r) => {
        const verb = r.created ? 'created' : 'appended';
        const check = r.passes ? '`keycard test` passes it' : `\`keycard test\` fails it: ${r.problem}`;
        dispatch({
          type: 'saved',
          status: {
            text: `saved: ${check} · ${verb} ${marked.length} lines to ${displayPath(resolve(effect.file))} · “${r.name}”`,
            tone: r.passes ? 'success' : 'error',
            savedFile: resolve(effect.file),
          },
        });
      })
      .catch((e: unknown) =>
        dispatch({ type: 'saved', status: { text: `not saved: ${e instanceof Error ? e.message : String(e)}`, tone: 'error' } }),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one save per request: the user, result and marks are read as they are at that moment
  }, [state.effect]);

  const watchedFiles = w.files.join('\n');
  useEffect(() => {
    if (!watch) return;
    return watchFiles(w.files, [scenarioDirOf(w.projectFile)], (file) =>
      dispatch({ type: 'reloaded', workspace: loadWorkspace(w.projectFile), changed: file }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the files' names, not by the array each reload makes anew
  }, [watch, watchedFiles]);

  // Map every user in the background, one per tick, so switching users is instant afterwards.
  useEffect(() => {
    if (!project) return;
    let cancelled = false;
    const queue = [...w.users];
    const next = () => {
      if (cancelled) return;
      const u = queue.shift();
      if (!u) return;
      try {
        const r = evaluateUser(project, u);
        if (r.session && !hasCachedMap(r.session)) accessMapOf(r.session);
      } catch {
        // Shown when the user is selected.
      }
      timer = setTimeout(next, 5);
    };
    let timer = setTimeout(next, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [w, project]);

  const context = contextOf(state);
  const loginText = user ? describeLogin(user, project?.identityPool) : '';
  // The previous update's time, measured after it rendered, is shown by the next render: a state would re-render to show it.
  /* eslint-disable react-hooks/refs -- read on purpose; see above */
  const status =
    state.status ?? (timing && lastUpdate.current ? { text: `update ${lastUpdate.current}`, tone: 'info' as const } : firstProblem(w));
  /* eslint-enable react-hooks/refs */
  const list = visibleUsers(state);

  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Header projectFile={w.projectFile} project={project} login={loginText} width={size.columns} />
      {!project ? (
        <ProblemsPane errors={w.errors} width={size.columns} height={L.body} />
      ) : state.overlay === 'help' ? (
        <HelpOverlay width={size.columns} height={L.body} scroll={state.helpScroll} />
      ) : state.overlay === 'why' ? (
        <WhyPanel lines={why} scroll={state.why.scroll} width={size.columns} height={L.body} />
      ) : (
        <Box flexDirection="row" height={L.body}>
          <Box flexDirection="column" width={L.left.width}>
            <UsersPane
              users={list}
              total={state.users.length}
              selectedId={state.userId}
              filter={state.filters.users}
              focused={state.focus === 'users'}
              width={L.left.width}
              height={L.left.users}
            />
            <ClaimsPane
              rows={rows}
              cursor={state.cursor.claims}
              focused={state.focus === 'claims'}
              width={L.left.width}
              height={L.left.claims}
            />
          </Box>
          <Box flexDirection="column" width={L.right.width}>
            <ResultPane
              lines={lines}
              scroll={state.cursor.result}
              focused={state.focus === 'result'}
              width={L.right.width}
              height={L.right.result}
            />
            <AccessMapPane
              {...(grid ? { grid } : {})}
              empty={
                mapError
                  ? `the access map failed: ${mapError}`
                  : pending
                    ? 'mapping S3 access…'
                    : result?.resolution.outcome === 'unknown'
                      ? 'the role is unknown (it depends on a value no file gives), so its S3 access is unknown'
                      : undefined
              }
              row={state.cursor.map}
              col={state.cursor.mapCol}
              marks={marks}
              filter={state.filters.map}
              onlyNotable={state.onlyNotable}
              focused={state.focus === 'map'}
              width={L.right.width}
              height={L.right.map}
            />
          </Box>
        </Box>
      )}
      <StatusLine
        {...(state.prompt ? { prompt: state.prompt } : {})}
        {...(state.filtering ? { filter: { pane: state.filtering, value: state.filters[state.filtering] } } : {})}
        {...(status ? { status } : {})}
        width={size.columns}
      />
      <Footer context={project ? context : 'help'} width={size.columns} />
    </Box>
  );
}

/** A broken scenario file does not stop the explorer; its first error is shown until a key is pressed. */
function firstProblem(w: Workspace): { text: string; tone: 'error' } | undefined {
  const d = w.warnings.find((x) => x.severity === 'error');
  if (!d) return undefined;
  const at = d.location
    ? `${resolve(d.location.file) === d.location.file ? d.location.file.replace(process.cwd() + '/', '') : d.location.file}:${d.location.line}: `
    : '';
  return { text: `${at}${d.message} (that scenario file is skipped)`, tone: 'error' };
}

/**
 * Renders the explorer on the screen src/tui/run.ts opened (the alternate screen, a "loading" line
 * on it) and resolves with the exit code when the user quits.
 */
export async function startExplorer(workspace: Workspace, opts: { timing?: boolean } = {}): Promise<number> {
  let first = true;
  const instance = render(<App workspace={workspace} timing={opts.timing ?? false} />, {
    exitOnCtrlC: false,
    patchConsole: true,
    // The loading line is cleared just as the first frame is written: the screen is never blank.
    onRender: () => {
      if (first) process.stdout.write('\u001B[H\u001B[2J');
      first = false;
    },
  });
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
  }
  return 0;
}
