// The desktop a blind person's Linux machine has, started in the order it needs (see
// SCREEN-READER.md in the project's shared notes): a display, a session bus, the accessibility
// bus, a speech server, Orca, then Chromium; Kindly's real server starts alongside. Everything
// lives in a private HOME and XDG_RUNTIME_DIR, and every program runs in a process group of
// its own so that it can be stopped with everything it spawned.

import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../support/chromium';
import { type Network, startNetwork } from './network';
import { command, ProcessGroups, type Started, sleep, waitFor } from './processes';
import { OrcaSpeech } from './speech';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where the run keeps its private home, sockets and logs. */
export const sessionDir = join(root, '.kindly-tmp/screen-reader/session');

/** The throwaway database of the run's own Kindly server. */
export const databaseDir = join(sessionDir, 'db');

/** The Playwright suite's flags (STACK.md in the shared notes), plus what a visible browser
 *  read by a screen reader, run as root, needs. */
const chromiumFlags = [
  ...CHROMIUM_FLAGS,
  '--force-renderer-accessibility',
  '--no-default-browser-check',
  '--password-store=basic',
  '--window-position=0,0',
  '--window-size=1280,1024',
  // Without it Chromium shows an infobar about --no-sandbox, which Orca reads out and which
  // sits in the Tab order; chromedriver and Playwright pass it for the same reason.
  '--test-type',
  // Chromium refuses to run as root with its sandbox; CI and this machine run as root.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** Orca's preferences: its defaults, except that it does not read a page aloud on load
 *  (with "Say All on page load" on, a live region firing during the read-out can leave Orca
 *  in say-all state and later focus changes lose their context: SCREEN-READER.md), and that
 *  braille is off (there is no display; Orca retried BrlAPI on every focus change, slowly). */
const orcaSettings = {
  general: { sayAllOnLoad: false, enableBraille: false, firstStart: false },
  pronunciations: {},
  keybindings: {},
  profiles: { default: { profile: ['Default', 'default'], sayAllOnLoad: false } },
};

/** speech-dispatcher on espeak-ng and ALSA's null device: the stock configuration uses
 *  PulseAudio, which is absent here, and then speech-dispatcher stops answering and Orca's
 *  watchdog aborts after 10 s. */
function speechdConf(logDir: string): string {
  return [
    'LogLevel 3',
    `LogDir "${logDir}"`,
    'AudioOutputMethod "alsa"',
    'AudioALSADevice "null"',
    'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"',
    'DefaultModule espeak-ng',
    // Orca's client would otherwise start a speech-dispatcher of its own, outside the
    // harness's process groups, if it outlived this one.
    'DisableAutoSpawn',
    '',
  ].join('\n');
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(),
      );
    });
  });
}

/** How long each start-up step took, for the run's report. */
const startupTimes: string[] = [];

