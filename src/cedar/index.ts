/**
 * keycard's Cedar side: app authorization as Verified Permissions does it (`loadCedarApp`,
 * `authorizeApp`, `checkAppExpectations`), Cedar as a second IAM engine (`authorizeWithCedar`,
 * `compareEngines`, `runEngines`), and export (`buildExport`). cedar-wasm itself is loaded lazily.
 */
export { loadCedarApp, type CedarApp, type LoadedCedarApp } from './project.js';
export { authorizeApp, claimsRecord, parseAppRequestLine, parseEntityRef, tokenContext, tokenEntities, type AppDecision, type TokenUse } from './avp.js';
export { checkToken, issuingUserPool, type AvpError } from './token.js';
export { checkAppExpectations, cedarAppFor, clearCedarApps, errorMatches, type AppLineOutcome, type AppUser } from './app-check.js';
export {
  authorizeWithCedar,
  authorizeWithCedarSync,
  compareEngines,
  compareEnginesSync,
  describeCedar,
  isEngineChoice,
  runEngine,
  runEngines,
  type CedarEngineResult,
  type EngineChoice,
  type EngineComparison,
  type EngineRunResult,
} from './engines.js';
export { buildExport, exportRoles, exportUser, writeExport, type ExportFile, type ExportResult } from './export.js';
export { loadCedar } from './wasm.js';
