/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// The very first worker takes the open page at once so it works offline straight away;
// later versions wait for the person's go-ahead (see the message handler below).
clientsClaim();

// The shell, its scripts, styles and locale files are precached, so a reload with the
// network off still shows Kindly.
precacheAndRoute(self.__WB_MANIFEST);
// A precache left by a worker built with an older Workbox is in a format this one cannot
// read: it would only take up the device's storage, so it goes as this worker activates.
cleanupOutdatedCaches();

// Every in-app address is the same single page; the API is never answered from here.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
);

// The loan catalog: shown from the cache at once and refreshed behind the scenes, so an
// application can be filled in offline.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname === '/api/products',
  new StaleWhileRevalidate({ cacheName: 'kindly-catalog' }),
);

// The ID card reader's files (megabytes, left out of the precache): kept after their first
// use, so the reader starts offline and without downloading again. Their folder is named by
// version and its files never change, so the cache is read first; a new version's folder
// replaces the old one's cache once its first file is stored.
const ID_READER_FOLDER = /^\/assets\/(id-reader-[\w.-]+)\//;
const isReaderFile = (url: URL) =>
  url.origin === self.location.origin && ID_READER_FOLDER.test(url.pathname);

async function readerFile(request: Request): Promise<Response> {
  const name = `kindly-${ID_READER_FOLDER.exec(new URL(request.url).pathname)?.[1]}`;
  const cache = await caches.open(name);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    const older = (await caches.keys()).filter((key) => key.startsWith('kindly-id-reader-'));
    await Promise.all(older.filter((key) => key !== name).map((key) => caches.delete(key)));
  }
  return response;
}
registerRoute(
  ({ url }) => isReaderFile(url),
  ({ request }) => readerFile(request),
);

// A branch tablet asks for the reader's files ahead of need (src/assist/ReaderPrecache), so
// the first customer who reads a card there does not wait for the download. Only the
// reader's own folder is fetched, whatever the message names.
function keepReaderFiles(paths: unknown): Promise<unknown> {
  if (!Array.isArray(paths)) return Promise.resolve();
  const urls = paths
    .filter((path): path is string => typeof path === 'string')
    .map((path) => new URL(path, self.location.origin))
    .filter(isReaderFile);
  return Promise.all(
    urls.map((url) =>
      readerFile(new Request(url))
        // The body is already in the cache; a failed fetch is tried again on the next visit.
        .then((response) => response.body?.cancel())
        .catch(() => undefined),
    ),
  );
}

// The catalog is fetched as the worker installs, so a person who has only opened Welcome
// can still fill in a whole application after the connection drops.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open('kindly-catalog')
      .then((cache) => cache.add('/api/products'))
      .catch(() => undefined),
  );
});

// Background Sync (Chromium only) wakes the worker when the connection returns. The page
// owns sending (its outbox decides what counts as sent), so the worker only asks open pages
// to send now; Safari has no Background Sync and relies on the page's own triggers.
interface SyncEvent extends ExtendableEvent {
  tag: string;
}
self.addEventListener('sync', (event: Event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== 'kindly-outbox') return;
  sync.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      for (const client of windows) client.postMessage({ type: 'kindly-flush-outbox' });
    }),
  );
});

// A new version waits until the person chooses to update (never mid-application).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (event.data?.type === 'kindly-keep-id-reader') {
    event.waitUntil(keepReaderFiles(event.data.paths));
  }
});
