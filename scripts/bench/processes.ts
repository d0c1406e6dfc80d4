// Every process the bench starts is registered here and stopped here, also when the bench
// fails or is interrupted, so nothing it started outlives it.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';

interface Owned {
  child: ChildProcess;
  /** The signal that lets it clean up after itself (Lighthouse closes its Chrome on SIGINT). */
  signal: NodeJS.Signals;
  /** Started in its own process group, so the whole group is signalled. */
  isGroup: boolean;
}

const owned = new Set<Owned>();
const cleanups = new Set<() => Promise<void>>();

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function signal(entry: Owned, name: NodeJS.Signals): void {
  if (hasExited(entry.child) || entry.child.pid === undefined) return;
  try {
    if (entry.isGroup) process.kill(-entry.child.pid, name);
    else entry.child.kill(name);
  } catch {
    // Already gone.
  }
}

/** Stops one started process: its cleanup signal, then SIGKILL if it lingers past 10 s. */
export async function stop(child: ChildProcess): Promise<void> {
  const entry = [...owned].find((e) => e.child === child);
  if (!entry) return;
  owned.delete(entry);
  if (hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal(entry, entry.signal);
  const timer = setTimeout(() => signal(entry, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts a process the bench owns. */
export function start(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { stopSignal?: NodeJS.Signals } = {},
): ChildProcess {
  const { stopSignal = 'SIGTERM', ...spawnOptions } = options;
  const child = spawn(command, args, spawnOptions);
  owned.add({ child, signal: stopSignal, isGroup: spawnOptions.detached === true });
  child.once('exit', () => {
    for (const entry of owned) if (entry.child === child) owned.delete(entry);
  });
  return child;
}

/** Registers something else to close on the way out (a browser); returns its remover. */
export function onStop(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Stops everything still running: browsers first, then processes. */
export async function stopAll(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    await cleanup().catch(() => undefined);
  }
  await Promise.all([...owned].map((entry) => stop(entry.child)));
}

/** Runs a command to its end, collecting what it prints; the stop on timeout is owned too. */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { stopSignal?: NodeJS.Signals; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  const { timeoutMs, ...rest } = options;
  const child = start(command, args, { ...rest, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => {
    output += `\n(stopped after ${timeoutMs / 1000} s)\n`;
    void stop(child);
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether `url` answers with a 2xx; over HTTPS, trusting the certificate `ca` (PEM). */
async function answers(url: string, ca: Buffer | undefined): Promise<boolean> {
  if (!ca) return (await fetch(url)).ok;
  return new Promise((resolve, reject) => {
    httpsGet(url, { ca }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 300);
    }).on('error', reject);
  });
}

/** Waits until a started process answers `url` with a 2xx (over HTTPS, trusting `ca`); throws,
 *  with what it printed when given, if it exits first or does not answer within `timeoutMs`. */
export async function waitUntilAnswers(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string = () => '',
  ca?: Buffer,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(
        `${url} will not answer: its process exited with ${child.exitCode ?? child.signalCode}\n${output()}`,
      );
    }
    try {
      if (await answers(url, ca)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s\n${output()}`);
}
