/**
 * Entry point of the console bundle: loads the styles (bundled into a CSS file, so the
 * strict `style-src 'self'` CSP holds) and mounts <App> into #root.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/pages.css';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
