/** `annex verify`: the public surface (the CLI, tests and benchmarks import from here). */
export { verifyStore, type VerifyOptions, type VerifyProgress } from './verify-store.js';
export { formatVerifyReport, type Problem, type ProblemKind, type VerifyReport, type VerifyCounts, type GenesisInfo } from './report.js';
export { VerifySetupError } from './errors.js';
export { checkBlob, checkEvidenceBlob, verifyEvidenceBlobs, type BlobStatus } from './blobs.js';
