import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** A value sealed with AES-GCM: the random nonce and the ciphertext. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** A saved draft, its contents sealed: the one in progress (`current`), or one put away
 *  when a shared tablet was left alone (`parked:<uuid>`), which says in the clear only whom
 *  it waits for and since when. */
export interface DraftRecord extends Sealed {
  id: string;
  /** The staff id it waits for; null when any branch staff may open it. */
  parkedFor?: string | null;
  parkedAt?: number;
}

/** An outbox item as stored: when to try next in the clear (no personal data), the
 *  application itself sealed. */
export interface OutboxRecord extends Sealed {
  localId: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Left behind by a session that ended (End session on a shared tablet): once sent, no
   *  receipt is kept on the device, so the next customer cannot see or withdraw it. */
  forgetAfterSending?: boolean;
}

interface KindlyDB extends DBSchema {
  keys: { key: string; value: CryptoKey };
  drafts: { key: string; value: DraftRecord };
  outbox: { key: string; value: OutboxRecord };
}

const DB_NAME = 'kindly';
const KEY_ID = 'device';

let opening: Promise<IDBPDatabase<KindlyDB>> | null = null;

/** The app's IndexedDB database, opened (and created) once per page. */
export function database(): Promise<IDBPDatabase<KindlyDB>> {
  opening ??= openDB<KindlyDB>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('keys');
      db.createObjectStore('drafts', { keyPath: 'id' });
      db.createObjectStore('outbox', { keyPath: 'localId' });
    },
    blocking() {
      // A newer version of Kindly in another tab wants to upgrade the database: let it.
      void opening?.then((db) => db.close());
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

// Encryption at rest. Drafts and outbox items hold a person's name, ID card number, phone
// and income, so they are sealed with AES-GCM under a 256-bit key that WebCrypto made
// non-extractable: its bytes never exist in JavaScript, and IndexedDB keeps only an opaque
// handle the browser can use for this origin.
// It protects against: someone reading a copied disk or a backup of the browser profile
// without the browser's own key store, and casual inspection (DevTools, a synced profile,
// a support engineer looking at IndexedDB) seeing plain personal details.
// It does NOT protect against code running in this page (an XSS, a malicious extension, a
// person using the unlocked tablet): that code can ask the browser to decrypt just as we do.
let keyPromise: Promise<CryptoKey> | null = null;

function deviceKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const db = await database();
    const known = await db.get('keys', KEY_ID);
    if (known) return known;
    const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    // Two tabs may race to make the first key: `add` fails for the later one, which then
    // uses the key that won, so everything is sealed under one key.
    try {
      await db.add('keys', made, KEY_ID);
      return made;
    } catch {
      const winner = await db.get('keys', KEY_ID);
      if (!winner) throw new Error('No device key could be stored');
      return winner;
    }
  })().catch((error: unknown) => {
    keyPromise = null;
    throw error;
  });
  return keyPromise;
}

/** Seals a JSON-serialisable value under the device key. */
export async function seal(value: unknown): Promise<Sealed> {
  const key = await deviceKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain);
  return { iv, data };
}

/** Opens a sealed value; throws when it was not sealed under this device's key. */
export async function unseal(sealed: Sealed): Promise<unknown> {
  const key = await deviceKey();
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain));
}

/** True when the browser refused a write because the device is out of space. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

let hasAskedToPersist = false;

/** Asks once per visit that the browser keep Kindly's storage (Safari may otherwise evict a
 *  site's data after seven days without a visit). The answer changes nothing we do. */
export function askToPersist(): void {
  if (hasAskedToPersist || typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  hasAskedToPersist = true;
  void navigator.storage
    .persisted()
    .then((isPersisted) => (isPersisted ? true : navigator.storage.persist()))
    .catch(() => false);
}

/** Closes the database and forgets the cached key (tests use this between cases). */
export async function closeVault(): Promise<void> {
  const db = await opening?.catch(() => null);
  db?.close();
  opening = null;
  keyPromise = null;
}
