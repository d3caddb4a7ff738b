import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client.js';
import { ApiProvider } from './api/api-context.js';
import { SessionProvider } from './auth/session-context.js';
import { App } from './app.js';
import './styles.css';

// The API client is built once here (the composition root) and handed down by context.
const onExpire = { current: () => {} };
const api = createApiClient({ onUnauthenticated: () => onExpire.current() });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ApiProvider client={api}>
      <SessionProvider onExpireRef={onExpire}>
        <App />
      </SessionProvider>
    </ApiProvider>
  </StrictMode>,
);
