import type { ReactNode } from 'react';
import { SideNav } from './side-nav.js';
import { TopBar } from './top-bar.js';

/** Left navigation, top bar, and the page in the remaining space. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <SideNav />
      <div className="shell-body">
        <TopBar />
        <main id="main" className="shell-main" tabIndex={-1}>{children}</main>
      </div>
    </div>
  );
}
