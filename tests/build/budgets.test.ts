import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { biggestContributors } from './contributors';

// Byte budgets of the production build, gzip-compressed (deterministic, unlike timings).
const DIR = '.output/chrome-mv3';
const KB = 1024;

const gzip = (file: string) => gzipSync(readFileSync(path.join(DIR, file)), { level: 9 }).length;

/** A script and every chunk it imports, transitively. */
function scriptWithImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(path.join(DIR, file), 'utf8');
  for (const match of code.matchAll(/(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
    scriptWithImports(path.posix.join(path.posix.dirname(file), match[1]!), seen);
  }
  return seen;
}

/** The JavaScript a page loads: its module script and everything that imports. */
function pageScripts(html: string): Set<string> {
  const page = readFileSync(path.join(DIR, html), 'utf8');
  const all = new Set<string>();
  for (const match of page.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)) {
    for (const file of scriptWithImports(match[1]!)) all.add(file);
  }
  return all;
}

function report(files: Set<string>) {
  const sizes = [...files].map((file) => ({ file, gzip: gzip(file) }));
  sizes.sort((a, b) => b.gzip - a.gzip);
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const detail = sizes.map((s) => `${s.file}: ${(s.gzip / KB).toFixed(1)} KB`).join(', ');
  return { total, detail };
}

describe('bundle budgets (gzip)', () => {
  it.each([
    // Raised from 25 KB with the popup's redesign (the filter panel, dataset pages with readiness,
    // reading the first screen before the lists: about 2.5 KB). What the first row waits for is
    // measured by `npm run bench`, against the floor of a page that draws one row.
    // Raised to 31 KB with training insight (phases and estimates in rows, a model's page with its
    // runs: about 2.5 KB). Splitting the model's page into its own chunk was tried and saved
    // nothing: the words it uses are the rows' words.
    // Lowered to 28 KB (27.4 today) once what only a click shows loaded after the first paint
    // (the filters, a row's menu, a model's and a dataset's page, the copied requests, the
    // studio's waiting images) and its lazy parts were imported without Vite's preload helper
    // (wxt.config.ts): about 2.6 KB. Dropping webextension-polyfill from the popup would save
    // another 2.6 KB; it stays, as part of the project's chosen stack. 27.4 KB after the stored-item
    // parsers shared their helpers: the 27 KB cap is not reached yet (preact, signals,
    // valibot and the polyfill are 18 KB of it; the words a first paint shows are the next cut).
    ['popup', () => pageScripts('popup.html'), 28 * KB],
    // Lowered from 25 KB to 21.5 KB (20.8 then): it had never grown into its first budget. Then to
    // 21 KB (20.7 then) once the stored-item parsers shared their helpers. Raised to 21.5 KB
    // (21.3 today) by the list of sites images were collected from, with Forget (+0.6).
    ['options page', () => pageScripts('options.html'), 21.5 * KB],
    // The studio had no budget; set at what it weighs (25.4 KB) plus a little: its tray, its
    // planning and the training form load when the page opens. Raised to 27 KB (26.5 today) by
    // the trust fixes: picked files checked by size and first bytes, and a training start that
    // may have gone through held until the lists say (+0.8). Raised to 28.5 KB (28.3 today) by
    // Ideogram's 2026-10-07 API: captions read as text with their JSON, .json sidecars checked,
    // the base choice and 4.0's settings on the training form (+1.7).
    ['studio page', () => pageScripts('studio.html'), 28.5 * KB],
    // Raised from 20 KB when stored data came to be parsed like network data, through one writer,
    // with repairs (about 5 KB): it is read when the worker wakes, not before a page paints.
    // Raised to 31 KB with training details, history and estimates in the check (about 3 KB),
    // then to 40 KB with the studio: its writes, the tray, the image collector, and the sample
    // account's simulation of uploads and trainings (multipart and ZIP reading, about 8 KB). A
    // service worker cannot load code lazily, and none of it is on a page's paint path; waking
    // the worker to a drawn badge is measured by `npm run bench`.
    // Lowered to 37 KB (36.3 today) when sample mode became an in-memory client instead of a fake
    // HTTP server with multipart and ZIP reading (utils/sample/, about 3 KB less). 36.5 KB today,
    // with tray records parsed (+0.4) and the API and storage parsers' repeated helpers shared
    // (-0.3). The 32 KB the issue asks is not reached: rewriting for size, area by area, saved
    // 6-150 B each; about 3 KB of the worker is English sentences, which localisation moves to
    // _locales/ (messages.json is data, not script), and rarely used valibot functions are ~0.7.
    // Measured with every English sentence taken out, the worker would still be 34.1 KB: 32 KB
    // cannot be met while the polyfill, sample mode and the studio's writes live in it.
    // Raised to 38 KB (38.0 today) by the trust fixes: keys hidden in every text an answer
    // brings, keys recovered from any stored shape, the address bar's XML-safe highlight, images
    // read as bounded streams, trays swept, training starts in doubt held (+1.4). Raised to
    // 39.5 KB (39.0 today) by Ideogram's 2026-10-07 API: failed runs, the newer refusal reasons'
    // words, .json captions in sample mode, the trainings remembered with their base (+1.0).
    // Raised to 41 KB (40.3 today) by the groundwork of "Try a model": quoting, starting and
    // polling generations in the client and in sample mode (+1.3), which the worker must hold
    // because a generation is polled after its page is closed.
    ['background', () => scriptWithImports('background.js'), 41 * KB],
  ])(
    'the %s stays within its budget',
    (name, files, budget) => {
      const scripts = files();
      const { total, detail } = report(scripts);
      // Only when over budget: an analysis build says which modules weigh most.
      const modules =
        total > budget ? ` Biggest modules: ${biggestContributors([...scripts])}.` : '';
      expect(
        total,
        `${name} JavaScript is ${(total / KB).toFixed(1)} KB gzip, over its ${(budget / KB).toFixed(1)} KB budget. Files, largest first: ${detail}.${modules}`,
      ).toBeLessThanOrEqual(budget);
    },
    60_000,
  );

  // wxt.config.ts builds each page on its own: every extra module file costs an extension page
  // about 3.5 ms before its first paint.
  it.each(['popup.html', 'options.html'])('%s loads one script, which imports nothing', (html) => {
    const files = [...pageScripts(html)];
    expect(files).toHaveLength(1);
    const code = readFileSync(path.join(DIR, files[0]!), 'utf8');
    expect(code.includes('from"./') || code.includes('import"./')).toBe(false);
  });
});
