import { AdminPage } from '../admin/admin-page.js';
import { CallsPage } from '../calls/calls-page.js';
import { Link } from '../router/link.js';
import type { Route } from '../router/routes.js';
import { ComingSoon } from './coming-soon.js';
import { WallboardPage } from '../wallboard/wallboard-page.js';

export function PageRouter({ route }: { route: Route }) {
  switch (route.page) {
    case 'admin':
      return <AdminPage area={route.area} />;
    case 'agent':
      return (
        <ComingSoon
          title="Agent desktop"
          intro="Where agents take and make calls, chats, callbacks and back-office items."
          features={[
            'Browser softphone (WebRTC) with answer, hold, transfer and DTMF',
            'Ready / not-ready and break states, per-channel capacity',
            'Screen pop of the customer record and interaction history when an offer arrives',
            'Scripts, dispositions, notes and wrap-up timer',
            'Your figures for today: answered, resolved, and what they earn under your pay plan',
          ]}
        />
      );
    case 'wallboard':
      return <WallboardPage />;
    case 'calls':
      return <CallsPage openId={route.id ?? null} />;
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
