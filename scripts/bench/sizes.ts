// Gzipped sizes of the built app: what the first page loads, and everything.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIRST_PAGE_NAMESPACES } from '../../src/core/first-page';
import { inlineScripts } from '../../src/server/inline-scripts';

/** A set of built files and their gzipped (level 9) size in bytes. */
export interface Weight {
  files: string[];
  js: number;
  css: number;
}

/** What index.html loads with its static imports and strings, and the whole app. */
export interface Sizes {
  staticFirstPage: Weight;
  wholeApp: Weight;
}

function gzipped(dist: string, file: string): number {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

/** Gzipped JS and CSS of some built files (paths inside dist/). */
export function weigh(dist: string, files: Iterable<string>): Weight {
  const weight: Weight = { files: [...files].sort(), js: 0, css: 0 };
  for (const file of weight.files) {
    if (file.endsWith('.js')) weight.js += gzipped(dist, file);
    else if (file.endsWith('.css')) weight.css += gzipped(dist, file);
  }
  return weight;
}

/** Gzipped bytes of the scripts written into index.html itself (the boot script, which the
 *  build inlines): first-page JavaScript that no file carries. */
export function inlineScriptBytes(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return inlineScripts(html).reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
}

/** A path as the built files name it: "/assets/x.js" and "assets/x.js" are both "assets/x.js". */
function clean(path: string): string {
  return path.replace(/^\.?\//, '');
}

/** The scripts and stylesheets index.html loads: module and classic scripts, modulepreloads. */
function htmlResources(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<script') && src) found.push(clean(src));
    if (href && (rel === 'modulepreload' || rel === 'stylesheet')) found.push(clean(href));
  }
  return found.filter((path) => /\.(js|css)$/.test(path));
}

/** Static imports and re-exports of a built chunk, relative to its folder (dynamic import()s
 *  are left out: those load later). */
function staticImports(code: string): string[] {
  const pattern = /\b(?:import|export)\s*(?:[^;"'`()]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g;
  return [...code.matchAll(pattern)].map((m) => (m[1] as string).slice(2));
}

/** The chunks holding a language's first-page strings, from the import.meta.glob map Vite
 *  writes into a chunk: "../../locales/en/app.json":()=>…import(`./strings-en-hash.js`). */
function localeChunks(code: string, lang: string): string[] {
  const pattern =
    /["'][^"']*locales\/([\w-]+)\/([\w-]+)\.json["']\s*:\s*\(\)\s*=>[^"'`]*?import\(\s*["'`]\.\/([^"'`]+)["'`]/g;
  return [...code.matchAll(pattern)]
    .filter((m) => m[1] === lang && FIRST_PAGE_NAMESPACES.includes(m[2] as string))
    .map((m) => m[3] as string);
}

/** Measures dist/: the first page as the build declares it is what index.html loads, the
 *  modules those import statically, and the first page's strings in `lang` (i18n.ts loads
 *  those before the first render); the whole app is every script and stylesheet.
 *  Modules imported dynamically at start-up are invisible here: the browser finds those. */
export function measureSizes(dist: string, lang: string): Sizes {
  const first = new Set<string>();
  const queue = htmlResources(readFileSync(join(dist, 'index.html'), 'utf8'));
  const locales = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (first.has(file)) continue;
    first.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dist, file), 'utf8');
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    queue.push(...staticImports(code).map((name) => folder + name));
    for (const name of localeChunks(code, lang)) locales.add(folder + name);
  }
  for (const file of locales) first.add(file);

  const all = new Set(
    readdirSync(join(dist, 'assets'))
      .filter((name) => /\.(js|css)$/.test(name))
      .map((name) => `assets/${name}`),
  );
  for (const name of readdirSync(dist)) if (name.endsWith('.js')) all.add(name);
  return { staticFirstPage: weigh(dist, first), wholeApp: weigh(dist, all) };
}
