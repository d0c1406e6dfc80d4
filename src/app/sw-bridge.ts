import { signal } from '@preact/signals';

/** True while a new version of Kindly is installed and waiting for the person's go-ahead. */
export const isUpdateWaiting = signal(false);

let registration: ServiceWorkerRegistration | null = null;

// The browser's own service worker API, not workbox-window: these few lines are all Kindly
// needs of it, and the first page need not carry the library.
function watchForUpdates(found: ServiceWorkerRegistration): void {
  // A version installed on an earlier visit may be waiting already.
  if (found.waiting && navigator.serviceWorker.controller) isUpdateWaiting.value = true;
  found.addEventListener('updatefound', () => {
    const installing = found.installing;
    installing?.addEventListener('statechange', () => {
      // With no controller this is the first install, which takes over by itself.
      if (installing.state === 'installed' && navigator.serviceWorker.controller) {
        isUpdateWaiting.value = true;
      }
    });
  });
}

/** Registers the service worker once the page has loaded, so it never competes with the first
 *  page for the network. A waiting update is only flagged, never applied here. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((found) => {
        registration = found;
        watchForUpdates(found);
      })
      .catch((error: unknown) => {
        console.warn('Service worker registration failed', error);
      });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** Pages where an update may be offered: between applications, never in the middle of one. */
export const UPDATE_SAFE_PATHS: readonly string[] = ['/', '/apply/confirmation', '/applications'];

/** Applies the waiting update once `saveFirst` has finished (the draft is on disk): the new
 *  worker takes over, then the page reloads once. */
export async function applyUpdate(saveFirst: () => Promise<void>): Promise<void> {
  const waiting = registration?.waiting;
  if (!waiting) return;
  await saveFirst().catch(() => undefined);
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  // src/sw/sw.ts calls skipWaiting() on this message.
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

/** Puts the update offer away for this visit; it is offered again next time. */
export function postponeUpdate(): void {
  isUpdateWaiting.value = false;
}
