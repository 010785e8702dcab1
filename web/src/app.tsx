/** The shell: skip link, header (who is signed in, for which organisation and roles; language), navigation, the page. */
import { useEffect, useRef } from 'react';
import { LOCALE_CODES, LOCALES, isLocaleCode } from './i18n/catalogues.js';
import { useI18n } from './i18n/context.js';
import { AgreementsNav, agreementsPage } from './agreements/routes.js';
import { DashboardNavLink, DashboardPage } from './pages/dashboard.js';
import { IncidentDetailPage } from './pages/incident-detail.js';
import { IncidentListPage } from './pages/incident-list.js';
import { KeysPage } from './pages/keys.js';
import { MapNavLink, MapPage } from './pages/map.js';
import { LoginPage } from './pages/login.js';
import { NewIncidentPage } from './pages/new-incident.js';
import { Link, navigate, useLocation } from './router.js';
import { useSession } from './session.js';

function Page({ path }: { path: string }) {
  const { t } = useI18n();
  if (path === '/' || path === '/dashboard') return <DashboardPage />;
  if (path === '/incidents') return <IncidentListPage />;
  if (path === '/incidents/new') return <NewIncidentPage />;
  if (path === '/login') return <LoginPage />;
  if (path === '/keys') return <KeysPage />;
  if (path === '/map') return <MapPage />;
  const m = /^\/incidents\/(INC-\d{4}-\d{4,})$/.exec(path);
  if (m) return <IncidentDetailPage key={m[1]} id={m[1]!} />;
  const agreements = agreementsPage(path); if (agreements) return agreements;
  return <p>{t('common.notFound')}</p>;
}

function LanguageSwitcher() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="lang">
      <span>{t('lang.label')}</span>
      <select value={locale.code} data-testid="language" onChange={(e) => isLocaleCode(e.target.value) && setLocale(e.target.value)}>
        {LOCALE_CODES.map((c) => <option key={c} value={c} lang={c}>{LOCALES[c].name}</option>)}
      </select>
    </label>
  );
}

function Who() {
  const { t, label } = useI18n();
  const { viewer, signOut } = useSession();
  if (viewer === undefined) return null;
  if (viewer === null) return <Link className="button" href="/login">{t('header.signIn')}</Link>;
  return (
    <div className="who" data-testid="who">
      <span>{t('header.user', { user: viewer.username })}</span>
      <span><span className="muted">{t('header.org')}: </span><strong data-testid="who-org">{viewer.org}</strong></span>
      <span><span className="muted">{t('header.roles')}: </span>{viewer.roles.map((r) => label('role', r)).join(', ')}</span>
      <button type="button" onClick={() => void signOut().then(() => navigate('/login'))}>{t('header.signOut')}</button>
    </div>
  );
}

export function App() {
  const { t } = useI18n();
  const { path } = useLocation();
  const { viewer, canWrite } = useSession();
  const main = useRef<HTMLElement>(null);
  const firstLoad = useRef(true);
  useEffect(() => {
    // A new page: move focus to it, so screen-reader and keyboard users start reading there. Not on the
    // first load, which starts at the top like any page load (the skip link is the first Tab stop).
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [path]);
  const current = (href: string) => (path === href || (href === '/dashboard' && path === '/') ? 'page' : undefined);
  return (
    <>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="top">
        <div className="brand">
          <Link href="/" className="name">{t('app.name')}</Link>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')}>
          <ul>
            <li><DashboardNavLink current={current('/dashboard')} /></li>
            <li><Link href="/incidents" aria-current={current('/incidents')}>{t('nav.incidents')}</Link></li>
            {viewer && canWrite && <li><Link href="/incidents/new" aria-current={current('/incidents/new')}>{t('nav.file')}</Link></li>}
            <AgreementsNav path={path} />
            <li><MapNavLink current={current('/map')} /></li>
            <li><Link href="/keys" aria-current={current('/keys')}>{t('nav.keys')}</Link></li>
          </ul>
        </nav>
        <div className="tools">
          <LanguageSwitcher />
          <Who />
        </div>
      </header>
      {viewer && !canWrite && <p className="notice" role="note"><Link href="/login">{t('login.again')}</Link></p>}
      <main id="main" ref={main} tabIndex={-1}>
        <Page path={path} />
      </main>
    </>
  );
}
