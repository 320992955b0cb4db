#!/usr/bin/env node
// Search on a built site, in headless Chromium: what a one-word query loads, and how long the
// top results take to appear once the index files it needs are loaded. A benchmark, not a
// test: it prints figures and never fails because a machine is slow.
//
//   KYKLOS_BENCH_CORPUS_ONLY=1 cargo bench --bench build        # the 10,000-lesson course
//   cargo build --release
//   target/release/kyklos build --root target/kyklos-bench/corpus-10000x1 --out /dev/shm/k10k
//   node benches/search-latency.mjs /dev/shm/k10k [LANG]
//
// The site is served over http under a sub-path (/bench/sub/). For each word, in a fresh page:
//   pasted  the word arrives as one input event (what a query needs: the manifest, the term
//           shards of the word and of the words it starts, the page shards of ten results);
//   typed   the word is typed a letter at a time, TYPE_DELAY ms apart (longer than the box's
//           120 ms pause, so every prefix runs a search and loads what it needs);
//   first   ms from the input event to the results in the page, files loading included;
//   warm    ms from submitting the query again (the files are loaded) to the top results in
//           the page (dom) and to the next frame after them (frame), median of RUNS;
//   cpu     CPU ms of the same work in node (search.js's scoring and the ten snippets, files
//           loaded), median of RUNS: the figure a busy machine inflates least.
// Words: WORDS (comma-separated) or, by default, picked from the index: the 6 words found on
// the most pages, 6 of middling frequency and 6 found on one page only.
//
// Environment: RUNS (default 5), TYPE_DELAY (default 150), CHROMIUM (default /usr/bin/chromium
// with the browser tests' flags, tests/browser/helpers.js).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const h = createRequire(import.meta.url)(path.join(repo, 'tests', 'browser', 'helpers.js'));

const dist = path.resolve(process.argv[2] || path.join(repo, 'dist'));
const lang = process.argv[3] || h.defaultLang(dist);
const runs = Number(process.env.RUNS || 5);
const typeDelay = Number(process.env.TYPE_DELAY || 150);
const indexDir = path.join(dist, 'search', lang);
if (!fs.existsSync(path.join(indexDir, 'index.js'))) {
  console.error(`no search index at ${indexDir}: build the site first (see the head of this file)`);
  process.exit(2);
}

/** The data of an index file: kyklosSearch.add("lang","name",DATA); */
function data(file) {
  const text = fs.readFileSync(file, 'utf8');
  const m = /^kyklosSearch\.add\("[^"]*","[^"]*",([\s\S]*)\);\s*$/.exec(text);
  return JSON.parse(m[1]);
}

