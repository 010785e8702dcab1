/**
 * The actions the server lists for this viewer (`actions` on the incident),
 * and nothing else. Acknowledging a notice and sending one have forms here;
 * the other steps are listed but still taken through the API.
 */
import { useState, type FormEvent } from 'react';
import { api, type IncidentDetail } from '../api.js';
import type { MessageKey } from '../i18n/en.js';
import { useI18n } from '../i18n/context.js';
import { useSession } from '../session.js';

/** Steps whose body is only an optional note (src/api/routes/incident-steps.schema.ts). */
const NOTE_FORMS: Record<string, { path: string; title: MessageKey; submit: MessageKey }> = {
  acknowledge: { path: 'acknowledgement', title: 'ack.title', submit: 'ack.submit' },
  send_notice: { path: 'notice', title: 'notice.title', submit: 'notice.submit' },
};

function NoteForm({ incident, action, onRecorded }: { incident: IncidentDetail; action: string; onRecorded: (i: IncidentDetail, index: number) => void }) {
  const { t } = useI18n();
  const spec = NOTE_FORMS[action]!;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const note = String(new FormData(e.currentTarget).get('note') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const r = await api.step(incident.id, spec.path, note ? { note } : {});
      onRecorded(r!.incident, r!.entry.index);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const fid = `form-${action}`;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${fid}-h`} data-testid={fid}>
      <h3 id={`${fid}-h`}>{t(spec.title)}</h3>
      <label><span>{t('form.note')}</span><textarea name="note" rows={2} maxLength={4000} /></label>
      {error && <p className="error" role="alert">{t('common.error', { message: error })}</p>}
      <button type="submit" disabled={busy}>{t(spec.submit)}</button>
    </form>
  );
}

export function ActionPanel({ incident, onRecorded }: { incident: IncidentDetail; onRecorded: (i: IncidentDetail) => void }) {
  const { t, fmt, label } = useI18n();
  const { canWrite } = useSession();
  const [recorded, setRecorded] = useState<number | null>(null);
  const actions = incident.actions.filter((a) => a !== 'read');
  const withForm = actions.filter((a) => a in NOTE_FORMS);
  const without = actions.filter((a) => !(a in NOTE_FORMS));
  const done = (i: IncidentDetail, index: number) => {
    setRecorded(index);
    onRecorded(i);
  };
  return (
    <section aria-labelledby="actions-h" data-testid="actions">
      <h2 id="actions-h">{t('detail.actions')}</h2>
      {recorded !== null && <p className="success" role="status" data-testid="recorded">{t('common.recorded', { index: fmt.number(recorded) })}</p>}
      {actions.length === 0 && <p className="muted">{t('detail.noActions')}</p>}
      {canWrite && withForm.map((a) => <NoteForm key={a} incident={incident} action={a} onRecorded={done} />)}
      {without.length > 0 && (
        <ul className="pending-actions">
          {without.map((a) => <li key={a}>{label('action', a)} <span className="muted">({t('detail.notInUi')})</span></li>)}
        </ul>
      )}
    </section>
  );
}
