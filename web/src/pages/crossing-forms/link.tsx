/**
 * Link a closure (POST …/reports/:reportId/links) to the commitment it bears
 * on — chosen from the commitments the viewer may read — and/or to a
 * complaint already filed about this crossing. Offered when the report's
 * `actions` lists `link` (mediators' staff, closures and restrictions only);
 * each half only while the report has no such link yet.
 */
import type { CrossingReport } from '../../agreements/api.js';
import { crossingActionsApi, type RecordedReport } from '../../agreements/crossing-actions-api.js';
import { Id, useLoad } from '../../agreements/ui.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { linkBody } from './bodies.js';
import { CommitmentSelect } from './fields.js';
import { ActionForm } from './form-shell.js';

const MARK = '\u0000';

/** A translated sentence with an id shown left to right where its {id} placeholder was. */
function withId(text: string, id: string) {
  const [before, after] = text.split(MARK);
  return <>{before}<Id>{id}</Id>{after}</>;
}

function IncidentSelect({ crossingId }: { crossingId: string }) {
  const t = useStrings(crossingFormStrings);
  const { value } = useLoad(() => crossingActionsApi.incidentsAbout(crossingId), `incidents-about/${crossingId}`);
  const items = value && 'data' in value ? value.data.items : [];
  return (
    <label>
      <span>{t('f.incident')}</span>
      <select name="incident_id" defaultValue="" data-testid="incident-select">
        <option value="">{t('f.none')}</option>
        {items.map((i) => <option key={i.id} value={i.id}>{`${i.id} · ${i.title}`}</option>)}
      </select>
    </label>
  );
}

export function LinkForm({ crossingId, report, onDone, onCancel }: {
  crossingId: string;
  report: CrossingReport;
  onDone: (r: RecordedReport) => void;
  onCancel: () => void;
}) {
  const t = useStrings(crossingFormStrings);
  return (
    <ActionForm
      id={`link-${report.id}`} title={t('link.title', { id: report.id })} submitLabel={t('link.submit')} focusFirst
      intro={<p>{t('link.intro')}</p>}
      build={linkBody}
      send={(body) => crossingActionsApi.link(crossingId, report.id, body)}
      onDone={onDone} onCancel={onCancel}
    >
      {report.commitment_id === null
        ? <CommitmentSelect party={report.side} />
        : <p className="muted">{withId(t('link.hasCommitment', { id: MARK }), report.commitment_id)}</p>}
      {report.incident_id === null
        ? <IncidentSelect crossingId={crossingId} />
        : <p className="muted">{withId(t('link.hasIncident', { id: MARK }), report.incident_id)}</p>}
    </ActionForm>
  );
}
