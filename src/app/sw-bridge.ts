import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';

/** True while a new version of Kindly is installed and waiting for the person's go-ahead. */
export const isUpdateWaiting = signal(false);

let workbox: Workbox | null = null;

/** Registers the service worker. A waiting update is only flagged, never applied here. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    isUpdateWaiting.value = true;
  });
  workbox.register().catch((error: unknown) => {
    console.warn('Service worker registration failed', error);
  });
}

/** Pages where an update may be offered: between applications, never in the middle of one. */
export const UPDATE_SAFE_PATHS: readonly string[] = ['/', '/apply/confirmation', '/applications'];

/** Applies the waiting update once `saveFirst` has finished (the draft is on disk): the new
 *  worker takes over, then the page reloads once. */
export async function applyUpdate(saveFirst: () => Promise<void>): Promise<void> {
  if (!workbox) return;
  await saveFirst().catch(() => undefined);
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

/** Puts the update offer away for this visit; it is offered again next time. */
export function postponeUpdate(): void {
  isUpdateWaiting.value = false;
}
