/**
 * Evidence for the demo incidents: which generated file (./files.ts,
 * ./jpeg.ts) each demo user lodges on which incident, when and for whom.
 * One file is lodged sealed to the mediators and disclosed later (commit
 * now, reveal later): the log first holds only a salted commitment, then
 * the disclosure that anyone can check against it.
 */
import type { EvidenceKind } from '../domain/entries/evidence.js';
import type { Viewer, Visibility } from '../domain/visibility.js';
import type { Services } from '../services/context.js';
import { lodgeEvidence } from '../services/evidence.js';
import { discloseEvidence } from '../services/evidence-custody.js';
import { craterPhotoPng, craterShade, monitorLog, seededRandom, siteSketchPng, statementPdf, type DemoFile } from './files.js';
import { damagePhotoJpeg } from './jpeg.js';
import type { At } from './script.js';

export interface DemoEvidence {
  /** The demo incident's key. */
  incident: string;
  at: At;
  by: string;
  kind: EvidenceKind;
  /** Never wider than the incident's; anything but public is sealed in the log. */
  visibility: Visibility;
  description: string;
  file: () => DemoFile;
  /** Disclose the sealed lodging at this time (publishes its salt and body). */
  disclose?: { at: At; by: string };
}

const weeshPhoto = (): DemoFile => {
  const rnd = seededRandom(706);
  return damagePhotoJpeg('weesh-damage.jpg', {
    at: new Date('2025-11-07T03:10:00.000Z'), offset: '+04:30', latitude: 30.9312, longitude: 66.4297,
    make: 'Annex demo', model: 'Generated field camera',
  }, (x, y) => craterShade(x, y, 128, 100, 46, (rnd() - 0.5) * 30));
};

export const DEMO_EVIDENCE: readonly DemoEvidence[] = [
  {
    incident: 'torkham', at: '2025-11-01 05:45', by: 'afg.liaison', kind: 'statement', visibility: 'public',
    description: 'Statement of the Afghan liaison cell on the closure of Torkham',
    file: () => statementPdf('afg-statement-torkham.pdf', 'Statement on the closure of Torkham (demo)', [
      'Complainant: Afghan liaison cell. Accused party: Pakistan. Clause C5.',
      'The crossing has been closed to cargo since before the ceasefire took effect on 19 October 2025.',
      'Traders on both sides report heavy losses; patients with referrals cannot cross.',
      'The liaison cell asks the mechanism to verify the closure and its length.',
    ], '20251101054000'),
  },
  {
    incident: 'ttp-movements', at: '2025-11-01 10:05', by: 'pak.liaison', kind: 'document', visibility: 'mediators',
    disclose: { at: '2025-11-07 09:00', by: 'pak.liaison' },
    description: 'Summary of the time-stamped material presented at the Istanbul talks (sealed, disclosed on 7 November)',
    file: () => statementPdf('pak-evidence-summary.pdf', 'Cross-border movements: summary of time-stamped material (demo)', [
      'Complainant: Pakistani liaison cell. Accused party: Afghanistan. Clause C2.',
      'The material presented at the Istanbul talks is lodged with the mediators under seal.',
      'Each item carries its capture time; places are given to the mediators only.',
    ], '20251101100000'),
  },
  {
    incident: 'drones-monitor', at: '2025-11-04 05:35', by: 'jmt.monitor', kind: 'statement', visibility: 'mediators',
    description: 'Field log: residents’ reports of drones',
    file: () => monitorLog('jmt-log-drones.txt', 'JMT field log - drone reports (demo)', [
      ['2025-11-03 16:40', 'Residents report a drone heard overhead after dark; not seen by the team.'],
      ['2025-11-04 05:20', 'Report filed with the secretariat.'],
    ]),
  },
  { incident: 'weesh', at: '2025-11-07 05:35', by: 'afg.liaison', kind: 'photo', visibility: 'public', description: 'Photo of a damaged house near Weesh, with capture time and position', file: weeshPhoto },
  {
    incident: 'wardag', at: '2025-11-07 05:50', by: 'afg.liaison', kind: 'photo', visibility: 'mediators',
    description: 'Photo of a shell crater in Wardag village', file: () => craterPhotoPng(1106, 'Crater, Wardag village (demo)'),
  },
  {
    incident: 'expulsions', at: '2025-11-08 09:05', by: 'jmt.monitor', kind: 'statement', visibility: 'parties',
    description: 'Field log: interviews with returning families',
    file: () => monitorLog('jmt-log-returns.txt', 'JMT field log - returns (demo)', [
      ['2025-11-08 06:30', 'Arrived at the reception point on the Afghan side.'],
      ['2025-11-08 07:10', 'Interviews with returning families begin; short notice before removal described.'],
      ['2025-11-08 08:40', 'No joint count of arrivals kept at the crossing.'],
    ]),
  },
  {
    incident: 'weesh', at: '2025-11-11 08:05', by: 'jmt.monitor', kind: 'document', visibility: 'parties',
    description: 'Site sketch: houses hit and impact points near Weesh',
    file: () => siteSketchPng('Site sketch, Weesh (demo)', [[58, 52], [110, 48], [156, 120]]),
  },
  {
    incident: 'weesh', at: '2025-11-11 08:10', by: 'jmt.monitor', kind: 'statement', visibility: 'mediators',
    description: 'Field log of the site visit',
    file: () => monitorLog('jmt-log-weesh.txt', 'JMT field log - Weesh site visit (demo)', [
      ['2025-11-11 05:00', 'Team leaves Spin Boldak with local officials.'],
      ['2025-11-11 05:40', 'Weesh: damaged houses visited and photographed.'],
      ['2025-11-11 07:30', 'Neighbours interviewed; team returns.'],
    ]),
  },
];

export interface EvidenceContext {
  s: Services;
  viewer: Viewer;
  incidentId: string;
  /** Evidence ids of the items lodged so far, for their disclosure. */
  lodged: Map<DemoEvidence, string>;
  log: (msg: string) => void;
}

/** Lodge the item's file on its incident as `ctx.viewer`; capture time and place come from the file's EXIF. */
export async function lodgeDemoEvidence(ctx: EvidenceContext, item: DemoEvidence): Promise<void> {
  const file = item.file();
  const { evidence } = await lodgeEvidence(ctx.s, ctx.viewer, ctx.incidentId, { source: [file.bytes], filename: file.name }, {
    kind: item.kind, visibility: item.visibility, description: item.description,
  });
  ctx.lodged.set(item, evidence.id);
  ctx.log(`${evidence.id} ${file.name} on ${ctx.incidentId} (${item.visibility})`);
}

/** Disclose an item lodged sealed: its commitment in the log can now be checked by anyone. */
export async function discloseDemoEvidence(ctx: EvidenceContext, item: DemoEvidence): Promise<void> {
  const id = ctx.lodged.get(item);
  if (!id) throw new Error(`demo data: ${item.description} is disclosed before it is lodged`);
  await discloseEvidence(ctx.s, ctx.viewer, id);
  ctx.log(`${id} disclosed`);
}
