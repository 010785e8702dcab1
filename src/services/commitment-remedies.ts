/**
 * A finding's required remedies become commitments (DOMAIN.md "Finding":
 * each becomes a commitment of the obligated party once the finding is
 * issued). Called inside the transaction of the signature that issues the
 * finding, so the finding and its commitments are committed together; the
 * commitments are signed by the organisation whose signature issued it.
 * The applier holds each one to its remedy (src/domain/projections/commitment.ts).
 */
import { nextCommitmentId, remedyDeadline } from '../domain/commitment.js';
import { asJson } from '../domain/entries.js';
import type { Finding } from '../domain/entries/finding.js';
import type { Deadlines } from '../domain/entries/workspace.js';
import { currentClauseVersion } from '../domain/projections/clause.js';
import { narrowerVisibility, type Visibility } from '../domain/visibility.js';
import * as accounts from '../store/repositories/accounts.js';
import { lastReferenceNumber } from '../store/repositories/workspace.js';
import type { Db } from '../store/db.js';
import { agreementConfig, defined } from './commitments.js';
import type { Services } from './context.js';
import { record, type Actor, type Recorded } from './recorder.js';

type Rec = Record<string, unknown>;

const EVIDENCE_REQUIRED = 'A report by the obligated party to the mechanism showing the remedy carried out, with the evidence it rests on; verified by the mediators or the monitors.';

function titleOf(incidentId: string, n: number, description: string): string {
  const head = `${incidentId} remedy ${n + 1}: `;
  const room = 300 - head.length;
  return head + (description.length > room ? `${description.slice(0, room - 1)}…` : description);
}

/**
 * If `recorded` is the signature that issued a finding, register one
 * commitment per required remedy whose obligated party is a registered
 * party (a remedy addressed to anyone else stays a recommendation in the
 * finding). Returns the commitment ids.
 */
export async function registerRemedyCommitments(tx: Db, s: Services, actor: Actor, recorded: Recorded): Promise<string[]> {
  if (recorded.entry.type !== 'incident.finding_signed') return [];
  const incident = recorded.changes.find((c) => c.table === 'incidents' && c.key === recorded.entry.subject)?.row;
  if (!incident || incident.status !== 'finding_issued') return [];
  const finding = (incident.record as Rec).finding as { issued_at: string; body: Finding };
  const remedies = finding.body.required_remedies;
  if (remedies.length === 0) return [];
  const config = await agreementConfig(tx);
  const clause = finding.body.clause_violated;
  const visibility = narrowerVisibility(finding.body.publication, incident.visibility as Visibility);
  const ids: string[] = [];
  for (const [n, remedy] of remedies.entries()) {
    const org = await accounts.findOrganisation(tx, remedy.obligated_party);
    if (org?.kind !== 'party') continue;
    const id = nextCommitmentId(await lastReferenceNumber(tx, 'COM'));
    const body = defined({
      id,
      title: titleOf(recorded.entry.subject, n, remedy.description),
      clause_id: clause,
      clause_version: clause === undefined ? undefined : currentClauseVersion(config, clause),
      obligated_party: remedy.obligated_party,
      indicator: remedy.description,
      evidence_required: EVIDENCE_REQUIRED,
      deadline: remedyDeadline(remedy.due_date, finding.issued_at, (config.deadlines_hours as Deadlines).remedy),
      conditional_on: [],
      visibility,
      remedy_of: { incident_id: recorded.entry.subject, remedy: n },
    });
    await record(tx, s, actor, { type: 'commitment.registered', subject: id, visibility, body: asJson(body) });
    ids.push(id);
  }
  return ids;
}
