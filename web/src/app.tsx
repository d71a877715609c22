import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './api/query-client.js';
import { AuthProvider, SCREENS, canOpen, homeFor, useAuth, type ScreenName } from './auth.js';
import { Link, Router, matchPath, useRouter } from './router.js';
import { Loading, Notice } from './components/feedback.js';
import { LoginScreen } from './screens/login.js';
import { QueueScreen } from './screens/queue.js';
import { IntakeScreen } from './screens/intake.js';
import { CaseScreen } from './screens/case.js';
import { LetterScreen } from './screens/letter.js';
import { LettersScreen } from './screens/letters.js';
import { ReviewersScreen } from './screens/reviewers.js';
import { AuditScreen } from './screens/audit.js';
import { UsersScreen } from './screens/users.js';
import { OperationsScreen } from './screens/operations.js';
import { CorpusLetterScreen } from './screens/corpus-letter.js';
import { DocumentScreen } from './screens/document.js';
// The dashboard carries the chart library: load it only when opened.
const CorpusScreen = lazy(() => import('./screens/corpus.js').then((m) => ({ default: m.CorpusScreen })));

export function App() {
  // One client for the page's life: its cache is what screens share and invalidate after writes.
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <Router>
        <AuthProvider>
          <Gate />
        </AuthProvider>
      </Router>
    </QueryClientProvider>
  );
}

function Gate() {
  const { me, checking } = useAuth();
  const { path, navigate } = useRouter();
  useEffect(() => {
    if (me && (path === '/' || path === '/login')) navigate(homeFor(me.role), { replace: true });
  }, [me, path, navigate]);
  if (checking) return <Loading label="Checking your session…" />;
  if (!me) return <LoginScreen />;
  return (
    <Shell>
      <Routes />
    </Shell>
  );
}

const NAV_ORDER: ScreenName[] = ['queue', 'intake', 'letters', 'reviewers', 'corpus', 'operations', 'users', 'audit'];

function Shell({ children }: { children: ReactNode }) {
  const { me, logout } = useAuth();
  const { path } = useRouter();
  if (!me) return null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          IMR Workbench<small>Independent Medical Review</small>
        </div>
        <nav className="nav" aria-label="Main">
          {NAV_ORDER.filter((s) => canOpen(me.role, s)).map((s) => {
            const screen = SCREENS[s];
            const current = path === screen.path || (s === 'queue' && path.startsWith('/cases/'));
            return (
              <Link key={s} to={screen.path} aria-current={current ? 'page' : undefined}>
                {screen.label}
              </Link>
            );
          })}
        </nav>
        <div className="who">
          <span className="name">{me.displayName}</span>
          <span className="role" aria-label={`Role: ${me.role}`}>
            {me.role}
          </span>
          <button type="button" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Forbidden({ what }: { what: string }) {
  const { me } = useAuth();
  return (
    <Notice kind="warn" title={`Your role (${me?.role ?? 'none'}) cannot open ${what}.`}>
      <p>
        Use the menu above to reach the screens your role allows. If you need access, ask an administrator. <Link to={me ? homeFor(me.role) : '/'}>Go to your start page</Link>
      </p>
    </Notice>
  );
}

function Routes() {
  const { me } = useAuth();
  const { path } = useRouter();
  if (!me) return null;
  const guard = (screen: ScreenName, node: ReactNode) => (canOpen(me.role, screen) ? node : <Forbidden what={SCREENS[screen].label} />);

  let m: Record<string, string> | null;
  if (matchPath('/queue', path)) return guard('queue', <QueueScreen />);
  if (matchPath('/intake', path)) return guard('intake', <IntakeScreen />);
  if (matchPath('/letters', path)) return guard('letters', <LettersScreen />);
  if (matchPath('/reviewers', path)) return guard('reviewers', <ReviewersScreen />);
  if (matchPath('/users', path)) return guard('users', <UsersScreen />);
  if (matchPath('/audit', path)) return guard('audit', <AuditScreen />);
  if (matchPath('/operations', path)) return guard('operations', <OperationsScreen />);
  if ((m = matchPath('/corpus/letters/:id', path))) return guard('corpus', <CorpusLetterScreen letterId={m.id!} />);
  if (matchPath('/corpus', path)) return guard('corpus', <Suspense fallback={<Loading label="Loading the dashboard…" />}><CorpusScreen /></Suspense>);
  if ((m = matchPath('/cases/:id/letter', path))) return <LetterScreen caseId={m.id!} />;
  // Parties included: the server answers whether the document is theirs to read (its 403 says why not).
  if ((m = matchPath('/cases/:id/documents/:docId', path))) return <DocumentScreen caseId={m.id!} docId={m.docId!} />;
  if ((m = matchPath('/cases/:id', path))) return me.role === 'party' ? <Forbidden what="the case file" /> : <CaseScreen caseId={m.id!} />;
  if (path === '/' || path === '/login') return <Loading />;
  return (
    <Notice kind="warn" title="There is no page at this address.">
      <p>
        Check the address, or <Link to={homeFor(me.role)}>go to your start page</Link>.
      </p>
    </Notice>
  );
}
