// `npm run test:screen-reader`: walks Kindly with the real Orca screen reader in Chromium and
// checks what Orca says, page by page, in each language (the walk is journey.ts). Leaves in
// .kindly-tmp/screen-reader/: transcript.md (what a blind applicant hears), results.json
// (counts for `npm test`) and session/logs/ (each program's log, Orca's debug log).
// `--keep-going` plays the pages after a failing one too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as headless } from 'playwright-core';
import { CHROME_PATH, CHROMIUM_FLAGS } from '../support/chromium';
import { cardPhoto } from '../support/id-cards';
import { addStaff, STAFF_PASSCODE } from '../support/staff';
import { type Desktop, databaseDir, startDesktop } from './desktop';
import { branchStaff, cardPerson, journey, reviewerName } from './journey';
import { sleep } from './processes';
import { playVisit, type Visit, type VisitRecord } from './script';
import { visitMarkdown, visitTitle, writeTranscript } from './transcript';

process.chdir(fileURLToPath(new URL('../..', import.meta.url)));

const outDir = '.kindly-tmp/screen-reader';
const transcriptPath = join(outDir, 'transcript.md');
const resultsPath = join(outDir, 'results.json');
const keepGoing = process.argv.includes('--keep-going');
const chromium = CHROME_PATH;

// The Debian packages the harness needs (.ci/run installs them).
const packages =
  'chromium xvfb dbus at-spi2-core orca speech-dispatcher speech-dispatcher-espeak-ng ' +
  'espeak-ng python3-pyatspi xdotool';
const tools = ['orca', 'Xvfb', 'xdotool', 'speech-dispatcher', 'dbus-daemon', 'dbus-send'];

const say = (text: string) => process.stdout.write(`${text}\n`);

function fail(message: string): never {
  console.error(`Screen-reader test: ${message}`);
  process.exit(1);
}

function isInstalled(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function preflight(): void {
  const missing = tools.filter((tool) => !isInstalled(tool));
  if (missing.length > 0) {
    fail(`${missing.join(', ')} not found. Install with: apt-get install -y ${packages}`);
  }
  if (!existsSync(chromium)) fail(`no Chromium at ${chromium} (set CHROME_PATH)`);
  // The server serves $KINDLY_DIST when it is set (a build of one's own), else dist/.
  const dist = process.env.KINDLY_DIST ?? 'dist';
  if (!existsSync(join(dist, 'index.html'))) {
    fail(`no built app in ${dist}/: run \`npx vite build\` first`);
  }
}

// Orca allows one instance per user (it looks for any process named "orca"), so runs from
// different checkouts take turns through a lock file.
const lockPath = join(tmpdir(), 'kindly-screen-reader.lock');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function takeLock(): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  let hasSaid = false;
  for (;;) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return;
    } catch {
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (!isRunning(holder)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) fail(`another run (pid ${holder}) held ${lockPath} for 5 min`);
      if (!hasSaid) console.warn(`Waiting for another screen-reader run (pid ${holder})…`);
      hasSaid = true;
      await sleep(1000);
    }
  }
}

function releaseLock(): void {
  try {
    if (Number(readFileSync(lockPath, 'utf8')) === process.pid) rmSync(lockPath);
  } catch {
    // Not ours, or already gone.
  }
}

/** A photo of the customer's card, drawn by the tests' card maker in a headless Chromium
 *  and written to a folder of its own, for About you's "Choose a photo". */
