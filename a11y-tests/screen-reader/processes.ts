import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined/false; fails with `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  ms: number,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  interval = 50,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}`);
    await sleep(interval);
  }
}

/** Runs a short command to completion (with a timeout) and returns its stdout. */
export function command(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout = 10_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, timeout, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const why = error.killed ? `timed out after ${timeout / 1000} s` : error.message.trim();
        reject(new Error(`${cmd} ${args.join(' ')}: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
      } else resolve(stdout);
    });
  });
}

/** A long-running program the harness started, in a process group of its own. */
export interface Started {
  name: string;
  child: ChildProcess;
  logPath: string;
}

interface Recorded {
  pgid: number;
  /** The leader's start time (in clock ticks since boot): a pid with another start time is
   *  another process that reused the id. */
  startTime: string;
}

function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the fields before it start after the command name in parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills the processes whose command line contains one of `markers`. */
function stopMarked(markers: string[]): void {
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (markers.some((marker) => cmdline.includes(marker))) {
        process.kill(pid, 'SIGKILL');
      }
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

/** Starts programs each in its own process group, and stops every group it started, newest
 *  first, also after a failure. Groups are recorded in a file so that a run killed outright
 *  (SIGKILL) has its leftovers stopped by the next run. */
export class ProcessGroups {
  private readonly started: Started[] = [];
  private readonly recordPath: string;

  /** `markers`: paths only this harness's programs carry on their command line, to find
   *  those that put themselves in groups of their own (Chromium's crash handlers name its
   *  profile folder; a speech-dispatcher a client respawned names the runtime folder). */
  constructor(
    private readonly logDir: string,
    private readonly markers: string[],
  ) {
    this.recordPath = join(logDir, 'process-groups.json');
    // The last resort, if the harness exits without stopping them (an uncaught error).
    process.on('exit', () => {
      for (const { child } of this.started) {
        if (child.pid && isGroupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
      }
    });
  }

  /** Stops what a previous run, killed outright, left running: the groups it recorded in
   *  `logDir` and the programs carrying `markers`. Call it before wiping that run's folder. */
  static async stopLeftovers(logDir: string, markers: string[]): Promise<void> {
    const recordPath = join(logDir, 'process-groups.json');
    let recorded: Recorded[] = [];
    try {
      recorded = JSON.parse(readFileSync(recordPath, 'utf8'));
    } catch {
      // No record: the last run stopped everything, or there was none.
    }
    for (const { pgid, startTime } of recorded) {
      // A group outlives its leader; while the group exists its id cannot be reused, but a
      // living leader with another start time is somebody else's process.
      const leader = startTimeOf(pgid);
      if (isGroupAlive(pgid) && (leader === null || leader === startTime)) {
        console.warn(`Stopping process group ${pgid}, left running by an earlier run`);
        process.kill(-pgid, 'SIGKILL');
      }
    }
    stopMarked(markers);
    const deadline = Date.now() + 5000;
    while (recorded.some(({ pgid }) => isGroupAlive(pgid)) && Date.now() < deadline) {
      await sleep(50);
    }
  }

  /** Starts `cmd` in a new process group; its stdout and stderr go to <logDir>/<name>.log.
   *  `extraPipe` opens fd 3 as a pipe (Xvfb writes its display number there). */
  start(
    name: string,
    cmd: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    options: { extraPipe?: boolean } = {},
  ): Started {
    const logPath = join(this.logDir, `${name}.log`);
    const log = openSync(logPath, 'w');
    const stdio: ('ignore' | 'pipe' | number)[] = ['ignore', log, log];
    if (options.extraPipe) stdio.push('pipe');
    const child = spawn(cmd, args, { env, stdio, detached: true });
    closeSync(log);
    const started = { name, child, logPath };
    child.on('error', () => {
      // Reported by the readiness check that waits for this program.
    });
    this.started.push(started);
    if (child.pid) this.record();
    return started;
  }

  /** Whether a started program has exited (or never started). */
  static hasExited(started: Started): boolean {
    return (
      started.child.exitCode !== null || started.child.signalCode !== null || !started.child.pid
    );
  }

  /** Stops every group, newest first, each before the next (so that no client is left to
   *  restart a server it loses): SIGTERM, then SIGKILL if it is still there after 2 s. */
  async stopAll(): Promise<void> {
    for (const { child } of [...this.started].reverse()) {
      const pgid = child.pid;
      if (!pgid || !isGroupAlive(pgid)) continue;
      process.kill(-pgid, 'SIGTERM');
      const deadline = Date.now() + 2000;
      while (isGroupAlive(pgid) && Date.now() < deadline) await sleep(20);
      if (isGroupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
    this.started.length = 0;
    this.record();
    stopMarked(this.markers);
  }

  private record(): void {
    const recorded: Recorded[] = [];
    for (const { child } of this.started) {
      const startTime = child.pid ? startTimeOf(child.pid) : null;
      if (child.pid && startTime) recorded.push({ pgid: child.pid, startTime });
    }
    writeFileSync(this.recordPath, JSON.stringify(recorded));
  }
}
