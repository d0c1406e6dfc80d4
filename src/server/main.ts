// Starts Kindly's server from the environment (PORT, HOST, KINDLY_*), and stops it cleanly
// on SIGTERM or SIGINT: requests in flight finish (within KINDLY_STOP_TIMEOUT_MS), then the
// database is closed.
import { buildServer, stopGracefully } from './app';
import { readConfig } from './config';

async function main() {
  const config = readConfig();
  const app = await buildServer({ config });
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    try {
      await stopGracefully(app, config.stopTimeoutMs);
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  // Start-up problems (a bad catalog, an unusable database, a bad setting) are said plainly,
  // without a stack: they are for the person running the server to fix.
  console.error(`Kindly could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
