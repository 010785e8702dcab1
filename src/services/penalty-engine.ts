/**
 * Running the penalty ladder: when a finding is issued (the mediator
 * signature that completes it, src/services/incident-steps.ts) and when a
 * ladder version is adopted, inside that same transaction. The rules are
 * pure (src/domain/penalty-ladder.ts) and idempotent, so running them again
 * over the same findings proposes nothing new. Each proposal is a
 * `penalty.proposed` entry the secretariat records as "system".
 */
import { asJson } from '../domain/entries.js';
import type { IncidentStepType } from '../domain/entries/incident-steps.js';
import { proposalVisibility, proposePenalties, type IssuedFinding } from '../domain/penalty-ladder.js';
import { issuedFindingOf, ladderOf } from '../domain/projections/penalties.js';
import type { Db } from '../store/db.js';
import * as incidents from '../store/repositories/incidents.js';
import * as penalties from '../store/repositories/penalties.js';
import { firstSecretariat, lastReferenceNumber } from '../store/repositories/workspace.js';
import type { Services } from './context.js';
import { ServiceError } from './errors.js';
import { record } from './recorder.js';

/** Propose every penalty the ladder in force calls for now; returns the new penalty ids. Use inside inTransaction. */
export async function runPenaltyEngine(tx: Db, s: Services): Promise<string[]> {
  const ladderRow = await penalties.currentLadder(tx);
  if (!ladderRow) return [];
  const ladder = ladderOf(ladderRow);
  const findings = (await penalties.unsafeIssuedViolations(tx, ladder.applies_from))
    .map((row) => issuedFindingOf(row))
    .filter((f): f is IssuedFinding => f !== undefined);
  const used = new Set(await penalties.usedTriggers(tx, ladder.rules.map((r) => r.id)));
  const proposals = proposePenalties(ladder, findings, used, s.clock().toISOString());
  if (proposals.length === 0) return [];
  const secretariat = await firstSecretariat(tx);
  if (!secretariat) throw new ServiceError('conflict', 'no secretariat is registered to record penalty proposals');
  const byId = new Map(findings.map((f) => [f.incident_id, f]));
  let last = await lastReferenceNumber(tx, 'PEN');
  const ids: string[] = [];
  for (const p of proposals) {
    const id = `PEN-${++last}`;
    await record(tx, s, { org: secretariat, userId: 'system' }, {
      type: 'penalty.proposed', subject: id,
      visibility: proposalVisibility(p.trigger_findings.map((i) => byId.get(i)!)),
      body: asJson({ id, party: p.party, ladder_version: ladder.version, rule_id: p.rule_id, trigger_findings: p.trigger_findings }),
    });
    ids.push(id);
  }
  return ids;
}

/** The hook after an incident step: when the step issued a finding, run the ladder. */
export async function proposePenaltiesAfterStep(tx: Db, s: Services, type: IncidentStepType, incidentId: string): Promise<void> {
  if (type !== 'incident.finding_signed') return;
  const row = await incidents.unsafeFindIncident(tx, incidentId);
  if (row?.status === 'finding_issued') await runPenaltyEngine(tx, s);
}
