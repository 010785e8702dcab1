/**
 * Evidence on an incident: lodge a file (hashed in this browser first, then
 * uploaded with progress, then the server's recorded SHA-256 compared with
 * the browser's and with the ledger entry, verified here), and for each
 * piece: its hashes, a download that is hashed and compared with the ledger,
 * a preview of images and PDFs from the downloaded bytes (object URLs, never
 * run), the metadata the API read from the file, and the chain of custody.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, type IncidentDetail } from '../api.js';
import { downloadEvidence, EVIDENCE_KINDS, evidenceApi, uploadEvidence, type EvidenceDetail, type EvidenceSummary } from '../evidence/api.js';
import { previewKind, sameDigest, sha256Hex } from '../evidence/hash.js';
import { useLedgerHash, type LedgerState } from '../evidence/use-ledger-hash.js';
import { useI18n } from '../i18n/context.js';
import { lifecycleStrings } from '../i18n/lifecycle.js';
import { useStrings } from '../i18n/strings.js';
import { VISIBILITIES } from '../lists.js';
import { useSession } from '../session.js';

/** Hashes this tab computed before uploading, by evidence id (kept for the tab's life, to compare after reloads of the list). */
const localHashes = new Map<string, string>();

export function useEvidenceList(incidentId: string, round: number) {
  const [items, setItems] = useState<EvidenceSummary[] | { error: string } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    evidenceApi.list(incidentId).then(
      (r) => live && setItems(r.items),
      (e: unknown) => live && setItems({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [incidentId, round]);
  return items;
}

/** An object URL for bytes, revoked when replaced or unmounted. */
function useObjectUrl(): [string | null, (blob: Blob | null) => void] {
  const [url, setUrl] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const set = useCallback((blob: Blob | null) => {
    if (current.current) URL.revokeObjectURL(current.current);
    current.current = blob ? URL.createObjectURL(blob) : null;
    setUrl(current.current);
  }, []);
  useEffect(() => () => {
    if (current.current) URL.revokeObjectURL(current.current);
  }, []);
  return [url, set];
}

function Preview({ url, mediaType, name }: { url: string; mediaType: string; name: string }) {
  const t = useStrings(lifecycleStrings);
  const kind = previewKind(mediaType);
  if (kind === 'image') return <img className="ev-preview" src={url} alt={t('ev.preview', { name })} data-testid="evidence-preview" />;
  if (kind === 'pdf') {
    return (
      <object className="ev-preview ev-pdf" data={url} type="application/pdf" aria-label={t('ev.preview', { name })} data-testid="evidence-preview">
        <p>{t('ev.pdfFallback')}</p>
      </object>
    );
  }
  return null;
}

const hex = (h: string) => <code dir="ltr" className="hash">{h}</code>;

function UploadForm({ incident, onLodged }: { incident: IncidentDetail; onLodged: (ev: EvidenceDetail, index: number) => void }) {
  const { fmt, label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const [phase, setPhase] = useState<'idle' | 'hashing' | 'uploading'>('idle');
  const [local, setLocal] = useState<{ name: string; type: string; size: number; sha256: string } | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewUrl, setPreview] = useObjectUrl();
  const [previewType, setPreviewType] = useState('');

  const chosen = async (file: File | undefined) => {
    setLocal(null);
    setError(null);
    setPreview(null);
    if (!file) return;
    if (file.size === 0) {
      setError(t('ev.empty'));
      return;
    }
    setPhase('hashing');
    try {
      const sha256 = await sha256Hex(await file.arrayBuffer());
      setLocal({ name: file.name, type: file.type, size: file.size, sha256 });
      const kind = previewKind(file.type);
      // A preview only for still images and PDF, from a blob typed by us, never by the file.
      if (kind) {
        setPreviewType(file.type);
        setPreview(new Blob([file], { type: file.type }));
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setPhase('idle');
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const file = f.get('file');
    if (!(file instanceof File) || file.size === 0 || !local) {
      setError(t('ev.chooseFirst'));
      return;
    }
    const captured = String(f.get('captured_at') ?? '');
    const fields: Record<string, string> = {
      kind: String(f.get('kind') ?? ''),
      visibility: String(f.get('visibility') ?? ''),
      description: String(f.get('description') ?? '').trim(),
      device: String(f.get('device') ?? '').trim(),
      // datetime-local gives the clock time at the place, which the API keeps without a zone.
      captured_at: captured ? (captured.length === 16 ? `${captured}:00` : captured) : '',
    };
    setPhase('uploading');
    setError(null);
    setProgress({ sent: 0, total: file.size });
    try {
      // Hash again at send time: the file on disk may have changed since it was chosen.
      const sha256 = await sha256Hex(await file.arrayBuffer());
      setLocal((l) => (l ? { ...l, sha256 } : l));
      const r = await uploadEvidence(incident.id, file, fields, (sent, total) => setProgress({ sent, total }));
      localHashes.set(r.evidence.id, sha256);
      form.reset();
      setLocal(null);
      setPreview(null);
      onLodged(r.evidence, r.entry.index);
    } catch (err) {
      setError(err instanceof ApiError ? t('form.refused', { status: err.status, message: err.message }) : err instanceof Error ? err.message : String(err));
    } finally {
      setPhase('idle');
      setProgress(null);
    }
  };

  const pct = progress && progress.total > 0 ? Math.min(1, progress.sent / progress.total) : 0;
  return (
    <form className="stack action-form" onSubmit={(e) => void submit(e)} aria-labelledby="ev-upload-h" data-testid="evidence-upload" noValidate>
      <h3 id="ev-upload-h">{t('ev.upload')}</h3>
      <label><span>{t('ev.file')}</span><input type="file" name="file" required aria-required="true" onChange={(e) => void chosen(e.target.files?.[0])} /></label>
      {phase === 'hashing' && <p role="status">{t('ev.hashing')}</p>}
      {local && (
        <p className="ev-local" data-testid="local-hash" data-sha256={local.sha256}>
          {t('ev.localHash', { name: local.name, size: fmt.number(local.size) })} {hex(local.sha256)}
        </p>
      )}
      {previewUrl && <Preview url={previewUrl} mediaType={previewType} name={local?.name ?? ''} />}
      <label>
        <span>{t('ev.kind')}</span>
        <select name="kind" defaultValue="photo">
          {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{t(`evk.${k}`)}</option>)}
        </select>
      </label>
      <label>
        <span>{t('ev.visibility')}</span>
        <select name="visibility" defaultValue={incident.visibility}>
          {VISIBILITIES.map((v) => <option key={v} value={v}>{label('visibility', v)}</option>)}
        </select>
      </label>
      <label><span>{t('ev.description')}</span><textarea name="description" rows={2} maxLength={4000} /></label>
      <label><span>{t('ev.capturedAt')}</span><input type="datetime-local" name="captured_at" step={1} /></label>
      <label><span>{t('ev.device')}</span><input name="device" maxLength={200} /></label>
      {phase === 'uploading' && progress && (
        <label className="ev-progress">
          <span>{t('ev.progress', { percent: fmt.number(Math.round(pct * 100)), sent: fmt.number(progress.sent), total: fmt.number(progress.total) })}</span>
          <progress max={1} value={pct} data-testid="upload-progress" />
        </label>
      )}
      {error && <p className="error" role="alert" data-testid="form-error">{error}</p>}
      <button type="submit" disabled={phase !== 'idle'} aria-busy={phase !== 'idle'}>{phase === 'uploading' ? t('form.sending') : t('ev.submit')}</button>
    </form>
  );
}

function LedgerLine({ ev, s }: { ev: EvidenceSummary; s: LedgerState }) {
  const { fmt } = useI18n();
  const t = useStrings(lifecycleStrings);
  const index = fmt.number(ev.entry_index);
  if (s.state === 'checking') return <p className="badge badge-checking" role="status" data-testid="ledger-hash" data-state="checking">{t('ev.ledger.checking', { index })}</p>;
  if (s.state === 'pending') return <p className="badge badge-pending" role="status" data-testid="ledger-hash" data-state="pending">{t('ev.ledger.pending', { index })}</p>;
  const r = s.result;
  if (r.kind === 'failed') return <p className="badge badge-failed" role="alert" data-testid="ledger-hash" data-state="failed">✗ {t('ev.ledger.failed', { index, reason: `${r.code}: ${r.reason}` })}</p>;
  if (r.kind === 'sealed') return <p className="badge badge-pending" role="status" data-testid="ledger-hash" data-state="sealed">{t('ev.ledger.sealed', { index })}</p>;
  if (!sameDigest(r.sha256, ev.sha256)) {
    return <p className="badge badge-failed" role="alert" data-testid="ledger-hash" data-state="mismatch">✗ {t('ev.ledger.mismatch', { index })} {hex(r.sha256)}</p>;
  }
  return (
    <p className="badge badge-ok" role="status" data-testid="ledger-hash" data-state="match" data-sha256={r.sha256}>
      <span aria-hidden="true">✓ </span>{t(r.via === 'open' ? 'ev.ledger.match' : 'ev.ledger.matchDisclosed', { index, size: fmt.number(r.check.size), cosigners: fmt.list(r.check.cosigners) })}
    </p>
  );
}

type Download = { state: 'busy' } | { state: 'error'; message: string } | { state: 'done'; sha256: string; expected: string; against: 'ledger' | 'server' };

function EvidenceCard({ ev, round }: { ev: EvidenceSummary; round: number }) {
  const { fmt, label } = useI18n();
  const t = useStrings(lifecycleStrings);
  const ledger = useLedgerHash(ev, round);
  const [dl, setDl] = useState<Download | null>(null);
  const [previewUrl, setPreview] = useObjectUrl();
  const [saveUrl, setSave] = useObjectUrl();
  const [detail, setDetail] = useState<EvidenceDetail | { error: string } | null>(null);
  const local = localHashes.get(ev.id);
  const ledgerSha = ledger.state === 'done' && ledger.result.kind === 'recorded' ? ledger.result.sha256 : null;

  const download = async () => {
    setDl({ state: 'busy' });
    setPreview(null);
    setSave(null);
    try {
      const bytes = await downloadEvidence(ev.content_url);
      const sha256 = await sha256Hex(bytes);
      const expected = ledgerSha ?? ev.sha256;
      setDl({ state: 'done', sha256, expected, against: ledgerSha ? 'ledger' : 'server' });
      if (sameDigest(sha256, expected)) {
        // Only bytes that match are shown or offered for saving, and only typed by us.
        if (previewKind(ev.media_type)) setPreview(new Blob([bytes], { type: ev.media_type }));
        setSave(new Blob([bytes], { type: 'application/octet-stream' }));
      }
    } catch (e) {
      setDl({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const loadDetail = (open: boolean) => {
    if (!open || detail) return;
    evidenceApi.detail(ev.id).then(setDetail, (e: unknown) => setDetail({ error: e instanceof Error ? e.message : String(e) }));
  };

  const meta = detail && !('error' in detail) ? detail.metadata as { make?: string; model?: string; software?: string; date_time_original?: string; offset_time_original?: string; gps?: { latitude: number; longitude: number; altitude?: number }; width?: number; height?: number } : null;

  return (
    <li className="ev-card" data-testid="evidence-item" data-id={ev.id}>
      <h3><span dir="ltr" className="id">{ev.id}</span> {ev.original_name}</h3>
      <dl className="facts">
        <dt>{t('ev.kind')}</dt><dd>{t(`evk.${ev.kind}` as never)}</dd>
        <dt>{t('ev.type')}</dt><dd dir="ltr">{ev.media_type}</dd>
        <dt>{t('ev.size')}</dt><dd>{t('ev.bytes', { n: ev.size })}</dd>
        <dt>{t('ev.visibility')}</dt><dd>{label('visibility', ev.visibility)}{ev.sealed ? ` · ${ev.disclosed ? t('ev.disclosed') : t('ev.sealed')}` : ''}</dd>
        <dt>{t('ev.lodged')}</dt><dd>{ev.lodged_org} <span className="muted" dir="ltr">({ev.lodged_by})</span>, {fmt.dateTime(ev.lodged_at)}</dd>
        {ev.captured_at && (<><dt>{t('ev.captured')}</dt><dd dir="ltr">{ev.captured_at}</dd></>)}
        {ev.device && (<><dt>{t('ev.deviceShown')}</dt><dd>{ev.device}</dd></>)}
        {ev.description && (<><dt>{t('ev.descriptionShown')}</dt><dd>{ev.description}</dd></>)}
        <dt>{t('ev.serverHash')}</dt><dd data-testid="server-hash">{hex(ev.sha256)}</dd>
      </dl>
      {local !== undefined && (sameDigest(local, ev.sha256)
        ? <p className="badge badge-ok" role="status" data-testid="upload-match" data-state="match"><span aria-hidden="true">✓ </span>{t('ev.uploadMatch')}</p>
        : <p className="badge badge-failed" role="alert" data-testid="upload-match" data-state="mismatch">✗ {t('ev.uploadMismatch')} {hex(local)}</p>)}
      <LedgerLine ev={ev} s={ledger} />
      {ev.actions.includes('download') && (
        <div className="ev-download">
          <button type="button" className="secondary" onClick={() => void download()} disabled={dl?.state === 'busy'} data-testid="download-check">{t('ev.download')}</button>
          {dl?.state === 'busy' && <p role="status">{t('ev.downloading')}</p>}
          {dl?.state === 'error' && <p className="error" role="alert">{dl.message}</p>}
          {dl?.state === 'done' && (sameDigest(dl.sha256, dl.expected)
            ? <p className="badge badge-ok" role="status" data-testid="file-check" data-state="match"><span aria-hidden="true">✓ </span>{t(dl.against === 'ledger' ? 'ev.file.matches' : 'ev.file.matchesServer')} {hex(dl.sha256)}</p>
            : <p className="badge badge-failed ev-mismatch" role="alert" data-testid="file-check" data-state="mismatch"><span aria-hidden="true">✗ </span>{t('ev.file.mismatch')} {t('ev.file.got')} {hex(dl.sha256)} {t(dl.against === 'ledger' ? 'ev.file.wantLedger' : 'ev.file.wantServer')} {hex(dl.expected)}</p>)}
          {previewUrl && <Preview url={previewUrl} mediaType={ev.media_type} name={ev.original_name} />}
          {saveUrl && <p><a href={saveUrl} download={ev.original_name}>{t('ev.save')}</a></p>}
        </div>
      )}
      <details onToggle={(e) => loadDetail(e.currentTarget.open)} data-testid="evidence-details">
        <summary>{t('ev.details')}</summary>
        {detail === null && <p role="status">{t('ev.loading')}</p>}
        {detail && 'error' in detail && <p className="error" role="alert">{detail.error}</p>}
        {detail && !('error' in detail) && (<>
          <h4>{t('ev.exif')}</h4>
          {meta && Object.keys(meta).length > 0 ? (
            <dl className="facts" data-testid="exif">
              {(meta.make || meta.model) && (<><dt>{t('ev.camera')}</dt><dd>{[meta.make, meta.model].filter(Boolean).join(' ')}</dd></>)}
              {meta.software && (<><dt>{t('ev.software')}</dt><dd>{meta.software}</dd></>)}
              {meta.date_time_original && (<><dt>{t('ev.exifTime')}</dt><dd dir="ltr">{meta.date_time_original}{meta.offset_time_original ?? ''}</dd></>)}
              {meta.gps && (<><dt>{t('ev.gps')}</dt><dd dir="ltr">{fmt.number(meta.gps.latitude)}, {fmt.number(meta.gps.longitude)}{meta.gps.altitude !== undefined ? ` (${fmt.number(meta.gps.altitude)} m)` : ''}</dd></>)}
              {meta.width !== undefined && meta.height !== undefined && (<><dt>{t('ev.dimensions')}</dt><dd dir="ltr">{fmt.number(meta.width)} × {fmt.number(meta.height)}</dd></>)}
            </dl>
          ) : <p className="muted">{t('ev.noExif')}</p>}
          <h4>{t('ev.custody')}</h4>
          {detail.custody === null ? <p className="muted">{t('ev.custodyHidden')}</p> : (
            <div className="table-wrap">
              <table data-testid="custody">
                <thead><tr><th scope="col">{t('ev.custody.index')}</th><th scope="col">{t('ev.custody.action')}</th><th scope="col">{t('ev.custody.who')}</th><th scope="col">{t('ev.custody.at')}</th></tr></thead>
                <tbody>
                  {detail.custody.map((c) => (
                    <tr key={c.index} data-action={c.action}>
                      <td className="num">{fmt.number(c.index)}</td>
                      <td>{t(`custody.${c.action}` as never)}{c.copy_id ? <> (<span dir="ltr">{c.copy_id}</span>)</> : null}</td>
                      <td>{c.org} <span className="muted" dir="ltr">({c.user})</span></td>
                      <td>{fmt.dateTime(c.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <button type="button" className="secondary" onClick={() => { setDetail(null); evidenceApi.detail(ev.id).then(setDetail, (e: unknown) => setDetail({ error: e instanceof Error ? e.message : String(e) })); }}>{t('ev.refresh')}</button>
        </>)}
      </details>
    </li>
  );
}

export function EvidenceSection({ incident, items, canLodge, onLodged, round }: {
  incident: IncidentDetail;
  items: EvidenceSummary[] | { error: string } | undefined;
  canLodge: boolean;
  onLodged: (ev: EvidenceDetail, index: number) => void;
  round: number;
}) {
  const t = useStrings(lifecycleStrings);
  const { canWrite } = useSession();
  return (
    <section aria-labelledby="evidence-h" data-testid="evidence">
      <h2 id="evidence-h">{t('ev.heading')}</h2>
      {canLodge && canWrite && <UploadForm incident={incident} onLodged={onLodged} />}
      {items === undefined && <p role="status">{t('ev.loading')}</p>}
      {items && 'error' in items && <p className="error" role="alert">{items.error}</p>}
      {Array.isArray(items) && items.length === 0 && <p className="muted">{t('ev.none')}</p>}
      {Array.isArray(items) && items.length > 0 && <ul className="ev-list">{items.map((ev) => <EvidenceCard key={ev.id} ev={ev} round={round} />)}</ul>}
    </section>
  );
}
