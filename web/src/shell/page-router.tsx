import { AdminPage } from '../admin/admin-page.js';
import { CallsPage } from '../calls/calls-page.js';
import { CasesPage } from '../crm/cases-page.js';
import { CustomersPage } from '../crm/customers-page.js';
import { DesktopPage } from '../desktop/desktop-page.js';
import { Link } from '../router/link.js';
import type { Route } from '../router/routes.js';
import { ComingSoon } from './coming-soon.js';
import { WallboardPage } from '../wallboard/wallboard-page.js';

export function PageRouter({ route }: { route: Route }) {
  switch (route.page) {
    case 'admin':
      return <AdminPage area={route.area} />;
    case 'agent':
      return <DesktopPage />;
    case 'wallboard':
      return <WallboardPage />;
    case 'calls':
      return <CallsPage openId={route.id ?? null} />;
    case 'customers':
      return <CustomersPage openId={route.id ?? null} />;
    case 'cases':
      return <CasesPage openId={route.id ?? null} />;
    case 'reports':
      return (
        <ComingSoon
          title="Reports"
          intro="Historical reporting per client, queue, team and agent."
          features={[
            '15-minute, daily and monthly interval reports: offered, answered, abandoned, SL, ASA, AHT',
            'Agent occupancy and first-contact resolution',
            'Client SLA reports for client viewers; CSV export',
          ]}
        />
      );
    case 'login':
    case 'home':
      return null; // App redirects these.
    case 'not_found':
      return (
        <section className="page">
          <h1>Page not found</h1>
          <p>There is no page at <code>{route.path}</code>. <Link href="/">Go to the start page</Link>.</p>
        </section>
      );
  }
}
