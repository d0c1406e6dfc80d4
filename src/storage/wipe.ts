import { purgeParked } from './draft';
import { closeVault, database } from './vault';

/** What a wipe left behind on purpose: applications not yet sent, and drafts put away on a
 *  shared tablet for staff to open (both sealed). */
export interface WipeResult {
  unsent: number;
  parked: number;
}

const VAULT_DB = 'kindly';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab holding it open delays the delete; it still happens once that tab lets go.
    request.onblocked = () => resolve();
  });
}

// Cached answers of the server that are about a person (an application's status); the
// loan catalog and the app's own files are the same for everyone and stay.
function isPersonalResponse(url: string): boolean {
  const { pathname } = new URL(url, 'http://localhost');
  return pathname.startsWith('/api/') && !pathname.startsWith('/api/products');
}

async function wipeCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (isPersonalResponse(request.url)) await cache.delete(request);
    }
  }
}

function wipeWebStorage(keepLocal: readonly string[]): void {
  try {
    const kept = keepLocal.map((key) => [key, localStorage.getItem(key)] as const);
    localStorage.clear();
    for (const [key, value] of kept) if (value !== null) localStorage.setItem(key, value);
  } catch {
    // Storage blocked: there is nothing in it.
  }
  try {
    sessionStorage.clear();
  } catch {
    // As above.
  }
}

/** Removes every trace of the applicant from this device: the draft, the record of sent
 *  applications, cached personal answers, every other IndexedDB database, localStorage
 *  (but the keys in `keepLocal`) and sessionStorage. Applications still in the outbox are
 *  never removed, nor the device key that opens them, but are marked to leave no receipt
 *  once sent; drafts put away for staff stay too (sealed, until staff open them or they
 *  expire). With nothing of either kind left, the key goes too, so the next person's
 *  answers are sealed under a new one. */
export async function wipeApplicantData(keepLocal: readonly string[] = []): Promise<WipeResult> {
  let unsent = 0;
  const parked = (await purgeParked()).length;
  try {
    const db = await database();
    const tx = db.transaction(['drafts', 'keys', 'outbox'], 'readwrite', { durability: 'strict' });
    // What is still waiting goes out later, but leaves no receipt behind for the next person.
    const waiting = await tx.objectStore('outbox').getAll();
    unsent = waiting.length;
    await Promise.all([
      tx.objectStore('drafts').delete('current'),
      ...(unsent > 0 || parked > 0 ? [] : [tx.objectStore('keys').clear()]),
      ...waiting.map((record) =>
        tx.objectStore('outbox').put({ ...record, forgetAfterSending: true }),
      ),
      tx.done,
    ]);
  } catch {
    // Storage blocked: there is no draft in it either.
  }
  await closeVault();
  const databases = (await indexedDB.databases?.().catch(() => [])) ?? [];
  for (const { name } of databases) {
    if (name && name !== VAULT_DB) await deleteDatabase(name);
  }
  await wipeCaches();
  wipeWebStorage(keepLocal);
  return { unsent, parked };
}