/** Runs a start-up step; a failure names the step and shows the end of its program's log. */
async function step<T>(what: string, run: () => Promise<T>, started?: Started): Promise<T> {
  const began = Date.now();
  try {
    const result = await run();
    startupTimes.push(`${started?.name ?? what} ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    let detail = error instanceof Error ? error.message : String(error);
    if (started && existsSync(started.logPath)) {
      const tail = readFileSync(started.logPath, 'utf8').trim().split('\n').slice(-15).join('\n');
      if (tail) detail += `\n--- end of ${started.logPath} ---\n${tail}`;
    }
    throw new Error(`Could not ${what}: ${detail}`);
  }
}

/** Orca's own test for another instance (it refuses to start beside one): any process of
 *  this user named "orca". */
function otherOrcas(): string[] {
  try {
    const uid = String(process.getuid?.() ?? 0);
    const pids = execFileSync('pgrep', ['-u', uid, '-x', 'orca'], { encoding: 'utf8' });
    return pids.trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Fails at once if a program it waits for has exited. */
function alive(started: Started): void {
  if (ProcessGroups.hasExited(started)) {
    const how = started.child.signalCode ?? `code ${started.child.exitCode}`;
    throw new Error(`${started.name} exited (${how})`);
  }
}

/** A running desktop with Orca, Kindly and Chromium, and the means to press keys in it. */
export interface Desktop {
  speech: OrcaSpeech;
  /** How long each part took to start: "xvfb 0.1 s, dbus 0.2 s, …". */
  startup: string;
  /** Presses one key (an xdotool key name: Tab, shift+Tab, space, Return, Right, h), or types
   *  text given as "type:<text>". */
  press: (key: string) => Promise<void>;
  /** Where Chromium reaches Kindly (http://127.0.0.1:port), for an address typed in its bar. */
  origin: string;
  /** The connection between Chromium and the server, which a step may cut and restore. */
  network: Pick<Network, 'cut' | 'restore'>;
  /** Answers the next file chooser the page opens with the file at `path`, without showing
   *  the browser's dialog (which Orca would walk the person through instead of Kindly). */
  answerFileChooser: (path: string) => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts everything, in order, each step waiting for the one before it to be ready. */
export async function startDesktop(options: { chromium: string; path: string }): Promise<Desktop> {
  const dirs = {
    home: join(sessionDir, 'home'),
    runtime: join(sessionDir, 'runtime'),
    config: join(sessionDir, 'home/.config'),
    orcaPrefs: join(sessionDir, 'orca-prefs'),
    chromiumProfile: join(sessionDir, 'chromium-profile'),
    logs: join(sessionDir, 'logs'),
  };
  const markers = [dirs.chromiumProfile, dirs.runtime];
  await ProcessGroups.stopLeftovers(dirs.logs, markers);
  // An Orca that is just stopping (a previous run's) is given a moment.
  const others = await waitFor('other Orcas to exit', 5000, () => otherOrcas().length === 0).then(
    () => [],
    () => otherOrcas(),
  );
  if (others.length > 0) {
    throw new Error(`another Orca is running (pid ${others.join(', ')}); Orca allows one per user`);
  }
  rmSync(sessionDir, { recursive: true, force: true });
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });

  const groups = new ProcessGroups(dirs.logs, markers);
  let network: Network | undefined;
  let devtools: Browser | undefined;
  const stop = async () => {
    await devtools?.close().catch(() => undefined);
    await network?.close();
    await groups.stopAll();
  };

  const { PATH, LANG } = process.env;
  const env: NodeJS.ProcessEnv = {
    PATH,
    LANG: LANG ?? 'C.UTF-8',
    HOME: dirs.home,
    XDG_RUNTIME_DIR: dirs.runtime,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: join(dirs.home, '.local/share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
  };

  try {
    // Kindly's real server, serving the built app with a throwaway database. It starts first,
    // alongside the desktop, and is waited for just before Chromium.
    const port = await freePort();
    const server = groups.start(
      'server',
      process.execPath,
      [join(root, 'scripts/e2e-server.mjs')],
      {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        // A database of its own, in the session folder: not the browser tests' .kindly-tmp/e2e,
        // which another run may be using (e2e-server.mjs deletes the folder it is given).
        KINDLY_E2E_DIR: databaseDir,
      },
    );
    const origin = `http://127.0.0.1:${port}`;
    // Chromium reaches the server through a relay the run can cut (network.ts).
    const networkLog = join(dirs.logs, 'network.log');
    network = await startNetwork(port, (line) =>
      appendFileSync(networkLog, `${new Date().toISOString()} ${line}\n`),
    );
    const serverReady = step(
      'start Kindly’s server',
      () =>
        waitFor(`${origin}/api/health`, 60_000, async () => {
          alive(server);
          const response = await fetch(`${origin}/api/health`).catch(() => null);
          return response?.ok;
        }),
      server,
    );
    // Reported when awaited; until then a failure must not count as unhandled.
    serverReady.catch(() => {});

    // 1. A virtual display; Xvfb picks a free display number and writes it to fd 3.
    const xvfb = groups.start(
      'xvfb',
      'Xvfb',
      ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      env,
      { extraPipe: true },
    );
    env.DISPLAY = await step(
      'start Xvfb',
      () =>
        new Promise<string>((resolveDisplay, reject) => {
          const pipe = xvfb.child.stdio[3];
          let text = '';
          const timer = setTimeout(() => reject(new Error('no display number in 10 s')), 10_000);
          pipe?.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('\n')) {
              clearTimeout(timer);
              resolveDisplay(`:${text.trim()}`);
            }
          });
          xvfb.child.on('exit', (code) => reject(new Error(`Xvfb exited (code ${code})`)));
        }),
      xvfb,
    );

    // 2. A private session bus.
    const busSocket = join(dirs.runtime, 'bus');
    const bus = groups.start(
      'dbus',
      'dbus-daemon',
      ['--session', '--nofork', `--address=unix:path=${busSocket}`],
      env,
    );
    await step(
      'start the session bus',
      () =>
        waitFor(`its socket ${busSocket}`, 10_000, () => {
          alive(bus);
          return existsSync(busSocket);
        }),
      bus,
    );
    env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${busSocket}`;

    // 3. The accessibility bus, switched on the way GNOME does when a screen reader is wanted.
    const atspi = groups.start(
      'at-spi-bus',
      '/usr/libexec/at-spi-bus-launcher',
      ['--launch-immediately'],
      env,
    );
    // dbus-send comes with the dbus package (gdbus would need libglib2.0-bin as well).
    const a11yBus = (method: string, ...args: string[]) =>
      command(
        'dbus-send',
        ['--session', '--print-reply', '--dest=org.a11y.Bus', '/org/a11y/bus', method, ...args],
        env,
      );
    await step(
      'start the accessibility bus',
      async () => {
        const address = await waitFor('org.a11y.Bus on the session bus', 10_000, async () => {
          alive(atspi);
          return a11yBus('org.a11y.Bus.GetAddress').catch(() => undefined);
        });
        const socket = /unix:path=([^,"]+)/.exec(address)?.[1];
        if (socket) await waitFor(`its socket ${socket}`, 10_000, () => existsSync(socket));
        const property = ['string:org.a11y.Status', 'string:IsEnabled'];
        await a11yBus('org.freedesktop.DBus.Properties.Set', ...property, 'variant:boolean:true');
        const value = await a11yBus('org.freedesktop.DBus.Properties.Get', ...property);
        if (!/boolean true/.test(value)) throw new Error(`IsEnabled is not true: ${value.trim()}`);
      },
      atspi,
    );

    // 4. The speech server, on its own configuration.
    const speechdDir = join(dirs.config, 'speech-dispatcher');
    mkdirSync(speechdDir, { recursive: true });
    writeFileSync(join(speechdDir, 'speechd.conf'), speechdConf(dirs.logs));
    const speechd = groups.start('speech-dispatcher', 'speech-dispatcher', ['-s', '-t', '0'], env);
    const speechdSocket = join(dirs.runtime, 'speech-dispatcher/speechd.sock');
    await step(
      'start speech-dispatcher',
      () =>
        waitFor(`its socket ${speechdSocket}`, 10_000, () => {
          alive(speechd);
          return existsSync(speechdSocket);
        }),
      speechd,
    );

    // 5. Orca, with its own preferences and a line-buffered debug log to read speech from.
    writeFileSync(join(dirs.orcaPrefs, 'user-settings.conf'), JSON.stringify(orcaSettings));
    const orcaLog = join(dirs.logs, 'orca-debug.log');
    const orca = groups.start(
      'orca',
      '/usr/bin/python3',
      [fileURLToPath(new URL('orca-launcher.py', import.meta.url)), orcaLog, '-u', dirs.orcaPrefs],
      env,
    );
    const speech = new OrcaSpeech(orcaLog);
    await step(
      'start Orca',
      () =>
        waitFor(`Orca's first words in ${orcaLog}`, 30_000, () => {
          alive(orca);
          return speech.read() > 0;
        }),
      orca,
    );

    await serverReady;

    // 6. Chromium, visible on the virtual display, with a fresh profile whose password manager
    // is off: after the staff sign-in its "Save password?" bubble took focus from the page a
    // few pages later, and the walk's keys went to the browser's toolbar.
    const profileDefault = join(dirs.chromiumProfile, 'Default');
    mkdirSync(profileDefault, { recursive: true, mode: 0o700 });
    writeFileSync(
      join(profileDefault, 'Preferences'),
      JSON.stringify({
        credentials_enable_service: false,
        profile: { password_manager_enabled: false },
      }),
    );
    // Its DevTools port stands in for the file chooser's dialog (answerFileChooser); keys
    // still go in only through xdotool, as a person's would.
    const devtoolsPort = await freePort();
    const browser = groups.start(
      'chromium',
      options.chromium,
      [
        ...chromiumFlags,
        `--remote-debugging-port=${devtoolsPort}`,
        `--user-data-dir=${dirs.chromiumProfile}`,
        `${network.origin}${options.path}`,
      ],
      env,
    );
    const xdotool = (...args: string[]) => command('xdotool', args, env);
    await step(
      'show Chromium',
      async () => {
        const window = await waitFor('a Chromium window', 30_000, async () => {
          alive(browser);
          const ids = await xdotool('search', '--onlyvisible', '--class', 'chromium').catch(
            () => '',
          );
          return ids.trim().split('\n')[0] || undefined;
        });
        await xdotool('windowfocus', '--sync', window);
      },
      browser,
    );

    return {
      speech,
      startup: startupTimes.join(', '),
      press: async (key) => {
        alive(browser);
        alive(orca);
        // "type:12,500" types the text a key at a time, as a person does on a keyboard.
        if (key.startsWith('type:')) await xdotool('type', '--delay', '60', key.slice(5));
        else await xdotool('key', key);
      },
      network: { cut: network.cut, restore: network.restore },
      origin: network.origin,
      answerFileChooser: async (path) => {
        devtools ??= await chromium.connectOverCDP(`http://127.0.0.1:${devtoolsPort}`);
        const page = devtools
          .contexts()
          .flatMap((context) => context.pages())
          .find((p) => p.url().startsWith(network?.origin ?? ''));
        if (!page) throw new Error('no Kindly tab to answer a file chooser in');
        page.once('filechooser', (chooser) => void chooser.setFiles(path));
        // A round trip, so that the browser intercepts the chooser before the key is pressed.
        await page.evaluate('0');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until Orca has been quiet for `quietMs` (at most `maxMs`). */
export async function settle(speech: OrcaSpeech, quietMs: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    speech.read();
    if (speech.quietFor() >= quietMs) return;
    await sleep(50);
  }
}
