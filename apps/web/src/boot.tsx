// The app itself, loaded by main.tsx once the board's early requests are on their way.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import { App } from './app/App';

/** Chinese is ready at once; a browser that chose English waits for its messages first. */
export async function start(): Promise<void> {
  await i18nReady;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
