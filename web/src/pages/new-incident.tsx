/** File a complaint (POST /api/incidents); the server decides whether this viewer may, and says why not. */
import { useState, type FormEvent } from 'react';
import { api, type ViewerInfo } from '../api.js';
import { LOCALE_CODES, LOCALES } from '../i18n/catalogues.js';
import { useI18n } from '../i18n/context.js';
import { useStrings } from '../i18n/strings.js';
import { userTextStrings } from '../i18n/user-text.js';
import { SEVERITIES, VIOLATION_CATEGORIES, VISIBILITIES } from '../lists.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';

/** The filing channel follows from who files (src/domain/entries/incident.ts CHANNELS). */
function channelOf(v: ViewerInfo): string {
  if (v.org_kind === 'party') return 'party';
  if (v.org_kind === 'monitor') return 'monitor';
  if (v.org_kind === 'mediator' || v.org_kind === 'secretariat') return 'mediator';
  return 'public';
}

/** The translation filed with the text, if the filer gave one (`{ translations: { [tag]: { title?, notes? } } }`); 'missing' for a language without a text. */
function translationOf(get: (field: string) => string): { translations?: Record<string, { title?: string; notes?: string }> } | 'missing' {
  const language = get('translation_language');
  if (!language) return {};
  const title = get('translation_title');
  const notes = get('translation_notes');
  if (!title && !notes) return 'missing';
  return { translations: { [language]: { ...(title ? { title } : {}), ...(notes ? { notes } : {}) } } };
}

export function NewIncidentPage() {
  const { t, label, locale } = useI18n();
  const tt = useStrings(userTextStrings);
  const { viewer, canWrite } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (viewer === undefined) return <p role="status">{t('common.loading')}</p>;
  if (!viewer || !canWrite) return <p><Link href="/login?next=/incidents/new">{t('header.signIn')}</Link></p>;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    const opt = (k: string) => (get(k) ? get(k) : undefined);
    const location = opt('location');
    const translation = translationOf(get);
    if (translation === 'missing') {
      setError(tt('missing'));
      return;
    }
    const body = {
      title: get('title'),
      channel: channelOf(viewer),
      visibility: get('visibility'),
      ...(opt('accused_party') ? { accused_party: get('accused_party') } : {}),
      clause_refs: get('clause_refs').split(',').map((c) => c.trim()).filter(Boolean),
      ...(opt('category') ? { category: get('category') } : {}),
      ...(opt('severity') ? { severity: get('severity') } : {}),
      event_date: get('event_date'),
      time_precision: 1,
      place: { country: get('country'), ...(location ? { location } : {}), geo_precision: Number(get('geo_precision')) },
      notes: get('notes'),
      language: document.documentElement.lang,
      ...translation,
    };
    setBusy(true);
    setError(null);
    try {
      const r = await api.fileIncident(body);
      navigate(`/incidents/${r!.incident.id}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('new.title')}</h1>
      <form className="stack" onSubmit={(e) => void submit(e)} data-testid="file-incident">
        <label><span>{t('new.field.title')}</span><input name="title" required maxLength={300} /></label>
        <label><span>{t('new.accused')}</span><input name="accused_party" maxLength={32} pattern="[A-Z0-9_\-]{2,32}" dir="ltr" /></label>
        <label>
          <span>{t('new.category')}</span>
          <select name="category" defaultValue="">
            <option value="">{t('common.none')}</option>
            {VIOLATION_CATEGORIES.map((c) => <option key={c} value={c}>{label('category', c)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('new.severity')}</span>
          <select name="severity" defaultValue="">
            <option value="">{t('common.none')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{label('severity', s)}</option>)}
          </select>
        </label>
        <label><span>{t('new.eventDate')}</span><input name="event_date" type="date" required /></label>
        <label><span>{t('new.country')}</span><input name="country" required maxLength={100} /></label>
        <label><span>{t('new.location')}</span><input name="location" maxLength={200} /></label>
        <label>
          <span>{t('new.precision')}</span>
          <select name="geo_precision" defaultValue="2">
            {[1, 2, 3].map((p) => <option key={p} value={p}>{label('precision', String(p))}</option>)}
          </select>
        </label>
        <label><span>{t('new.clauses')}</span><input name="clause_refs" dir="ltr" /></label>
        <label>
          <span>{t('new.visibility')}</span>
          <select name="visibility" defaultValue="parties">
            {VISIBILITIES.map((v) => <option key={v} value={v}>{label('visibility', v)}</option>)}
          </select>
        </label>
        <label><span>{t('new.notes')}</span><textarea name="notes" rows={5} maxLength={20000} /></label>
        <fieldset className="stack" data-testid="translation">
          <legend>{tt('legend')}</legend>
          <p className="small">{tt('hint')}</p>
          <label>
            <span>{tt('language')}</span>
            <select name="translation_language" defaultValue="">
              <option value="">{tt('none')}</option>
              {LOCALE_CODES.filter((c) => c !== locale.code).map((c) => <option key={c} value={c} lang={c}>{LOCALES[c].name}</option>)}
            </select>
          </label>
          <label><span>{tt('title')}</span><input name="translation_title" maxLength={300} dir="auto" /></label>
          <label><span>{tt('notes')}</span><textarea name="translation_notes" rows={4} maxLength={20000} dir="auto" /></label>
        </fieldset>
        {error && <p className="error" role="alert">{t('common.error', { message: error })}</p>}
        <button type="submit" disabled={busy}>{t('new.submit')}</button>
      </form>
    </section>
  );
}
