/** Every entry type's applier, by type (see src/domain/projection.ts). */
import type { Applier } from './projection.js';
import { evidenceAppliers } from './projections/evidence.js';
import { incidentAppliers } from './projections/incident.js';
import { incidentStepAppliers } from './projections/incident-steps.js';
import { workspaceAppliers } from './projections/workspace.js';

const APPLIERS: Record<string, Applier> = { ...workspaceAppliers, ...incidentAppliers, ...incidentStepAppliers, ...evidenceAppliers };

export function applierFor(type: string): Applier | undefined {
  return Object.hasOwn(APPLIERS, type) ? APPLIERS[type] : undefined;
}
