/** Every entry type's applier, by type (see src/domain/projection.ts). */
import type { Applier } from './projection.js';
import { clauseAppliers } from './projections/clause.js';
import { commitmentAppliers } from './projections/commitment.js';
import { crossingAppliers } from './projections/crossing.js';
import { evidenceAppliers } from './projections/evidence.js';
import { incidentAppliers } from './projections/incident.js';
import { incidentStepAppliers } from './projections/incident-steps.js';
import { movementAppliers } from './projections/movement.js';
import { penaltyAppliers } from './projections/penalties.js';
import { textAppliers } from './projections/text.js';
import { workspaceAppliers } from './projections/workspace.js';

const APPLIERS: Record<string, Applier> = { ...workspaceAppliers, ...incidentAppliers, ...incidentStepAppliers, ...evidenceAppliers, ...crossingAppliers, ...movementAppliers, ...penaltyAppliers, ...textAppliers, ...clauseAppliers, ...commitmentAppliers };

export function applierFor(type: string): Applier | undefined {
  return Object.hasOwn(APPLIERS, type) ? APPLIERS[type] : undefined;
}
