import type { Applier } from '../projection.js';

export const incidentAppliers: Record<string, Applier> = {};
