import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleApi, setApi } from './api/console-api';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { installPaintTiming } from './bench-probe/paint-timing';
import { useConnectionStore } from './stores/connection';
import './styles.css';

installPaintTiming();
setApi(
  createConsoleApi({ onConnectionChange: (state) => useConnectionStore.getState().set(state) }),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
