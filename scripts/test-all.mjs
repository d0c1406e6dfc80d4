// `npm test`: every check Kindly has, in the order a failure is cheapest to find, ending
// with one plain summary line. Each step runs even if an earlier one failed, except the
// browser tests, which need a successful build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(
    `No Chromium found at ${chrome}.\n` +
      'Install it with: sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or point CHROME_PATH at a Chromium or Chrome binary.',
  );
  process.exit(1);
}

const bin = (name) => `node_modules/.bin/${name}`;
const results = [];
const tests = { passed: 0, failed: 0, skipped: 0 };
// Names of the tests that failed, repeated under the summary: CI shows only the end of the log.
const failures = [];

function run(name, cmd, args, options = {}) {
  const started = Date.now();
  console.log(`\n━━ ${name}: ${[cmd, ...args].join(' ')}`);
  const child = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...options.env } });
  const ok = child.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

// Walks Playwright's JSON report (suites within suites) for tests that did not end as expected.
function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const last = test.results?.at(-1);
          // Playwright colours its messages; the colour codes are taken out for the log.
          const message = stripVTControlCharacters(last?.error?.message ?? '');
          const lines = message.split('\n').map((line) => line.trim());
          const why = lines[0].slice(0, 160);
          // What was expected and what was there, and where: enough to tell a slow machine
          // from a wrong page without the whole log.
          const detail = lines
            .filter((line) => /^(Expected|Received|Locator|Timeout)\b/.test(line))
            .map((line) => line.slice(0, 240));
          const at = last?.error?.location;
          if (at) detail.push(`at ${at.file.split('/').slice(-2).join('/')}:${at.line}`);
          failures.push(
            [
              `playwright: ${[...path, spec.title].join(' › ')} (${test.status}) ${why}`,
              ...detail,
            ].join('\n      '),
          );
        }
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

rmSync('.kindly-tmp/vitest.json', { force: true });
rmSync('.kindly-tmp/playwright-results.json', { force: true });

run('format and lint', bin('biome'), ['check', '.']);
run('layers (imports run one way)', bin('tsx'), ['scripts/check-layers.ts']);
run('locales (i18next-parser)', bin('tsx'), ['scripts/check-locales.ts']);
run('typecheck app', bin('tsc'), ['-p', 'tsconfig.json']);
run('typecheck service worker', bin('tsc'), ['-p', 'tsconfig.sw.json']);
run('typecheck server and tests', bin('tsc'), ['-p', 'tsconfig.node.json']);
run('unit tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.kindly-tmp/vitest.json',
]);
const vitest = readJson('.kindly-tmp/vitest.json');
if (vitest) {
  tests.passed += vitest.numPassedTests;
  tests.failed += vitest.numFailedTests;
  tests.skipped += vitest.numPendingTests + vitest.numTodoTests;
  for (const file of vitest.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`vitest: ${test.fullName}`);
    }
  }
}

// The PostgreSQL storage tests skip themselves without PostgreSQL (each file says so in its
// output); the summary says so too, so a run without them is never taken for a full one.
const pgRoot = '/usr/lib/postgresql';
const hasPostgres = process.env.KINDLY_PG_BIN
  ? existsSync(`${process.env.KINDLY_PG_BIN}/initdb`)
  : existsSync(pgRoot) &&
    readdirSync(pgRoot).some((version) => existsSync(`${pgRoot}/${version}/bin/initdb`));
if (!hasPostgres) {
  const why = 'PostgreSQL not installed';
  process.stdout.write(`\n━━ PostgreSQL storage tests: SKIPPED, ${why} (see .ci/run)\n`);
  results.push({ name: `PostgreSQL storage tests SKIPPED: ${why}`, ok: true, seconds: 0 });
}

// The same unit and server tests on Node's LTS line, from a binary the npm registry ships
// (scripts/test-node-lts.sh); its counts are not added again to the summary.
run('unit tests on Node LTS (vitest)', 'bash', ['scripts/test-node-lts.sh']);

if (run('build', bin('vite'), ['build', '--logLevel', 'warn'])) {
  run('browser tests (Playwright, Chromium)', bin('playwright'), ['test']);
  const pw = readJson('.kindly-tmp/playwright-results.json');
  if (pw?.stats) {
    tests.passed += pw.stats.expected;
    tests.failed += pw.stats.unexpected + pw.stats.flaky;
    tests.skipped += pw.stats.skipped;
    collectPlaywrightFailures(pw.suites ?? [], []);
  }
  // The journey once more with the server on PostgreSQL (scripts/e2e-postgres.ts): what the
  // browser sends is stored and read back through the other backend too.
  if (hasPostgres) {
    run('browser journey on PostgreSQL (Playwright)', bin('playwright'), ['test', 'journey.spec'], {
      env: { KINDLY_E2E_BACKEND: 'postgres', KINDLY_E2E_DIR: '.kindly-tmp/e2e-postgres' },
    });
    const pg = readJson('.kindly-tmp/playwright-results.json');
    if (pg?.stats) {
      tests.passed += pg.stats.expected;
      tests.failed += pg.stats.unexpected + pg.stats.flaky;
      tests.skipped += pg.stats.skipped;
      collectPlaywrightFailures(pg.suites ?? [], ['PostgreSQL']);
    }
  }
} else {
  results.push({ name: 'browser tests (Playwright, Chromium)', ok: false, seconds: 0 });
}

// The real screen reader: Orca reads the built app in Chromium (a11y-tests/screen-reader).
// It needs Debian's desktop packages (.ci/run installs them); without them it is skipped,
// and the summary says so.
const srResults = '.kindly-tmp/screen-reader/results.json';
const srMissing = ['orca', 'Xvfb', 'xdotool', 'speech-dispatcher'].filter(
  (tool) => spawnSync('which', [tool]).status !== 0,
);
rmSync(srResults, { force: true });
if (srMissing.length > 0) {
  const why = `${srMissing.join(', ')} not installed`;
  process.stdout.write(`\n━━ screen reader (Orca): SKIPPED, ${why} (see .ci/run)\n`);
  results.push({ name: `screen reader (Orca) SKIPPED: ${why}`, ok: true, seconds: 0 });
  tests.skipped += 1;
} else if (results.find((r) => r.name === 'build')?.ok) {
  run('screen reader (Orca, Chromium)', bin('tsx'), ['a11y-tests/screen-reader/run.ts']);
  const sr = readJson(srResults);
  if (sr) {
    tests.passed += sr.passed;
    tests.failed += sr.failed;
    tests.skipped += sr.skipped;
  }
} else {
  results.push({ name: 'screen reader (Orca, Chromium)', ok: false, seconds: 0 });
}

console.log('\n━━ Kindly test summary');
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(40)} ${r.seconds.toFixed(1)} s`);
}
if (failures.length > 0) {
  console.log('\nFailed tests:');
  for (const failure of failures) console.log(`  ✘ ${failure}`);
}
const failedSteps = results.filter((r) => !r.ok).length;
const skipped = tests.skipped > 0 ? `, ${tests.skipped} skipped` : '';
console.log(`\nsteps: ${results.length - failedSteps} passed, ${failedSteps} failed`);
console.log(`Summary: ${tests.passed} passed, ${tests.failed + failedSteps} failed${skipped}`);
process.exit(failedSteps > 0 || tests.failed > 0 ? 1 : 0);
