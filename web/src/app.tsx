import { LocationProvider, Route, Router } from 'preact-iso';
import { AREAS, LEGAL_PAGES } from './areas';
import { I18nProvider, useI18n } from './i18n';
import { APP_LINK_SCOPE } from './server-paths';
import { Footer } from './components/Footer';
import { Header } from './components/Header';
import { AreaPage } from './pages/AreaPage';
import { Assistant } from './pages/Assistant';
import { Developer } from './pages/Developer';
import { Home } from './pages/Home';
import { LegalPage } from './pages/LegalPage';
import { NotFound } from './pages/NotFound';
import { Inventory } from './pages/Inventory';
import { Office, Offices } from './pages/Office';
import { SearchResults } from './pages/SearchResults';
import { Service } from './pages/Service';
import { Services } from './pages/Services';
import { SessionProvider } from './account/session';
import { Account } from './pages/account/Account';
import { Login } from './pages/account/Login';
import { ForgotPassword, NewPassword, VerifyEmail } from './pages/account/Recovery';
import { Register } from './pages/account/Register';
import { OfficeEditor } from './pages/staff/OfficeEditor';
import { ServiceEditor } from './pages/staff/ServiceEditor';
import { Book } from './pages/appointments/Book';
import { Confirmation } from './pages/appointments/Confirmation';
import { MyAppointments } from './pages/appointments/MyAppointments';
import { Documents } from './pages/account/Documents';
import { Inbox } from './pages/account/Inbox';
import { Goodbye } from './pages/account/MyData';
import { StaffCalendar } from './pages/staff/StaffCalendar';
import { AuditLog } from './pages/staff/AuditLog';
import { Dataset } from './pages/opendata/Dataset';
import { Datasets } from './pages/opendata/Datasets';
import { Usage } from './pages/opendata/Usage';
import { Redirect } from './pages/opendata/Redirect';
import { Sensors } from './pages/Sensors';
import { DatasetList } from './pages/staff/DatasetList';
import { DatasetCreate, DatasetEditor } from './pages/staff/DatasetEditor';

// After a client-side navigation, move focus to the new page's heading so
// that keyboard and screen-reader users start reading at the new content.
function focusHeading() {
  requestAnimationFrame(() => {
    const h1 = document.querySelector<HTMLElement>('#main h1');
    h1?.focus({ preventScroll: true });
  });
}

// Route components are created once, so that a re-render (e.g. switching
// the language) keeps the current page mounted.
const AREA_ROUTES = AREAS.filter((a) => a.id !== 'entwickler' && a.id !== 'leistungen' && a.id !== 'konto' && a.id !== 'assistent' && a.id !== 'opendata' && a.id !== 'sensoren').map((a) => ({
  path: a.path,
  component: () => <AreaPage id={a.id} />,
}));
const LEGAL_ROUTES = LEGAL_PAGES.map((p) => ({ path: `/${p}`, component: () => <LegalPage id={p} /> }));

const OpenDataRedirect = () => <Redirect to="/daten" />;

function Shell() {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#main">
        {t.skipLink}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <Router onRouteChange={focusHeading}>
          <Route path="/" component={Home} />
          {AREA_ROUTES.map((r) => (
            <Route key={r.path} path={r.path} component={r.component} />
          ))}
          <Route path="/assistent" component={Assistant} />
          <Route path="/sensoren" component={Sensors} />
          <Route path="/suche" component={SearchResults} />
          <Route path="/leistungen" component={Services} />
          <Route path="/leistungen/:id" component={Service} />
          <Route path="/aemter" component={Offices} />
          <Route path="/aemter/:id" component={Office} />
          <Route path="/verwaltung/ist-analyse" component={Inventory} />
          <Route path="/verwaltung/termine" component={StaffCalendar} />
          <Route path="/verwaltung/protokoll" component={AuditLog} />
          <Route path="/entwickler" component={Developer} />
          <Route path="/daten" component={Datasets} />
          <Route path="/daten/nutzung" component={Usage} />
          <Route path="/daten/:name" component={Dataset} />
          <Route path="/opendata" component={OpenDataRedirect} />
          <Route path="/termine/buchen" component={Book} />
          <Route path="/termine/:code" component={Confirmation} />
          <Route path="/anmelden" component={Login} />
          <Route path="/registrieren" component={Register} />
          <Route path="/konto" component={Account} />
          <Route path="/konto/termine" component={MyAppointments} />
          <Route path="/konto/dokumente" component={Documents} />
          <Route path="/konto/postfach" component={Inbox} />
          <Route path="/konto/geloescht" component={Goodbye} />
          <Route path="/konto/bestaetigen" component={VerifyEmail} />
          <Route path="/konto/passwort-vergessen" component={ForgotPassword} />
          <Route path="/konto/passwort-neu" component={NewPassword} />
          <Route path="/verwaltung/leistungen/:id/bearbeiten" component={ServiceEditor} />
          <Route path="/verwaltung/aemter/:id/bearbeiten" component={OfficeEditor} />
          <Route path="/verwaltung/daten" component={DatasetList} />
          <Route path="/verwaltung/daten/neu" component={DatasetCreate} />
          <Route path="/verwaltung/daten/:name/bearbeiten" component={DatasetEditor} />
          {LEGAL_ROUTES.map((r) => (
            <Route key={r.path} path={r.path} component={r.component} />
          ))}
          <Route default component={NotFound} />
        </Router>
      </main>
      <Footer />
    </>
  );
}

export function App() {
  return (
    <LocationProvider scope={APP_LINK_SCOPE}>
      <I18nProvider>
        <SessionProvider>
          <Shell />
        </SessionProvider>
      </I18nProvider>
    </LocationProvider>
  );
}
