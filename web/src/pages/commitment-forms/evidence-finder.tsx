/**
 * Finding evidence to cite (GET /api/evidence: what the viewer may read on
 * any incident, by file name, evidence number or incident number; a search
 * records no custody step). Each result's button adds its number to the
 * evidence field. Inside the commitment form, so Enter searches here rather
 * than sending the form.
 */
import { useState, type KeyboardEvent } from 'react';
import { Id } from '../../agreements/ui.js';
import { evidenceApi, type EvidenceSummary } from '../../evidence/api.js';
import { useEvidenceKindLabel } from '../../evidence/kind-label.js';
import { useCommitmentStrings } from './action-form.js';

export function EvidenceFinder({ onAdd }: { onAdd: (id: string) => void }) {
  const t = useCommitmentStrings();
  const kind = useEvidenceKindLabel();
  const [text, setText] = useState('');
  const [found, setFound] = useState<EvidenceSummary[] | { error: string } | undefined>(undefined);
  const search = () => {
    evidenceApi.search(text.trim()).then((r) => setFound(r.items), (e: unknown) => setFound({ error: e instanceof Error ? e.message : String(e) }));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    search();
  };
  return (
    <div className="evidence-finder" data-testid="evidence-finder">
      <div className="row">
        <label>
          <span>{t('f.find')}</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} maxLength={200} dir="auto" autoComplete="off" />
        </label>
        <button type="button" className="secondary" onClick={search}>{t('f.findButton')}</button>
      </div>
      {found && 'error' in found && <p className="error" role="alert">{found.error}</p>}
      {Array.isArray(found) && (found.length === 0 ? <p className="muted" role="status">{t('f.findNone')}</p> : (
        <ul className="cited" role="status">
          {found.map((e) => (
            <li key={e.id} data-id={e.id}>
              <button type="button" className="secondary small" onClick={() => onAdd(e.id)}>{t('f.add', { id: e.id })}</button>{' '}
              <bdi>{e.original_name}</bdi> <span className="muted">({kind(e.kind)}, <Id>{e.incident_id}</Id>)</span>
            </li>
          ))}
        </ul>
      ))}
    </div>
  );
}