function pickWords() {
  if (process.env.WORDS) return process.env.WORDS.split(',').map((w) => w.trim()).filter(Boolean);
  const manifest = data(path.join(indexDir, 'index.js'));
  const pages = [];
  for (let i = 0; i < manifest.terms.length; i += 1) {
    const shard = data(path.join(indexDir, `t${i}.js`));
    for (const [word, stems] of Object.entries(shard.w)) {
      const list = Array.isArray(stems) ? stems : [stems];
      const n = Math.max(...list.map((s) => shard.p[s].length / 2));
      if (word.length >= 4 && /^\p{L}+$/u.test(word)) pages.push([word, n]);
    }
  }
  pages.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const mid = Math.floor(pages.length / 2);
  const rare = pages.filter((p) => p[1] === 1);
  const step = Math.max(1, Math.floor(rare.length / 6));
  const common = pages.slice(0, 6);
  const middling = pages.slice(mid - 3, mid + 3);
  const few = rare.filter((_, i) => i % step === 0).slice(0, 6);
  return common.flatMap((p, i) => [p, middling[i], few[i]]).filter(Boolean).map((p) => p[0]);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const kb = (n) => `${(n / 1000).toFixed(0)} KB`;

// The query side alone, in node (themes/default/static/search.js, files already loaded): the
// CPU time of folding the query, scoring the pages and making the ten snippets, which a busy
// machine does not inflate the way it inflates the browser's wall-clock times.
const query = createRequire(import.meta.url)(path.join(repo, 'themes', 'default', 'static', 'search.js'));
const files = {};
const file = (name) => (files[name] = files[name] || data(path.join(indexDir, `${name}.js`)));
function topResults(word) {
  const manifest = file('index');
  const terms = query.parseQuery(word, new Set(manifest.stop || []));
  const shards = {};
  for (const i of query.shardsFor(manifest, terms)) shards[i] = file(`t${i}`);
  const found = query.score(manifest, shards, terms);
  const isMatch = query.matcher(terms, found.words);
  for (const hit of found.hits.slice(0, 10)) {
    const at = query.docShardOf(manifest, hit.doc);
    const doc = file(`d${at.shard}`)[at.offset];
    query.snippet(doc[1], isMatch, 400);
    query.snippet(doc[5], isMatch);
  }
  return found.hits.length;
}
function cpuMs(word) {
  topResults(word);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const t = process.cpuUsage();
    topResults(word);
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  return median(times);
}

const words = pickWords();
const server = await h.serve(dist, '/bench/sub/');
const chrome = await h.launchBrowser();
const start = `${lang}/index.html`;

/** Index files a page asked for: count and bytes on disk. */
function loaded(requests) {
  const files = [...new Set(requests.filter((u) => /\/search\/[^/]+\/[^/]+\.js$/.test(u)))];
  const bytes = files.reduce((sum, u) => sum + fs.statSync(path.join(dist, decodeURIComponent(new URL(u).pathname.slice('/bench/sub/'.length)))).size, 0);
  return { files: files.length, bytes };
}

async function openPage() {
  const context = await h.newContext(chrome.browser, { viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(120000);
  context.setDefaultNavigationTimeout(120000);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.base + start, { waitUntil: 'load' });
  return { context, page, requests };
}

/** Waits until the results (or the no-hit message) for the current query are shown. */
async function settled(page) {
  await page.waitForFunction(() => {
    const panel = document.querySelector('.search-panel');
    const input = document.querySelector('#search-input');
    return panel && !panel.hidden && panel.getAttribute('data-query') === input.value;
  });
}

const rows = [];
for (const word of words) {
  // Pasted: one input event, then the time to the first results, loading included.
  const a = await openPage();
  await a.page.focus('#search-input');
  const first = await a.page.evaluate(async (q) => {
    const input = document.querySelector('#search-input');
    const list = document.querySelector('.search-results');
    const t0 = performance.now();
    const shown = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (list.children.length) { obs.disconnect(); resolve(performance.now() - t0); }
      });
      obs.observe(list, { childList: true });
      setTimeout(() => resolve(NaN), 60000);
    });
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return shown;
  }, word);
  await settled(a.page);
  const hits = Number((/\d+/.exec(await a.page.textContent('.search-count')) || ['0'])[0]);
  const pasted = loaded(a.requests);
  // Warm: the same query again, the files loaded; submitting skips the box's typing pause.
  const warm = [];
  for (let i = 0; i < runs; i += 1) {
    warm.push(await a.page.evaluate(async (q) => {
      const input = document.querySelector('#search-input');
      const list = document.querySelector('.search-results');
      input.value = q;
      const t0 = performance.now();
      const dom = await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (list.children.length) { obs.disconnect(); resolve(performance.now() - t0); }
        });
        obs.observe(list, { childList: true });
        input.form.requestSubmit();
        setTimeout(() => resolve(NaN), 60000);
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return [dom, performance.now() - t0];
    }, word));
  }
  await a.context.close();

  // Typed a letter at a time, every prefix searched.
  const b = await openPage();
  await b.page.focus('#search-input');
  await b.page.keyboard.type(word, { delay: typeDelay });
  await b.page.waitForTimeout(300);
  await settled(b.page);
  const typed = loaded(b.requests);
  await b.context.close();

  const row = { word, hits, pasted, typed, first, dom: median(warm.map((w) => w[0])), frame: median(warm.map((w) => w[1])), cpu: cpuMs(word) };
  rows.push(row);
  console.log(
    `${word.padEnd(16)} ${String(hits).padStart(6)} pages  pasted ${String(pasted.files).padStart(3)} files ${kb(pasted.bytes).padStart(7)}` +
    `  typed ${String(typed.files).padStart(3)} files ${kb(typed.bytes).padStart(7)}` +
    `  first ${row.first.toFixed(0).padStart(5)} ms  warm dom ${row.dom.toFixed(1).padStart(6)} ms  frame ${row.frame.toFixed(1).padStart(6)} ms  cpu ${row.cpu.toFixed(1).padStart(5)} ms`,
  );
}
await chrome.close();
await server.close();

const worst = (key) => rows.reduce((m, r) => (r[key] > m[key] ? r : m), rows[0]);
const worstBy = (f) => rows.reduce((m, r) => (f(r) > f(m) ? r : m), rows[0]);
const p = worstBy((r) => r.pasted.bytes);
const t = worstBy((r) => r.typed.bytes);
console.log();
console.log(`site ${dist}, language ${lang}, ${words.length} words, ${runs} warm runs each; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`a one-word query loads at most ${kb(p.pasted.bytes)} in ${p.pasted.files} files (${p.word}; limit 600 KB)`);
console.log(`typed a letter at a time (${typeDelay} ms apart), at most ${kb(t.typed.bytes)} in ${t.typed.files} files (${t.word})`);
console.log(`top results after the files are loaded: median ${median(rows.map((r) => r.dom)).toFixed(1)} ms, at most ${worst('dom').dom.toFixed(1)} ms (${worst('dom').word}); to the next frame at most ${worst('frame').frame.toFixed(1)} ms (limit 300 ms)`);
console.log(`the query side in node, files loaded (CPU time): median ${median(rows.map((r) => r.cpu)).toFixed(1)} ms, at most ${worst('cpu').cpu.toFixed(1)} ms (${worst('cpu').word})`);
console.log(`first query, files loading included: median ${median(rows.map((r) => r.first)).toFixed(0)} ms, at most ${worst('first').first.toFixed(0)} ms`);
