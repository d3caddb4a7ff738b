import { useCurrentUser } from '../auth/session-context.js';
import { Link } from '../router/link.js';
import { usePath } from '../router/router.js';
import { adminAreasFor, canSeeCalls, canSeeCrm } from '../router/routes.js';
import { useHasAgentRecord } from '../desktop/use-agent-record.js';

interface NavItem { href: string; label: string; match: string }

export function SideNav() {
  const user = useCurrentUser();
  const path = usePath();
  const isAgent = useHasAgentRecord();
  const items: NavItem[] = [
    ...(isAgent ? [{ href: '/agent', label: 'Agent desktop', match: '/agent' }] : []),
    { href: '/wallboard', label: 'Wallboard', match: '/wallboard' },
  ];
  if (canSeeCalls(user.role)) items.push({ href: '/calls', label: 'Calls', match: '/calls' });
  if (canSeeCrm(user.role)) items.push({ href: '/customers', label: 'Customers', match: '/customers' }, { href: '/cases', label: 'Cases', match: '/cases' });
  const adminAreas = adminAreasFor(user.role);
  // Planners and QA analysts have only their API keys there: name the link after what it holds.
  const onlyApiKeys = adminAreas.length === 1 && adminAreas[0] === 'api-keys';
  if (adminAreas[0] !== undefined) items.push({ href: `/admin/${adminAreas[0]}`, label: onlyApiKeys ? 'API keys' : 'Admin', match: '/admin' });
  items.push({ href: '/reports', label: 'Reports', match: '/reports' });

  return (
    <nav className="side-nav" aria-label="Main">
      <div className="brand"><span className="brand-mark" aria-hidden="true">SB</span> Switchboard</div>
      <ul>
        {items.map((item) => {
          const active = path === item.match || path.startsWith(`${item.match}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
