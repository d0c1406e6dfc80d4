import { useEffect } from 'preact/hooks';
import { ID_READER_BASE, ID_READER_FILES } from '../../core/id-reader-files';
import { whenIdle } from '../../core/routes';
import { isBranchDevice } from '../../core/staff-session';

// The service worker fetches and keeps the files (src/sw/sw.ts): the page never holds the
// megabytes itself, and the worker finishes even if the page moves on.
function askToKeepReader(): void {
  navigator.serviceWorker?.ready
    .then((registration) =>
      registration.active?.postMessage({
        type: 'kindly-keep-id-reader',
        paths: ID_READER_FILES.map((file) => ID_READER_BASE + file.name),
      }),
    )
    .catch(() => undefined);
}

/** On a branch tablet, fetches the ID card reader into the service worker's cache once the
 *  tablet is idle and online, so the first customer to read a card there does not wait for it
 *  and it reads offline. Other devices (an applicant's own phone) never fetch it ahead. */
export function ReaderPrecache() {
  const isOn = isBranchDevice.value;
  useEffect(() => {
    if (!isOn) return;
    let cancel = () => {};
    const start = () => {
      cancel = whenIdle(askToKeepReader);
    };
    if (navigator.onLine) start();
    else window.addEventListener('online', start, { once: true });
    return () => {
      window.removeEventListener('online', start);
      cancel();
    };
  }, [isOn]);
  return null;
}
