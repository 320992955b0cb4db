#!/usr/bin/env node
// How long a save takes to reach an open page in `kyklos serve`, median of N edits, two ways:
// from the file's write to the server-sent reload event (what reload.js acts on), and from the
// write to the `load` event of the page reloaded in headless Chromium (/usr/bin/chromium with
// the house flags, through tests/browser's playwright-core; skipped with a note when either is
// missing, or with BROWSER=0). A benchmark, not a test: it prints figures and never fails
// because a machine is slow.
//
//   cargo build --release
//   node benches/serve-latency.mjs                      # the sample site (a copy of this repo's)
//   node benches/serve-latency.mjs SITE_DIR             # any site (a copy is edited, never SITE_DIR)
//   KYKLOS_BENCH_CORPUS_ONLY=1 cargo bench --bench build
//   node benches/serve-latency.mjs target/kyklos-bench/corpus-10000x1
//
// Environment: KYKLOS_BIN (default target/release/kyklos), EDITS (default 10),
// KYKLOS_LATENCY_FILE (the Markdown file to edit, relative to the site; default: the first
// lesson found under content/<first language>/).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(process.argv[2] || repo);
const bin = process.env.KYKLOS_BIN || path.join(repo, 'target', 'release', 'kyklos');
const edits = Number(process.env.EDITS || 10);

if (!fs.existsSync(bin)) {
  console.error(`no ${bin}: run cargo build --release first (or set KYKLOS_BIN)`);
  process.exit(2);
}

// A private copy of the site's sources (site.yaml, content/, i18n/, themes/).
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'kyklos-latency-'));
for (const part of ['site.yaml', 'content', 'i18n', 'themes']) {
  const from = path.join(source, part);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(site, part), { recursive: true });
}

function firstLesson(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name.endsWith('.md') && e.name !== 'index.md') return p;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      const found = firstLesson(path.join(dir, e.name));
      if (found) return found;
    }
  }
  return null;
}

const langs = fs.readdirSync(path.join(site, 'content')).sort();
const yaml = fs.readFileSync(path.join(site, 'site.yaml'), 'utf8');
const first = (/code:\s*([\w-]+)/.exec(yaml) || /languages:\s*\[\s*([\w-]+)/.exec(yaml) || [])[1] || langs[0];
const target = process.env.KYKLOS_LATENCY_FILE
  ? path.join(site, process.env.KYKLOS_LATENCY_FILE)
  : firstLesson(path.join(site, 'content', first));
const original = fs.readFileSync(target, 'utf8');

const server = spawn(bin, ['serve', '--port', '0', '--root', site], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
const origin = await new Promise((resolve, reject) => {
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    log += chunk;
    const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
});
const startup = /Built (\d+) pages in (\d+) ms/.exec(log);

// The event stream an open page listens to.
const waiters = [];
http.get(`${origin}/__kyklos/events`, (res) => {
  let buffer = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const data = event.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const status = JSON.parse(data.slice(6));
      const now = performance.now();
      for (const w of waiters.splice(0)) w({ status, at: now });
    }
  });
});
const nextEvent = () => new Promise((resolve) => waiters.push(resolve));
await nextEvent(); // the stream's first status
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One edit first, to learn which page the edited file is (the event names what changed).
fs.writeFileSync(target, `${original}\n\nA first edit, to find the page.\n`);
const firstEdit = await nextEvent();
const changedPages = (firstEdit.status.changed || []).filter((p) => p.endsWith('.html') && !p.startsWith('search/'));
const pagePath = changedPages.find((p) => p.startsWith(`${first}/`)) || changedPages[0];

// The page open in Chromium, as an author has it open beside the editor.
let browser = null;
let page = null;
const chromium = '/usr/bin/chromium';
if (process.env.BROWSER !== '0' && pagePath && fs.existsSync(chromium)) {
  try {
    const require = createRequire(path.join(repo, 'tests', 'browser', 'package.json'));
    const pw = require('playwright-core');
    browser = await pw.chromium.launch({
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    await page.goto(`${origin}/${pagePath}`);
    await page.waitForLoadState('load');
  } catch (e) {
    console.error(`no browser figures (${e.message.split('\n')[0]}): run npm ci in tests/browser`);
    browser = null;
    page = null;
  }
}

const times = [];
const requests = [];
const reloads = [];
for (let i = 1; i <= edits; i++) {
  await sleep(400);
  const event = nextEvent();
  // The browser acts on the event: reload.js asks for the page again (then it loads).
  const asked = page ? page.waitForRequest((r) => r.isNavigationRequest(), { timeout: 30000 }).then(() => performance.now(), () => null) : null;
  const loaded = page ? page.waitForEvent('load', { timeout: 30000 }).then(() => performance.now(), () => null) : null;
  const t0 = performance.now();
  fs.writeFileSync(target, `${original}\n\nEdit number ${i} for the latency benchmark.\n`);
  const timeout = sleep(30000).then(() => null);
  const got = await Promise.race([event, timeout]);
  if (!got) { console.error(`edit ${i}: no reload event within 30 s`); continue; }
  times.push(got.at - t0);
  if (loaded) {
    const askedAt = await asked;
    if (askedAt !== null) requests.push(askedAt - t0);
    const at = await loaded;
    if (at === null) console.error(`edit ${i}: the page did not reload within 30 s`);
    else if (!(await page.content()).includes(`Edit number ${i} for`)) console.error(`edit ${i}: the reloaded page does not show the edit`);
    else reloads.push(at - t0);
  }
}
if (browser) await browser.close();
fs.writeFileSync(target, original);
server.kill('SIGINT');
fs.rmSync(site, { recursive: true, force: true });

times.sort((a, b) => a - b);
const median = times.length ? times[Math.floor((times.length - 1) / 2)] : NaN;
const pages = startup ? `${startup[1]} pages, first build ${startup[2]} ms` : '';
console.log(`site: ${source} (${pages})`);
console.log(`edited: ${path.relative(site, target)}`);
console.log(`write → reload event, ${times.length} edits: median ${median.toFixed(0)} ms, min ${times[0]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`);
const line = (what, xs) => {
  xs.sort((a, b) => a - b);
  const m = xs[Math.floor((xs.length - 1) / 2)];
  console.log(`${what}, ${xs.length} edits: median ${m.toFixed(0)} ms, min ${xs[0].toFixed(0)} ms, max ${xs.at(-1).toFixed(0)} ms (${pagePath})`);
};
if (reloads.length) {
  if (requests.length) line('write → Chromium asks for the page again (the reload starts)', requests);
  line('write → page reloaded in Chromium (its load event, the edit shown)', reloads);
} else {
  console.log('write → page reloaded in Chromium: not measured (no browser; see above)');
}