async function writeCardPhoto(): Promise<string> {
  const browser = await headless.launch({
    executablePath: chromium,
    args: [...CHROMIUM_FLAGS],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const png = await cardPhoto(await browser.newPage(), cardPerson, {
      tilt: 0,
      scale: 0.9,
      blur: 0,
      light: 1,
    });
    const path = join(mkdtempSync(join(tmpdir(), 'kindly-orca-card-')), 'card.png');
    writeFileSync(path, png);
    return path;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  preflight();
  mkdirSync(outDir, { recursive: true });
  rmSync(resultsPath, { force: true });
  await takeLock();
  let desktop: Desktop | null = null;
  let interruption: string | null = null;
  const stopEverything = async () => {
    const running = desktop;
    desktop = null;
    await running?.stop();
    releaseLock();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interruption = signal;
      void stopEverything().then(() => process.exit(130));
    });
  }

  const started = Date.now();
  const records: VisitRecord[] = [];
  // Known once the server is up and the staff accounts are made in its database.
  let walk: Visit[] = [];
  let setupError: string | null = null;
  let failedVisits = 0;
  let photo: string | null = null;
  try {
    photo = await writeCardPhoto();
    desktop = await startDesktop({ chromium, path: '/' });
    say(`  Started in ${((Date.now() - started) / 1000).toFixed(1)} s: ${desktop.startup}`);
    const dbPath = join(databaseDir, 'kindly.sqlite');
    const staffId = addStaff({ KINDLY_DB: dbPath }, branchStaff.name, branchStaff.branch);
    const reviewerId = addStaff({ KINDLY_DB: dbPath }, reviewerName, 'Head office', 'reviewer');
    walk = journey(
      { id: staffId, passcode: STAFF_PASSCODE },
      { reviewer: { id: reviewerId, passcode: STAFF_PASSCODE }, origin: desktop.origin },
      photo,
    );
    let mark = 0;
    for (const [index, visit] of walk.entries()) {
      const { record, next } = await playVisit(desktop, visit, mark);
      records.push(record);
      mark = next;
      const title = visitTitle(record, index);
      if (record.steps.every((step) => step.failures.length === 0)) {
        say(`  ✓ ${title}  ${record.seconds.toFixed(1)} s`);
        continue;
      }
      failedVisits++;
      console.error(`  ✗ ${title}\n\n${visitMarkdown(record, index)}\n`);
      for (const step of record.steps.filter((s) => s.failures.length > 0 && s.log)) {
        const lines = desktop.speech.reasons(step.log?.from ?? 0, step.log?.to ?? 0);
        console.error(`  Orca's debug log during “${step.does}”:\n    ${lines.join('\n    ')}\n`);
      }
      // Later pages would start from wherever this one left off.
      if (!keepGoing) break;
    }
  } catch (error) {
    setupError = interruption
      ? `interrupted (${interruption})`
      : error instanceof Error
        ? error.message
        : String(error);
    console.error(`\nScreen-reader test could not go on: ${setupError}`);
    const last = records.at(-1);
    if (last) console.error(`\nLast page played:\n\n${visitMarkdown(last, records.length - 1)}`);
  } finally {
    await stopEverything();
    if (photo) rmSync(dirname(photo), { recursive: true, force: true });
  }

  const seconds = (Date.now() - started) / 1000;
  const failed = failedVisits + (setupError ? 1 : 0);
  const passed = records.length - failedVisits;
  const skipped = Math.max(0, walk.length - passed - failed);
  const note = setupError
    ? `Stopped: ${setupError}`
    : skipped > 0
      ? `Stopped at the first failing page; ${skipped} page(s) after it not reached.`
      : '';
  const orca = execFileSync('orca', ['--version'], { encoding: 'utf8' }).trim();
  writeTranscript(transcriptPath, records, { orca: orca.replace(/^orca\s*/i, ''), seconds, note });
  const pages = records.map((record) => ({
    page: record.page,
    lang: record.lang,
    ok: record.steps.every((step) => step.failures.length === 0),
    failures: record.steps.flatMap((step) => step.failures),
    knownGaps: record.steps.flatMap((step) => step.gaps.map((gap) => gap.text)),
  }));
  const results = { passed, failed, skipped, seconds, error: setupError, pages };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  say(
    `\nScreen reader (Orca): ${passed} of ${walk.length} pages passed, ${failed} failed` +
      `${skipped > 0 ? `, ${skipped} not reached` : ''}, in ${seconds.toFixed(1)} s. ` +
      `What Orca said: ${transcriptPath}`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

await main();
