// How long an application's personal data is kept, and the daily job that erases it after.
// One rule gives both when the data is erased and when the applicant's access token stops
// working, so a token never outlives the data it reads.
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import type { ErasureCutoffs, Store, StoredApplication } from './store';

const DAY_MS = 86_400_000;

const plusDays = (iso: string, days: number) => Date.parse(iso) + days * DAY_MS;

/** When an application's personal data is due to be erased and its access token ends: the
 *  retention after it was received, or after it was withdrawn if that comes first; at once
 *  if it has been erased already. Withdrawing never moves the end later. */
export function keptUntil(
  application: Pick<StoredApplication, 'receivedAt' | 'withdrawnAt' | 'erasedAt'>,
  retention: ServerConfig['retention'],
): string {
  if (application.erasedAt) return application.erasedAt;
  const received = plusDays(application.receivedAt, retention.notTakenUpDays);
  const withdrawn = application.withdrawnAt
    ? plusDays(application.withdrawnAt, retention.withdrawnDays)
    : received;
  return new Date(Math.min(received, withdrawn)).toISOString();
}

/** The cut-offs at `at`: applications withdrawn, or received, before them are due. */
export function erasureCutoffs(at: Date, retention: ServerConfig['retention']): ErasureCutoffs {
  const before = (days: number) => new Date(at.getTime() - days * DAY_MS).toISOString();
  return {
    withdrawnBefore: before(retention.withdrawnDays),
    receivedBefore: before(retention.notTakenUpDays),
  };
}

/** Starts the erasure when the server is ready (without holding its start) and once a day
 *  after; says in the log how many applications it erased (never which). */
export function scheduleErasure(
  app: FastifyInstance,
  deps: { store: Store; config: ServerConfig; now: () => Date },
) {
  const { store, config, now } = deps;
  const erase = async () => {
    const at = now();
    try {
      const erased = await store.eraseExpired(
        erasureCutoffs(at, config.retention),
        at.toISOString(),
      );
      if (erased > 0) app.log.info({ erased }, 'personal data past its keeping time erased');
    } catch (error) {
      app.log.error({ err: error }, 'erasing personal data past its keeping time failed');
    }
  };
  const timer = setInterval(erase, DAY_MS);
  timer.unref();
  let erasing: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    erasing = erase();
  });
  // Registered before the store is closed (app.ts), so a run under way ends first.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await erasing;
  });
}
