/**
 * The actions the server lists for this viewer (`actions` on the incident),
 * and nothing else: a form for each (./incident-forms/), the current finding
 * when the viewer may read it, and the incident's evidence (./evidence.tsx),
 * with the upload form when `lodge_evidence` is offered.
 */
import { useState, type ReactNode } from 'react';
import { api, type IncidentDetail } from '../api.js';
import { useI18n } from '../i18n/context.js';
import { lifecycleStrings } from '../i18n/lifecycle.js';
import { useStrings } from '../i18n/strings.js';
import { useSession } from '../session.js';
import { EvidenceSection, useEvidenceList } from './evidence.js';
import { CommentForm, DraftFindingForm, findingOf, FindingView, SignFindingForm } from './incident-forms/finding.js';
import { AddNoteForm, CodingForm, OpenInvestigationForm } from './incident-forms/investigation.js';
import { RespondForm } from './incident-forms/respond.js';
import { NoteStepForm, TextStepForm, VisibilityForm } from './incident-forms/simple.js';
import type { StepFormProps } from './incident-forms/step-form.js';
import { TranslateForm } from './incident-forms/translate.js';
import { TriageForm } from './incident-forms/triage.js';

/** The order the forms appear in: the lifecycle's, then housekeeping. */
const ORDER = [
  'triage', 'send_notice', 'acknowledge', 'respond', 'open_investigation', 'add_note', 'draft_finding', 'comment', 'sign_finding',
  'record_remedy', 'close', 'code', 'change_visibility', 'translate',
] as const;

export function ActionPanel({ incident, onRecorded }: { incident: IncidentDetail; onRecorded: (i: IncidentDetail) => void }) {
  const { t: core, fmt, label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  const [recorded, setRecorded] = useState<number | null>(null);
  const [round, setRound] = useState(0);
  const evidence = useEvidenceList(incident.id, round);
  const actions = incident.actions.filter((a) => a !== 'read' && a !== 'lodge_evidence');
  const finding = findingOf(incident);
  const done = (i: IncidentDetail, index: number) => {
    setRecorded(index);
    onRecorded(i);
  };
  const props: StepFormProps = { incident, onRecorded: done };
  const forms: Record<(typeof ORDER)[number], () => ReactNode> = {
    triage: () => <TriageForm {...props} />,
    send_notice: () => <NoteStepForm {...props} action="send_notice" />,
    acknowledge: () => <NoteStepForm {...props} action="acknowledge" />,
    respond: () => <RespondForm {...props} evidence={Array.isArray(evidence) ? evidence : []} />,
    open_investigation: () => <OpenInvestigationForm {...props} />,
    add_note: () => <AddNoteForm {...props} />,
    code: () => <CodingForm {...props} />,
    draft_finding: () => <DraftFindingForm {...props} />,
    comment: () => <CommentForm {...props} />,
    sign_finding: () => <SignFindingForm {...props} />,
    record_remedy: () => <TextStepForm {...props} action="record_remedy" />,
    close: () => <TextStepForm {...props} action="close" />,
    change_visibility: () => <VisibilityForm {...props} />,
    translate: () => <TranslateForm {...props} />,
  };
  const known = ORDER.filter((a) => actions.includes(a));
  const unknown = actions.filter((a) => !(ORDER as readonly string[]).includes(a));
  // The finding is shown inside the comment and signature forms; on its own otherwise.
  const showFinding = finding && !actions.includes('comment') && !actions.includes('sign_finding');
  const lodged = (_: unknown, index: number) => {
    setRecorded(index);
    setRound((r) => r + 1);
    // The lodging is on the incident's timeline too: read it again.
    void api.incident(incident.id).then(onRecorded, () => undefined);
  };
  return (
    <>
      <section aria-labelledby="actions-h" data-testid="actions">
        <h2 id="actions-h">{core('detail.actions')}</h2>
        {recorded !== null && <p className="success" role="status" data-testid="recorded">{core('common.recorded', { index: fmt.number(recorded) })}</p>}
        {actions.length === 0 && <p className="muted">{core('detail.noActions')}</p>}
        {actions.length > 0 && !canWrite && <p className="muted">{t('form.signInToAct')}</p>}
        {canWrite && <div className="action-forms">{known.map((a) => <div key={a}>{forms[a]()}</div>)}</div>}
        {unknown.length > 0 && (
          <ul className="pending-actions">
            {unknown.map((a) => <li key={a}>{label('action', a)} <span className="muted">({core('detail.notInUi')})</span></li>)}
          </ul>
        )}
      </section>
      {showFinding && (
        <section aria-labelledby="finding-h">
          <h2 id="finding-h">{t('fv.heading')}</h2>
          <FindingView finding={finding} />
        </section>
      )}
      <EvidenceSection incident={incident} items={evidence} canLodge={incident.actions.includes('lodge_evidence')} onLodged={lodged} round={round} />
    </>
  );
}
