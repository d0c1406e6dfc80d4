// `npm run test:screen-reader`: walks Kindly with the real Orca screen reader in Chromium and
// checks what Orca says, page by page, in every language (see journey.ts). Leaves behind
// .kindly-tmp/screen-reader/transcript.md (what a blind applicant hears), results.json
// (counts for `npm test`) and session/logs/ (every program's log, Orca's debug log).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Desktop, startDesktop } from './desktop';
import { journey } from './journey';
import { sleep } from './processes';
import { languageNames, playVisit, type VisitRecord } from './script';

const outDir = '.kindly-tmp/screen-reader';
const transcriptPath = join(outDir, 'transcript.md');
const resultsPath = join(outDir, 'results.json');
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const tools = ['orca', 'Xvfb', 'xdotool', 'speech-dispatcher', 'dbus-daemon', 'gdbus'];

function fail(message: string): never {
  console.error(`Screen-reader test: ${message}`);
  process.exit(1);
}

function preflight(): void {
  const missing = tools.filter((tool) => {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    fail(
      `${missing.join(', ')} not found. Install with: apt-get install -y chromium xvfb dbus ` +
        'at-spi2-core orca speech-dispatcher speech-dispatcher-espeak-ng espeak-ng ' +
        'python3-pyatspi xdotool',
    );
  }
  if (!existsSync(chromium)) fail(`no Chromium at ${chromium} (set CHROME_PATH)`);
  if (!existsSync('dist/index.html')) fail('no built app in dist/: run `npx vite build` first');
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
  let said = false;
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
      if (!said) console.warn(`Waiting for another screen-reader run (pid ${holder}) to finish…`);
      said = true;
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

function otherOrcas(): string[] {
  try {
    const uid = String(process.getuid?.() ?? 0);
    return execFileSync('pgrep', ['-u', uid, '-x', 'orca'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

const quote = (text: string) => `“${text}”`;

function visitTitle(record: VisitRecord, index: number): string {
  return `${index + 1}. ${record.page} (${languageNames[record.lang]})`;
}

function visitMarkdown(record: VisitRecord, index: number): string {
  const lines = [`## ${visitTitle(record, index)}`, ''];
  for (const step of record.steps) {
    const keys = step.keys.length ? ` — \`${step.keys.join(' ')}\`` : '';
    const said = step.spoken.length ? step.spoken.map(quote).join(' · ') : '(silence)';
    lines.push(`- ${step.failures.length ? '✗ ' : ''}**${step.does}**${keys}: ${said}`);
    for (const failure of step.failures) lines.push(`  - ✗ ${failure}`);
    for (const gap of step.gaps) lines.push(`  - known gap, not said: ${gap}`);
  }
  return lines.join('\n');
}

function writeTranscript(records: VisitRecord[], seconds: number, note: string): void {
  const orca = execFileSync('orca', ['--version'], { encoding: 'utf8' }).trim();
  const header = [
    '# What Orca says in Kindly, page by page',
    '',
    `Orca ${orca.replace(/^orca\s*/i, '')} reading Chromium under Xvfb, keys pressed with xdotool; ` +
      `the words are those Orca handed to speech-dispatcher. ${new Date().toISOString()}, ` +
      `${seconds.toFixed(1)} s.${note ? ` ${note}` : ''}`,
    '',
  ];
  const body = records.map((record, index) => visitMarkdown(record, index));
  writeFileSync(
    transcriptPath,
    `${[...header, ...body].join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`,
  );
}

async function main(): Promise<void> {
  preflight();
  mkdirSync(outDir, { recursive: true });
  rmSync(resultsPath, { force: true });
  await takeLock();
  let desktop: Desktop | null = null;
  const stopEverything = async () => {
    const running = desktop;
    desktop = null;
    await running?.stop();
    releaseLock();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void stopEverything().then(() => process.exit(130));
    });
  }

  const started = Date.now();
  const records: VisitRecord[] = [];
  let setupError: string | null = null;
  let failedAt = -1;
  try {
    const others = otherOrcas();
    if (others.length > 0) {
      throw new Error(
        `another Orca is running (pid ${others.join(', ')}); Orca allows one per user. Stop it first.`,
      );
    }
    const first = journey[0];
    if (!first) throw new Error('journey.ts has no visits');
    desktop = await startDesktop({ chromium, path: '/' });
    let mark = 0;
    for (const [index, visit] of journey.entries()) {
      const { record, next } = await playVisit(desktop, visit, mark);
      records.push(record);
      mark = next;
      const failures = record.steps.flatMap((s) => s.failures);
      const title = visitTitle(record, index);
      if (failures.length === 0) {
        console.log(`  ✓ ${title}  ${record.seconds.toFixed(1)} s`);
        continue;
      }
      failedAt = index;
      console.error(`  ✗ ${title}\n`);
      console.error(visitMarkdown(record, index));
      break;
    }
  } catch (error) {
    setupError = error instanceof Error ? error.message : String(error);
    console.error(`\nScreen-reader test could not run: ${setupError}`);
    const current = records.at(-1);
    if (current)
      console.error(`\nLast page reached:\n${visitMarkdown(current, records.length - 1)}`);
  } finally {
    await stopEverything();
  }

  const seconds = (Date.now() - started) / 1000;
  const passed = failedAt < 0 ? records.length : failedAt;
  const failed = failedAt >= 0 || setupError ? 1 : 0;
  const skipped = journey.length - passed - failed;
  const note =
    failedAt >= 0
      ? `Stopped at the first failing page; ${skipped} page(s) after it not reached.`
      : setupError
        ? `Stopped: ${setupError}`
        : '';
  writeTranscript(records, seconds, note);
  writeFileSync(
    resultsPath,
    JSON.stringify(
      {
        passed,
        failed,
        skipped,
        seconds,
        error: setupError,
        pages: records.map((r) => ({
          page: r.page,
          lang: r.lang,
          ok: r.steps.every((s) => s.failures.length === 0),
          failures: r.steps.flatMap((s) => s.failures),
        })),
      },
      null,
      2,
    ),
  );
  console.log(
    `\nScreen reader (Orca): ${passed} passed, ${failed} failed` +
      `${skipped > 0 ? `, ${skipped} not reached` : ''} in ${seconds.toFixed(1)} s. ` +
      `Transcript: ${transcriptPath}`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

await main();
