// The web app manifest and the home-screen icon: linked from here once the first page is on
// screen, not from index.html. Linked there, Chromium fetched both (and the icon again for the
// manifest) while the first page's code was still loading, on connections that code needed.
// The tab's icon is drawn inside index.html for the same reason.

/** Where the build writes the manifest (vite-plugin-pwa's default name) and the icon a phone
 *  or tablet puts on its home screen. */
export const MANIFEST_URL = '/manifest.webmanifest';
export const HOME_SCREEN_ICON_URL = '/icons/icon-192.png';

/** Adds the manifest and home-screen icon links to <head>, once. */
export function linkManifestAndIcons(): void {
  const add = (rel: string, href: string) => {
    if (document.head.querySelector(`link[rel="${rel}"]`)) return;
    const link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    document.head.append(link);
  };
  add('manifest', MANIFEST_URL);
  add('apple-touch-icon', HOME_SCREEN_ICON_URL);
}
