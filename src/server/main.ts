// Starts Kindly's server from the environment (PORT, HOST, KINDLY_*), and stops it cleanly
// on SIGTERM or SIGINT: requests in flight finish (within KINDLY_STOP_TIMEOUT_MS), then the
// database is closed. With KINDLY_PROCESSES above 1 this process starts that many servers
// with Node's cluster module, all listening on the one port, and starts again any that dies.
import cluster from 'node:cluster';
import { buildServer, stopGracefully } from './app';
import { readConfig, type ServerConfig } from './config';

async function serve(config: ServerConfig) {
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

// A server that dies is started again, but one that cannot start (a bad setting, the
// database unreachable) would die at once, again and again: after this many deaths within a
// minute the whole group stops and says why.
const RESTARTS_PER_MINUTE = 5;

function supervise(processes: number) {
  let stopping = false;
  const deaths: number[] = [];
  // Each server accepts connections from the shared socket itself. In Node's default
  // round-robin the first process hands each connection over, and one handed to a server in
  // the instant it dies is lost without an answer (seen: the client waits until its timeout);
  // this way the kernel keeps waiting connections for the servers still alive.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      // A worker that has exited may still be listed until its channel closes.
      if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit();
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while ((deaths[0] ?? now) < now - 60_000) deaths.shift();
    if (deaths.length > RESTARTS_PER_MINUTE) {
      console.error(
        `Kindly stopped: its server processes died ${deaths.length} times within a minute ` +
          '(the reason is in the lines above).',
      );
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      return;
    }
    console.error(
      `Kindly server process ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another.`,
    );
    cluster.fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // The signal itself, so that each server stops as a single one does: requests in flight
    // finish within KINDLY_STOP_TIMEOUT_MS, then the rest is cut off. (worker.kill() would
    // first disconnect it, which waits for every kept-alive connection to close.)
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function main() {
  const config = readConfig();
  if (cluster.isPrimary && config.processes > 1) {
    supervise(config.processes);
    return;
  }
  serve(config).catch((error: unknown) => {
    // Start-up problems (a bad catalog, an unusable database, a bad setting) are said plainly,
    // without a stack: they are for the person running the server to fix.
    console.error(`Kindly could not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}

try {
  main();
} catch (error) {
  console.error(`Kindly could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
