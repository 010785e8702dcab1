/**
 * The demo's negotiation text: a draft verification annex worked through the
 * follow-up technical round in Istanbul, in three versions. It replays the
 * pattern the press described of the October rounds — a draft declared final
 * late at night, accepted by both delegations, then withdrawn minutes later
 * after a call home, and fresh demands arriving once the text was meant to be
 * closed — as signed records. Written for the demo from those facts; no
 * sentence of any report and not the text of any agreement.
 *
 * The round sits after the demo's incident history (21–23 November 2025), on
 * its own simulated clock, so it never depends on the order other demo
 * loaders run in.
 */
import type { ClauseNode } from '../domain/text.js';
import type { Viewer } from '../domain/visibility.js';
import { toViewer } from '../services/auth.js';
import type { Services } from '../services/context.js';
import { raiseAgendaItem, ruleAgendaItem } from '../services/text-agenda.js';
import { actOnVersion, proposeVersion } from '../services/text-versions.js';
import { createText } from '../services/texts.js';
import { findUserById } from '../store/repositories/accounts.js';
import { DemoClock } from './runner.js';
import { parseAt, type At } from './script.js';

const SCOPE: ClauseNode = {
  id: 'S', title: 'Scope',
  text: 'This annex says how the mechanism set up after the Istanbul statement of 30 October 2025 checks that the Doha ceasefire is kept.',
};
const NOTICE: ClauseNode = {
  id: 'N', title: 'Complaints and notice', text: '',
  children: [
    { id: 'N.1', text: 'A party or a monitoring team lodges each complaint with the secretariat, which passes it on to the party accused.' },
    { id: 'N.2', text: 'The party accused confirms receipt within 2 hours and gives its answer within 72 hours.' },
  ],
};
const PENALTIES: ClauseNode = {
  id: 'P', title: 'Penalties',
  text: 'A breach established in a finding that both mediators have signed leads to the consequence fixed in advance on the agreed ladder.',
};

export const DEMO_TEXT_VERSIONS: ClauseNode[][] = [
  // v1, the mediators' first draft.
  [SCOPE, NOTICE, { id: 'G', title: 'Armed groups', text: 'Each party stops armed groups from using its territory against the other and tells the mechanism what it did.' }, PENALTIES],
  // v2, Pakistan's redraft: deadlines and indicators for the armed-groups clause, and a clause on evidence.
  [
    SCOPE, NOTICE,
    { id: 'G', title: 'Armed groups', text: 'Within 30 days each party acts against armed groups that operate from its territory, measured by indicators the mechanism can check, and reports every month.' },
    { id: 'E', title: 'Evidence', text: 'Material either side relies on is lodged with the mechanism, which records its hash and the time it arrived.' },
    PENALTIES,
  ],
  // v3, the mediators' text put forward as final: evidence first, an airspace clause, the scope naming penalties.
  [
    { ...SCOPE, text: `${SCOPE.text} It also sets the penalty for a breach.` },
    NOTICE,
    { id: 'E', title: 'Evidence', text: 'Material either side relies on is lodged with the mechanism, which records its hash and the time it arrived.' },
    { id: 'G', title: 'Armed groups', text: 'Within 30 days each party acts against armed groups that operate from its territory, measured by indicators the mechanism can check, and reports every month.' },
    {
      id: 'A', title: 'Airspace', text: 'Neither party flies armed or surveillance aircraft over the territory of the other without its consent.',
      children: [{ id: 'A.1', text: 'Unmanned aircraft count as aircraft under this clause.' }],
    },
    PENALTIES,
  ],
];

type Step =
  | { at: At; by: string; do: 'propose'; version: number; final?: boolean; note?: string }
  | { at: At; by: string; do: 'accept' | 'reject' | 'retract'; version: number; note?: string }
  | { at: At; by: string; do: 'raise'; key: string; title: string; text: string }
  | { at: At; by: string; do: 'rule'; key: string; mandate: 'in_mandate' | 'out_of_mandate'; reason: string };

const OPENED: { at: At; by: string } = { at: '2025-11-21 09:00', by: 'tur.mediator' };

