/**
 * GitHub Actions workflow commands (`::error file=…::message`), escaped the way the runner
 * unescapes them (actions/toolkit `command.ts`): data escapes `%`, CR and LF; property values
 * also escape `:` and `,`, which would otherwise end the value.
 */
import type { Location } from '../../diagnostics/diagnostic.js';

type AnnotationLevel = 'error' | 'warning' | 'notice';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Control characters other than CR/LF would reach the annotation and the log verbatim (a raw ESC
 * restyles the log), so they are shown as `\uXXXX`; CR and LF are left for escapeData.
 */
function showControlCharacters(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be shown
  return s.replace(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title?: string;
  /** With `file` already relative to the workspace. */
  location?: Location;
}

/** `::level file=,line=,col=,endLine=,endColumn=,title=::message` (absent properties are left out). */
export function annotationCommand(a: Annotation): string {
  const loc = a.location;
  const props: [string, string | number | undefined][] = [
    ['file', loc?.file],
    ['line', loc?.line],
    ['col', loc?.column],
    ['endLine', loc?.endLine],
    ['endColumn', loc?.endColumn],
    ['title', a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(showControlCharacters(String(v)))}`);
  return `::${a.level}${list.length ? ` ${list.join(',')}` : ''}::${escapeData(showControlCharacters(a.message))}`;
}

export const groupCommand = (title: string) => `::group::${escapeData(showControlCharacters(title))}`;
export const END_GROUP = '::endgroup::';
