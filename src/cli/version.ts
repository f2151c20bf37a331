/** keycard's version, shown by --version and recorded in SARIF. */
export const VERSION = '0.1.0';
