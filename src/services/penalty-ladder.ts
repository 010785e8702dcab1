/**
 * Adopting and reading the penalty ladder. Adopting a version is one
 * transaction: the `penalty.ladder_adopted` entry, then the engine over the
 * findings the new version judges (src/services/penalty-engine.ts).
 */
import type { LadderBody } from '../domain/entries/penalties.js';
import { LADDER_SUBJECT } from '../domain/entries/penalties.js';
import type { Viewer } from '../domain/visibility.js';
import { canAdoptLadder, canReadLadder } from '../policy/penalty.js';
import { presentLadder } from '../policy/penalty-presenter.js';
import * as accounts from '../store/repositories/accounts.js';
import * as penalties from '../store/repositories/penalties.js';
import type { Db } from '../store/db.js';
import { inTransaction, type Services } from './context.js';
import { forbidden, notFound, ServiceError } from './errors.js';
import { runPenaltyEngine } from './penalty-engine.js';
import { record } from './recorder.js';
import { getWorkspace } from './workspace.js';

export type LadderInput = Omit<LadderBody, 'version'> & {
  /** The version the client read as in force (0: none); refused with 409 if another was adopted since. */
  supersedes?: number;
};

function requireReader(viewer: Viewer | undefined): void {
  if (!viewer) throw new ServiceError('unauthorized', 'sign in to read the penalty ladder');
  if (!canReadLadder(viewer)) throw forbidden('you may not read the penalty ladder');
}

/** Names a rule refers to must exist: clauses of the agreement, guarantors that are mediators (400 otherwise). */
async function checkRules(tx: Db, input: LadderInput): Promise<void> {
  const ws = await getWorkspace(tx);
  if (!ws) throw new ServiceError('conflict', 'the workspace has not been set up');
  const clauses = new Set(ws.clauses.map((c) => c.id));
  const mediators = new Set((await accounts.listOrganisations(tx)).filter((o) => o.kind === 'mediator').map((o) => o.id));
  input.rules.forEach((rule, i) => {
    const unknown = (rule.clauses ?? []).filter((c) => !clauses.has(c));
    if (unknown.length > 0) throw new ServiceError('bad_request', `rules.${i}.clauses: unknown clause ${unknown.join(', ')}`);
    if (rule.consequence.type === 'escalation') {
      const not = rule.consequence.escalate_to.filter((o) => !mediators.has(o));
      if (not.length > 0) throw new ServiceError('bad_request', `rules.${i}.consequence.escalate_to: ${not.join(', ')} is not a mediator (guarantor)`);
    }
  });
}

export async function adoptLadder(s: Services, viewer: Viewer | undefined, input: LadderInput) {
  if (!viewer) throw new ServiceError('unauthorized', 'sign in to adopt a penalty ladder');
  if (!canAdoptLadder(viewer)) throw forbidden('only the mediators and their secretariat record the adoption of a penalty ladder');
  const { supersedes, ...body } = input;
  return inTransaction(s, async (tx) => {
    await checkRules(tx, input);
    const current = (await penalties.currentLadder(tx))?.version ?? 0;
    if (supersedes !== undefined && supersedes !== current) {
      throw new ServiceError('conflict', `version ${current} is in force, not ${supersedes}; read the ladder again first`);
    }
    const version = current + 1;
    // The ladder is shared with everyone the parties' records are: the parties agreed it.
    const recorded = await record(tx, s, { org: viewer.org, userId: viewer.userId }, {
      type: 'penalty.ladder_adopted', subject: LADDER_SUBJECT, visibility: 'parties', body: { ...body, version } as never,
    });
    const proposed = await runPenaltyEngine(tx, s);
    const row = (await penalties.findLadder(tx, version))!;
    return { ladder: presentLadder(row), proposed, entry: { index: recorded.idx, type: 'penalty.ladder_adopted' } };
  });
}

export async function listLadderVersions(s: Services, viewer: Viewer | undefined) {
  requireReader(viewer);
  const rows = await penalties.listLadders(s.db);
  return { current: rows.find((r) => r.superseded_at === null)?.version ?? null, versions: rows.map(presentLadder) };
}

export async function getLadderVersion(s: Services, viewer: Viewer | undefined, version: number) {
  requireReader(viewer);
  const row = await penalties.findLadder(s.db, version);
  if (!row) throw notFound(`penalty ladder version ${version}`);
  return presentLadder(row);
}
