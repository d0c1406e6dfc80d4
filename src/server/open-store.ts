// The one place that picks the backend: PostgreSQL when KINDLY_DATABASE_URL is set, else the
// SQLite file. Everything above the Store interface is the same for both.
import type { ServerConfig } from './config';
import { loadDataKeys } from './data-keys';
import { openPgStore } from './pg-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';

/** The configured store, and the data key file made on this start (to be said in the log),
 *  if any. With PostgreSQL the data key must be given: processes on other hosts need the same
 *  one, so none is made on the spot. */
export async function openStore(
  config: Pick<ServerConfig, 'dbPath' | 'databaseUrl' | 'dataKeys'>,
): Promise<{ store: Store; madeFile: string | null }> {
  if (config.databaseUrl) {
    if (!config.dataKeys.current) {
      throw new Error(
        'With KINDLY_DATABASE_URL, give the data key as KINDLY_DATA_KEY or KINDLY_DATA_KEY_FILE ' +
          '(the same on every process and host; openssl rand -base64 32 makes one).',
      );
    }
    const keys = loadDataKeys(config.dataKeys, ':memory:');
    return { store: await openPgStore(config.databaseUrl, keys), madeFile: null };
  }
  const keys = loadDataKeys(config.dataKeys, config.dbPath);
  return { store: openSqliteStore(config.dbPath, keys), madeFile: keys.madeFile };
}
