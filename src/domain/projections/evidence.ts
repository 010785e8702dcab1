import type { Applier } from '../projection.js';

export const evidenceAppliers: Record<string, Applier> = {};
