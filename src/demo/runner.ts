/**
 * Replays the demo's case history through the services. Every filing, step
 * and evidence event is put on one timeline and run in time order with the
 * simulated clock set to its time, so ledger entry times, deadlines and
 * overdue flags read like a real history (and incident numbers follow the
 * order of filing).
 */
import type { Viewer } from '../domain/visibility.js';
import { toViewer } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { getIncident, fileIncident } from '../services/incidents.js';
import { takeIncidentStep, type StepInput } from '../services/incident-steps.js';
import { findUserById } from '../store/repositories/accounts.js';
import { discloseDemoEvidence, lodgeDemoEvidence, type DemoEvidence } from './evidence.js';
import { parseAt, type DemoIncident } from './script.js';

/** The simulated clock: only moves forward. */
export class DemoClock {
  constructor(public now: Date) {}
  set(at: Date): void {
    if (at.getTime() < this.now.getTime()) throw new Error(`demo clock cannot go back from ${this.now.toISOString()} to ${at.toISOString()}`);
    this.now = at;
  }
  advance(minutes: number): void {
    this.set(new Date(this.now.getTime() + minutes * 60_000));
  }
}

interface TimedEvent {
  at: Date;
  seq: number;
  run: () => Promise<void>;
}

/** Throws if an incident's steps are not in time order after its filing (a mistake in the demo data). */
function checkOrder(incident: DemoIncident): void {
  let last = parseAt(incident.filed.at).getTime();
  for (const step of incident.steps) {
    const t = parseAt(step.at).getTime();
    if (t <= last) throw new Error(`demo data: ${incident.key} step ${step.action} at ${step.at} is not after the previous event`);
    last = t;
  }
}

export async function replayHistory(
  d: Services, clock: DemoClock, incidents: readonly DemoIncident[], evidence: readonly DemoEvidence[], log: (msg: string) => void,
): Promise<Map<string, string>> {
  const viewers = new Map<string, Viewer>();
  const viewer = async (userId: string): Promise<Viewer> => {
    let v = viewers.get(userId);
    if (!v) {
      const row = await findUserById(d.db, userId);
      if (!row) throw new Error(`demo data: unknown user ${userId}`);
      v = toViewer(row);
      viewers.set(userId, v);
    }
    return v;
  };
  const ids = new Map<string, string>();
  const idOf = (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`demo data: incident ${key} is used before it is filed`);
    return id;
  };
  // '@key' in a step body names another demo incident (merges).
  const resolve = (input: StepInput): StepInput =>
    Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('@') ? idOf(v.slice(1)) : v]));

  const events: TimedEvent[] = [];
  const add = (at: string, run: () => Promise<void>) => events.push({ at: parseAt(at), seq: events.length, run });
  for (const incident of incidents) {
    checkOrder(incident);
    add(incident.filed.at, async () => {
      const { incident: filed } = await fileIncident(d, await viewer(incident.filed.by), incident.filing);
      ids.set(incident.key, filed.id);
    });
    for (const step of incident.steps) {
      add(step.at, async () => {
        await takeIncidentStep(d, await viewer(step.by), idOf(incident.key), step.action, resolve(step.input));
      });
    }
  }
  const lodged = new Map<DemoEvidence, string>();
  for (const item of evidence) {
    const context = async (by: string) => ({ s: d, viewer: await viewer(by), incidentId: idOf(item.incident), lodged, log });
    add(item.at, async () => lodgeDemoEvidence(await context(item.by), item));
    if (item.disclose) {
      const { at, by } = item.disclose;
      add(at, async () => discloseDemoEvidence(await context(by), item));
    }
  }

  events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const e of events) {
    clock.set(e.at);
    await e.run();
  }

  const secretariat = await viewer('sec.admin');
  for (const id of [...ids.values()].sort()) {
    const i = await getIncident(d, secretariat, id);
    log(`${i.id} ${i.status.padEnd(14)} ${i.visibility.padEnd(9)} ${i.title}`);
  }
  return ids;
}
