// `npm run bench:compare -- REV_A REV_B [--pairs=6]`: builds two revisions of Kindly and runs
// Lighthouse on each audited page alternately, A then B, pair after pair, so that a machine
// getting busier or quieter moves both alike. Prints each run and, per build, the median and
// the spread; a difference smaller than the spread is no difference. docs/performance.md
// says how to read it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROME_PATH } from '../a11y-tests/support/chromium';
import { LIGHTHOUSE_PAGES } from './bench/config';
import { lighthouse } from './bench/lighthouse';
import { run, stopAll } from './bench/processes';
import { type RunningServer, startServer, trustLoopbackCertificate } from './bench/server';
import { median } from './bench/stats';

const args = process.argv.slice(2);
const revs = args.filter((a) => !a.startsWith('--'));
const pairs = Number(args.find((a) => a.startsWith('--pairs='))?.slice(8) ?? 6);
if (revs.length !== 2 || !Number.isInteger(pairs) || pairs < 1) {
  console.error('Usage: npm run bench:compare -- REV_A REV_B [--pairs=6]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'kindly-compare-'));

/** Builds a revision in a throwaway worktree sharing this checkout's node_modules. */
async function build(rev: string, name: string): Promise<string> {
  const tree = join(dir, `tree-${name}`);
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', tree, rev]);
  symlinkSync(resolve('node_modules'), join(tree, 'node_modules'));
  const dist = join(dir, `dist-${name}`);
  const { code, output } = await run(
    join(tree, 'node_modules/.bin/vite'),
    ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: tree, timeoutMs: 300_000 },
  );
  if (code !== 0) throw new Error(`vite build of ${rev} failed:\n${output}`);
  return dist;
}

interface Run {
  performance: number;
  lcp: number;
  tbt: number;
}

const spread = (values: number[]) =>
  `${Math.round(median(values))} (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (text: string) => {
    lines.push(text);
    process.stdout.write(`${text}\n`);
  };
  const sha = (rev: string) => execFileSync('git', ['rev-parse', '--short', rev]).toString().trim();
  const [a, b] = revs as [string, string];
  say(`A = ${a} (${sha(a)}), B = ${b} (${sha(b)}); ${pairs} pairs per page, A then B.`);
  const dists = [await build(a, 'a'), await build(b, 'b')];
  const servers: RunningServer[] = [];
  for (const [i, dist] of dists.entries()) {
    servers.push(await startServer(dist, join(dir, `db-${i}`), { tls: true }));
  }
  const flags = [trustLoopbackCertificate()];
  for (const path of LIGHTHOUSE_PAGES) {
    const runs: Run[][] = [[], []];
    for (let pair = 0; pair < pairs; pair++) {
      for (const side of [0, 1]) {
        const out = join(dir, `lh-${side}`);
        mkdirSync(out, { recursive: true });
        const url = `${servers[side]?.url}${path}`;
        const result = await lighthouse(url, 1, CHROME_PATH, out, flags).catch((e: Error) => e);
        if (result instanceof Error) {
          // One run Lighthouse could not record leaves that pair one-sided, not the whole
          // comparison lost: the medians come from the runs that were recorded.
          say(
            `${path} pair ${pair + 1} ${side === 0 ? 'A' : 'B'}: not recorded (${result.message.trim().split('\n').at(-1)})`,
          );
          continue;
        }
        const { figures } = result;
        runs[side]?.push({
          performance: figures.performance,
          lcp: figures.lcpMs,
          tbt: figures.tbtMs,
        });
        say(
          `${path} pair ${pair + 1} ${side === 0 ? 'A' : 'B'}: performance ${figures.performance}, LCP ${Math.round(figures.lcpMs)} ms, TBT ${Math.round(figures.tbtMs)} ms`,
        );
      }
    }
    for (const [side, name] of [
      [0, 'A'],
      [1, 'B'],
    ] as const) {
      const r = runs[side] as Run[];
      say(
        `${path} ${name}: performance ${spread(r.map((x) => x.performance))}, LCP ${spread(r.map((x) => x.lcp))} ms, TBT ${spread(r.map((x) => x.tbt))} ms (median, min–max)`,
      );
    }
  }
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  say(`${new Date().toISOString()}, ${cpus().length} cores, load average ${load}.`);
  mkdirSync('.kindly-tmp/bench', { recursive: true });
  const file = `.kindly-tmp/bench/compare-${sha(a)}-${sha(b)}.txt`;
  writeFileSync(file, `${lines.join('\n')}\n`);
  say(`Written to ${file}.`);
  for (const server of servers) await server.stop();
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    for (const name of ['a', 'b']) {
      try {
        execFileSync('git', ['worktree', 'remove', '--force', join(dir, `tree-${name}`)]);
      } catch {
        // Not made: the build never started.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
