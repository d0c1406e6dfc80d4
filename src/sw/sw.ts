/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
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

// A new version waits until the person chooses to update (never mid-application).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
