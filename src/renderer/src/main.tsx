import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext';
import { createTransport } from './api/transports';
import { App } from './shell/App';
import { JoinerApp } from './features/review/JoinerApp';
import './styles.css';

const api = createTransport(window);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={api}>
        {window.location.protocol === 'https:' && !('tejun' in window) ? <JoinerApp /> : <App />}
      </ApiProvider>
    </StrictMode>,
  );
}
