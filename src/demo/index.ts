/**
 * The demo workspace (MISSION.md "The demo workspace"): the 2025
 * Doha/Istanbul process as structured data — parties, mediators,
 * secretariat, monitors and observers; the main crossings; the ceasefire
 * clauses; a dozen complaints built from facts in the press reports, each
 * taken to a different lifecycle stage, with generated evidence files
 * lodged on several of them. `annex serve` calls `loadDemo` on first start
 * of an empty data directory.
 *
 * The history happened in October–November 2025: the loader runs the
 * services with a simulated clock, so entry times, deadlines and overdue
 * flags read like a real case file. It does not touch the caller's clock.
 */
import type { Role } from '../domain/visibility.js';
import { MIN_PASSWORD_LENGTH } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { ServiceError } from '../services/errors.js';
import { addUser, configureWorkspace, createWorkspace, registerOrganisation, workspaceExists } from '../services/workspace.js';
import { CLAUSES, CROSSINGS } from './agreement.js';
import { loadDemoCommitments } from './commitments.js';
import { loadDemoCrossings } from './crossings.js';
import { DEMO_EVIDENCE } from './evidence.js';
import { BORDER_INCIDENTS } from './incidents-border.js';
import { FIRE_INCIDENTS } from './incidents-fire.js';
import { GROUP_INCIDENTS } from './incidents-groups.js';
import { DEMO_USERS, DEMO_WORKSPACE, ORGANISATIONS, SECRETARIAT } from './orgs.js';
import { loadDemoPenalties } from './penalties.js';
import { DemoClock, replayHistory } from './runner.js';
import { parseAt } from './script.js';
import { loadDemoTexts } from './texts.js';

export interface DemoLogin {
  username: string;
  org: string;
  roles: Role[];
  password: string;
}

export interface DemoOptions {
  /** The password of each demo user (at least 10 characters). */
  password: (username: string) => string;
  log?: (msg: string) => void;
}

/** When the secretariat sets the workspace up: the day after the first Istanbul round's statement. */
export const DEMO_START = '2025-10-31 06:00';
/** The time the demo's overdue flags are meant to be read at (the last step is on 20 November). */
export const DEMO_AS_OF = new Date('2025-11-24T12:00:00.000Z');

export const DEMO_INCIDENTS = [...BORDER_INCIDENTS, ...FIRE_INCIDENTS, ...GROUP_INCIDENTS];

/**
 * Loads the demo into an empty store and returns the demo logins. Throws
 * (409 conflict) if a workspace already exists: the demo never mixes with
 * real records.
 */
export async function loadDemo(s: Services, opts: DemoOptions): Promise<DemoLogin[]> {
  if (await workspaceExists(s)) throw new ServiceError('conflict', 'the demo loads only into an empty store, and a workspace already exists');
  // Check every password before writing anything, so a bad one cannot leave half a demo behind.
  const passwords = new Map(DEMO_USERS.map((u) => [u.id, opts.password(u.id)]));
  const short = [...passwords].filter(([, p]) => p.length < MIN_PASSWORD_LENGTH).map(([u]) => u);
  if (short.length > 0) throw new ServiceError('bad_request', `demo passwords must be at least ${MIN_PASSWORD_LENGTH} characters (${short.join(', ')})`);
  const log = (msg: string) => opts.log?.(`demo: ${msg}`);
  const clock = new DemoClock(parseAt(DEMO_START));
  const d: Services = { ...s, clock: () => clock.now };

  await createWorkspace(d, { ...DEMO_WORKSPACE, secretariat: SECRETARIAT });
  for (const org of ORGANISATIONS) {
    clock.advance(1);
    await registerOrganisation(d, 'system', org);
  }
  clock.advance(10);
  await configureWorkspace(d, 'system', { clauses: CLAUSES, crossings: CROSSINGS });
  log(`workspace "${DEMO_WORKSPACE.name}": ${ORGANISATIONS.length + 1} organisations, ${CLAUSES.length} clauses, ${CROSSINGS.length} crossings`);

  const logins: DemoLogin[] = [];
  for (const u of DEMO_USERS) {
    clock.advance(2);
    const password = passwords.get(u.id)!;
    await addUser(d, 'system', { ...u, roles: [...u.roles], password });
    logins.push({ username: u.id, org: u.org, roles: [...u.roles], password });
  }
  log(`${logins.length} users`);

  await replayHistory(d, clock, DEMO_INCIDENTS, DEMO_EVIDENCE, log);
  await loadDemoPenalties(d, clock, log);
  await loadDemoCrossings(d, clock, log);
  await loadDemoTexts(d, log);
  await loadDemoCommitments(d, clock, log);
  return logins;
}
