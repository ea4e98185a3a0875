/**
 * Entry point of the console bundle: loads the styles (bundled into a CSS file, so the
 * strict `style-src 'self'` CSP holds) and mounts <App> into #root.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
// Order matters (later rules override earlier ones): tokens, element defaults and layout,
// the UI kit, then pages.
import './styles/tokens.css';
import './styles/elements.css';
import './styles/layout.css';
import './styles/projects.css';
import './styles/buttons.css';
import './styles/panels.css';
import './styles/badges.css';
import './styles/loading.css';
import './styles/tables.css';
import './styles/tiles.css';
import './styles/forms.css';
import './styles/pages.css';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