export const DEMO_TEXT_STEPS: Step[] = [
  { at: '2025-11-21 10:00', by: 'tur.mediator', do: 'propose', version: 1, note: 'Mediators\' first draft for discussion.' },
  { at: '2025-11-21 11:00', by: 'pak.liaison', do: 'raise', key: 'groups', title: 'Deadlines for action on armed groups', text: 'Steps against the TTP and the BLA should carry dates and indicators that can be checked.' },
  { at: '2025-11-21 11:30', by: 'afg.liaison', do: 'raise', key: 'returns', title: 'Expulsions of refugees and closed crossings', text: 'Mass deportations and the closure of trade crossings should be covered by the annex.' },
  { at: '2025-11-21 14:00', by: 'sec.admin', do: 'rule', key: 'groups', mandate: 'in_mandate', reason: 'Clause C2 of the ceasefire terms.' },
  { at: '2025-11-21 14:05', by: 'sec.admin', do: 'rule', key: 'returns', mandate: 'in_mandate', reason: 'Clauses C5 and C6 of the ceasefire terms.' },
  { at: '2025-11-22 15:00', by: 'pak.liaison', do: 'propose', version: 2, note: 'Adds deadlines, indicators and an evidence clause.' },
  { at: '2025-11-22 18:00', by: 'afg.liaison', do: 'reject', version: 2, note: 'Nothing on violations of Afghan airspace.' },
  { at: '2025-11-22 19:00', by: 'afg.liaison', do: 'raise', key: 'airspace', title: 'Guarantee on airspace', text: 'Pakistan should undertake not to violate Afghan airspace.' },
  { at: '2025-11-22 20:00', by: 'qat.mediator', do: 'rule', key: 'airspace', mandate: 'in_mandate', reason: 'Clause C3 of the ceasefire terms.' },
  { at: '2025-11-23 01:40', by: 'tur.mediator', do: 'propose', version: 3, final: true, note: 'Proposed as the final text of this round.' },
  { at: '2025-11-23 01:55', by: 'pak.liaison', do: 'accept', version: 3 },
  { at: '2025-11-23 02:14', by: 'afg.liaison', do: 'accept', version: 3, note: 'Confirmed as final by the delegation.' },
  { at: '2025-11-23 02:21', by: 'afg.liaison', do: 'retract', version: 3, note: 'Withdrawn on instructions received by telephone.' },
  { at: '2025-11-23 02:50', by: 'afg.liaison', do: 'raise', key: 'drones', title: 'Drones of third countries', text: 'Pakistan should also answer for foreign drones that cross its airspace into Afghanistan.' },
  { at: '2025-11-23 09:00', by: 'tur.mediator', do: 'rule', key: 'drones', mandate: 'out_of_mandate', reason: 'The mechanism verifies what the two parties do; flights by third states are outside it.' },
];

/** Loads the demo text; returns its id. */
export async function loadDemoTexts(s: Services, log: (msg: string) => void): Promise<string> {
  const clock = new DemoClock(parseAt(OPENED.at));
  const d: Services = { ...s, clock: () => clock.now };
  const viewers = new Map<string, Viewer>();
  const viewer = async (id: string): Promise<Viewer> => {
    if (!viewers.has(id)) {
      const row = await findUserById(d.db, id);
      if (!row) throw new Error(`demo data: unknown user ${id}`);
      viewers.set(id, toViewer(row));
    }
    return viewers.get(id)!;
  };
  const { text } = await createText(d, await viewer(OPENED.by), {
    title: 'Verification annex to the Doha ceasefire (draft)',
    description: 'Modalities of the monitoring and verification mechanism, drafted at the follow-up technical round in Istanbul.',
  });
  const hashes = new Map<number, string>();
  const items = new Map<string, string>();
  for (const step of DEMO_TEXT_STEPS) {
    clock.set(parseAt(step.at));
    const by = await viewer(step.by);
    switch (step.do) {
      case 'propose': {
        const { version } = await proposeVersion(d, by, text.id, {
          clauses: DEMO_TEXT_VERSIONS[step.version - 1]!, final: step.final ?? false, ...(step.note ? { note: step.note } : {}),
        });
        if (version.number !== step.version) throw new Error(`demo data: proposed version ${version.number}, expected ${step.version}`);
        hashes.set(version.number, version.hash);
        break;
      }
      case 'accept': case 'reject': case 'retract':
        await actOnVersion(d, by, text.id, { action: step.do, version: step.version, hash: hashes.get(step.version)!, ...(step.note ? { note: step.note } : {}) });
        break;
      case 'raise':
        items.set(step.key, (await raiseAgendaItem(d, by, { document_id: text.id, title: step.title, text: step.text })).item.id);
        break;
      case 'rule':
        await ruleAgendaItem(d, by, items.get(step.key)!, { mandate: step.mandate, reason: step.reason });
        break;
    }
  }
  log(`text ${text.id}: ${DEMO_TEXT_VERSIONS.length} versions, v3 accepted by both parties and withdrawn 7 minutes later; ${items.size} agenda items`);
  return text.id;
}
