/** The agreement screens' routes and navigation links, plugged into the shell (app.tsx) with one line each. */
import type { ReactNode } from 'react';
import { agreementStrings } from '../i18n/agreements.js';
import { useStrings } from '../i18n/strings.js';
import { CommitmentDetailPage, CommitmentListPage } from '../pages/commitments.js';
import { NewCommitmentPage } from '../pages/commitment-forms/new-commitment.js';
import { CrossingDetailPage, CrossingListPage } from '../pages/crossings.js';
import { MovementsPage } from '../pages/movements.js';
import { PenaltyDetailPage, PenaltyLadderPage, PenaltyListPage } from '../pages/penalties.js';
import { TextDetailPage, TextListPage } from '../pages/texts.js';
import { Link } from '../router.js';

/**
 * The page for an agreement path, or null when the path is not one of ours.
 * Detail pages are keyed by record: what one holds (a "recorded" line, an
 * open form) never carries over to the next record opened.
 */
export function agreementsPage(path: string): ReactNode | null {
  if (path === '/commitments') return <CommitmentListPage />;
  if (path === '/commitments/new') return <NewCommitmentPage />;
  if (path === '/penalties') return <PenaltyListPage />;
  if (path === '/penalty-ladder') return <PenaltyLadderPage />;
  if (path === '/crossings') return <CrossingListPage />;
  if (path === '/movements') return <MovementsPage />;
  if (path === '/texts') return <TextListPage />;
  let m = /^\/commitments\/(COM-\d{1,7})$/.exec(path);
  if (m) return <CommitmentDetailPage key={m[1]} id={m[1]!} />;
  m = /^\/penalties\/(PEN-\d{1,7})$/.exec(path);
  if (m) return <PenaltyDetailPage key={m[1]} id={m[1]!} />;
  m = /^\/crossings\/([a-z0-9-]{2,40})$/.exec(path);
  if (m) return <CrossingDetailPage key={m[1]} id={m[1]!} />;
  m = /^\/texts\/(TXT-\d{4}-\d{4,})$/.exec(path);
  if (m) return <TextDetailPage key={m[1]} id={m[1]!} />;
  return null;
}

const SECTIONS = [
  { href: '/commitments', key: 'nav.commitments', also: [] },
  { href: '/penalties', key: 'nav.penalties', also: ['/penalty-ladder'] },
  { href: '/crossings', key: 'nav.crossings', also: ['/movements'] },
  { href: '/texts', key: 'nav.texts', also: [] },
] as const;

/** The four agreement areas as nav items (list items for the shell's <ul>); the current area is marked. */
export function AgreementsNav({ path }: { path: string }) {
  const t = useStrings(agreementStrings);
  return (
    <>
      {SECTIONS.map((s) => {
        const here = [s.href, ...s.also].some((h) => path === h || path.startsWith(`${h}/`));
        return <li key={s.href} className="ag-nav"><Link href={s.href} aria-current={here ? 'page' : undefined}>{t(s.key)}</Link></li>;
      })}
    </>
  );
}
