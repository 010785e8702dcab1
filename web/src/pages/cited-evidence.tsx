/**
 * The evidence a verification or self-report cites, by id: the file's name
 * and kind, linked to its incident's page (where the evidence itself is
 * opened), or the bare id with "not visible to you" when the viewer may not
 * read it. Each id is asked for once per page (../evidence/citation.ts), as
 * a summary: drawing a citation is not a custody step.
 */
import { useEffect, useMemo, useState } from 'react';
import { Id } from '../agreements/ui.js';
import { evidenceApi } from '../evidence/api.js';
import { cachedCitation, type Citation, type CitationCache } from '../evidence/citation.js';
import { useEvidenceKindLabel } from '../evidence/kind-label.js';
import { agreementStrings } from '../i18n/agreements.js';
import { useI18n } from '../i18n/context.js';
import { useStrings } from '../i18n/strings.js';
import { Link } from '../router.js';

/** A cache for one page: a new one for each `key` (the record shown). */
export function useCitationCache(key: string): CitationCache {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names the page the cache belongs to
  return useMemo(() => new Map(), [key]);
}

function CitedItem({ id, cache }: { id: string; cache: CitationCache }) {
  const t = useStrings(agreementStrings);
  const kindLabel = useEvidenceKindLabel();
  const [c, setC] = useState<Citation | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void cachedCitation(cache, id, evidenceApi.summary).then((r) => live && setC(r));
    return () => {
      live = false;
    };
  }, [cache, id]);
  if (c?.state === 'shown') {
    const e = c.evidence;
    return (
      <li data-id={id} data-state="shown">
        <Link href={`/incidents/${encodeURIComponent(e.incident_id)}`}><bdi>{e.original_name}</bdi></Link>
        {' '}<span className="muted">({kindLabel(e.kind)})</span> <Id>{id}</Id>
      </li>
    );
  }
  return (
    <li data-id={id} data-state={c?.state ?? 'loading'}>
      <Id>{id}</Id>
      {c?.state === 'hidden' && <span className="muted"> {t('com.evidenceHidden')}</span>}
      {c?.state === 'failed' && <span className="muted"> {t('com.evidenceFailed', { message: c.message })}</span>}
    </li>
  );
}

export function CitedEvidence({ ids, cache }: { ids: readonly string[]; cache: CitationCache }) {
  const { t: core } = useI18n();
  if (ids.length === 0) return <>{core('common.none')}</>;
  return <ul className="cited">{ids.map((id) => <CitedItem key={id} id={id} cache={cache} />)}</ul>;
}
