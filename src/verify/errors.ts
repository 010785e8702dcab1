/**
 * Verification could not run as asked (a key that does not parse, a log key
 * that cannot be found): the CLI exits 2 for these, not 1. Problems found in
 * the store are never thrown; they go into the report.
 */
export class VerifySetupError extends Error {
  override readonly name = 'VerifySetupError';
}
