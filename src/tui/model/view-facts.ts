/** Facts about what is on screen that the reducer needs to move cursors (derived by the app). */
import type { ClaimRow } from './claim-rows.js';

export interface ViewFacts {
  claimRows: ClaimRow[];
  traceLines: number;
  grid: { rows: number; cols: number };
  /** The selected map cell (undefined when the action does not apply to that resource). */
  cell?: { key: string };
  whyLines: number;
  /** The Why panel's first statement location on screen (else its first at all): what `e` opens. */
  whyTarget?: { file: string; line: number };
  /** Lines of the `?` overlay. */
  helpLines?: number;
  /** Rows a page key moves. */
  pageSize: number;
}

export const NO_FACTS: ViewFacts = { claimRows: [], traceLines: 0, grid: { rows: 0, cols: 0 }, whyLines: 0, pageSize: 10 };
