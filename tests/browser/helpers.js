'use strict';
/*
 * Shared helpers of the kyklos browser tests (node --test tests/browser/).
 *
 * - chromium: Debian's /usr/bin/chromium, started by us with the house flags and a fresh
 *   --user-data-dir, driven through playwright-core over CDP (never a downloaded browser).
 * - builds: the kyklos binary from KYKLOS_BIN, else `cargo run --release -q -- build`; the
 *   sample site is the repo root unless KYKLOS_BROWSER_SITE names another site root.
 * - a tiny static HTTP server bound to 127.0.0.1 that serves a build under a sub-path.
 * - page watchers (requests, console errors, page errors, CSP violations) and an axe runner.
 */

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(REPO_ROOT, 'target', 'screenshots');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const IS_CI = process.env.CI === 'true';

// ---- skipping ------------------------------------------------------------------------------

let skipAnnounced = false;

/**
 * The `skip` option for a test file's describe(): a reason string when Chromium is missing
 * and CI is not "true" (with a loud message), else false. Under CI=true a missing Chromium is
 * never skipped: the tests run and fail when they try to launch it.
 */
function skipUnlessChromium() {
  if (fs.existsSync(CHROMIUM)) return false;
  if (IS_CI) return false;
  if (!skipAnnounced) {
    skipAnnounced = true;
    const line = '!'.repeat(72);
    process.stderr.write(`\n${line}\n!!! SKIPPED: chromium not found at ${CHROMIUM}\n` +
      `!!! (install: apt-get update -qq && apt-get install -y -qq chromium)\n${line}\n\n`);
  }
  return `SKIPPED: chromium not found at ${CHROMIUM}`;
}

function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch (e) {
    throw new Error('playwright-core is not installed: run `npm ci` in tests/browser/ ' +
      `(${e.message})`);
  }
}

function axePath() {
  try {
    return require.resolve('axe-core/axe.min.js');
  } catch (e) {
    throw new Error('axe-core is not installed: run `npm ci` in tests/browser/');
  }
}

// ---- temp dirs -----------------------------------------------------------------------------

const tempDirs = [];

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kyklos-browser-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

process.on('exit', () => {
  for (const dir of tempDirs) {
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch (e) { /* best effort */ }
  }
});

// ---- building ------------------------------------------------------------------------------

/** Builds the site at `root` into a fresh temp dir with the kyklos binary; returns the dir. */
function build(root, label) {
  const out = path.join(tempDir(label || 'site'), 'out');
  const bin = process.env.KYKLOS_BIN;
  const [cmd, args] = bin
    ? [bin, ['build', '--root', root, '--out', out]]
    : ['cargo', ['run', '--release', '-q', '--', 'build', '--root', root, '--out', out]];
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10 * 60 * 1000 });
  if (r.error) throw new Error(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`kyklos build of ${root} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  assert.ok(fs.existsSync(path.join(out, 'index.html')), `build of ${root} wrote no index.html`);
  return out;
}

let sampleBuild = null;

/**
 * The bundled sample site (the repo root), built once per test file into a temp dir.
 * KYKLOS_BROWSER_SITE may name another site root (e.g. a snapshot while content is edited).
 */
function buildSample() {
  if (!sampleBuild) sampleBuild = build(process.env.KYKLOS_BROWSER_SITE || REPO_ROOT, 'sample');
  return sampleBuild;
}

/** Writes a site from { relativePath: text } into a temp dir and returns its root. */
function writeSite(files, label) {
  const root = tempDir(label || 'fixture');
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

/** All .html files of a build, as forward-slash paths relative to the build dir, sorted. */
function htmlFiles(dir) {
  const out = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  })(dir);
  return out.sort();
}

/** { kind: [relative paths] } from each page's <body class="kind-…">. */
function pagesByKind(dir) {
  const kinds = {};
  for (const rel of htmlFiles(dir)) {
    const html = fs.readFileSync(path.join(dir, rel), 'utf8');
    const m = /<body[^>]*\bclass="[^"]*\bkind-([\w-]+)/.exec(html);
    const kind = m ? m[1] : '(none)';
    (kinds[kind] = kinds[kind] || []).push(rel);
  }
  return kinds;
}

/** The default language of a build: the first language the root page offers ("en" if none). */
function defaultLang(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const m = /data-lang="([^"]+)"/.exec(html) || /href="([\w-]+)\/index\.html"/.exec(html);
  return m ? m[1] : 'en';
}

/**
 * One page of a kind, preferring the given language and then a path containing `prefer`;
 * fails clearly when the build has none.
 */
function pageOfKind(kinds, kind, lang, prefer) {
  const all = kinds[kind] || [];
  const inLang = lang ? all.filter((p) => p.startsWith(lang + '/')) : all;
  const list = inLang.length ? inLang : all;
  assert.ok(list.length > 0, `the build has no page of kind "${kind}" (kinds: ${Object.keys(kinds).join(', ')})`);
  return (prefer && list.find((p) => p.includes(prefer))) || list[0];
}

/** The quiz page of a language with the most distinct question types (the best sample). */
function richestQuiz(dir, kinds, lang) {
  const quizzes = (kinds.quiz || []).filter((p) => p.startsWith(lang + '/'));
  assert.ok(quizzes.length > 0, `the build has no quiz in ${lang}`);
  const types = (rel) => new Set(fs.readFileSync(path.join(dir, rel), 'utf8').match(/data-type="[\w-]+"/g) || []).size;
  return quizzes.map((rel) => [types(rel), rel]).sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1))[0][1];
}

function fileUrl(dir, rel) {
  return pathToFileURL(path.join(dir, rel)).href;
}

// ---- chromium ------------------------------------------------------------------------------

// Chromium started with --remote-debugging-port does not notice when its parent dies, so a
// test process that is stopped (timeout, Ctrl-C) takes its browsers down with it.
const liveBrowsers = new Set();

function killBrowsers() {
  for (const proc of liveBrowsers) {
    try { proc.kill('SIGKILL'); } catch (e) { /* already gone */ }
    try { fs.rmSync(proc.kyklosProfile, { recursive: true, force: true }); } catch (e) { /* best effort */ }
  }
  liveBrowsers.clear();
}

process.on('exit', killBrowsers);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killBrowsers();
    process.kill(process.pid, signal); // the default action, now that the browsers are gone
  });
}

/**
 * Starts /usr/bin/chromium with the house flags, a fresh --user-data-dir and a DevTools port
 * on 127.0.0.1, and connects playwright-core to it. Returns { browser, close }.
 */
async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}` + (IS_CI ? ' (CI=true: not skipping)' : ''));
  }
  const { chromium } = loadPlaywright();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyklos-chromium-profile-'));
  const args = [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`,
    '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', 'about:blank'];
  const proc = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.kyklosProfile = userDataDir;
  liveBrowsers.add(proc);
  proc.once('exit', () => liveBrowsers.delete(proc));
  let log = '';
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chromium did not start in 30 s:\n${log}`)), 30000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      if (log.length < 20000) log += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)\r?\n/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}):\n${log}`)); });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  let closed = false;
  async function close() {
    if (closed) return;
    closed = true;
    try { await browser.close(); } catch (e) { /* already gone */ }
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    try {
      fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (e) { /* a helper process may still hold it; it is a temp dir */ }
  }
  return { browser, close };
}

/**
 * A fresh browser context (isolated storage) with short default timeouts, so that a missing
 * element fails a test in seconds rather than half a minute.
 */
async function newContext(browser, options) {
  const context = await browser.newContext(options || {});
  context.setDefaultTimeout(5000);
  context.setDefaultNavigationTimeout(15000);
  return context;
}

// ---- static server -------------------------------------------------------------------------

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.vtt': 'text/vtt; charset=utf-8',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/**
 * Serves `dir` at http://127.0.0.1:PORT<prefix> (prefix like "/some/sub/path/"); anything
 * outside the prefix or the dir is 404. Returns { origin, base, hits, close }.
 */
async function serve(dir, prefix) {
  const root = fs.realpathSync(dir);
  const hits = [];
  const server = http.createServer((req, res) => {
    const send = (status, body, type) => {
      hits.push({ url: req.url, status });
      res.writeHead(status, { 'Content-Type': type || 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch (e) {
      return send(400, 'bad request');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    if (!pathname.startsWith(prefix)) return send(404, 'not found (outside the sub-path)');
    let file = path.join(root, pathname.slice(prefix.length));
    if (!(file + path.sep).startsWith(root + path.sep) && file !== root) return send(404, 'not found');
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const real = fs.realpathSync(file);
      if (!real.startsWith(root + path.sep)) return send(404, 'not found');
      const body = fs.readFileSync(real);
      return send(200, body, MIME[path.extname(real).toLowerCase()] || 'application/octet-stream');
    } catch (e) {
      return send(404, 'not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + prefix,
    hits,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

// ---- page watching -------------------------------------------------------------------------

/**
 * Records what a page does: every request URL, failed requests, HTTP errors, console errors,
 * uncaught page errors and CSP violations (through an init script that listens for
 * securitypolicyviolation; init scripts are injected by the driver, not subject to the CSP).
 */
async function watch(page) {
  const w = { requests: [], failed: [], httpErrors: [], consoleErrors: [], pageErrors: [], faviconProbes: [] };
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('requestfailed', (r) => w.failed.push(`${r.url()} (${(r.failure() || {}).errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) w.httpErrors.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = (m.location() || {}).url || '';
    // Chromium probes <origin>/favicon.ico by itself when a page declares no icon; that probe
    // is checked separately (server hits outside the sub-path), not as a page console error.
    if (/^https?:\/\/[^/]+\/favicon\.ico$/.test(at)) { w.faviconProbes.push(at); return; }
    w.consoleErrors.push(at ? `${m.text()} (at ${at})` : m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e && e.stack || e)));
  await page.addInitScript(() => {
    window.__kyklosCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__kyklosCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ` +
        `at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  w.clear = () => {
    w.requests.length = 0; w.failed.length = 0; w.httpErrors.length = 0;
    w.consoleErrors.length = 0; w.pageErrors.length = 0; w.faviconProbes.length = 0;
  };
  return w;
}

/** Asserts a watched page made no request outside `allowedOrigin` (or file:// when null). */
function assertLocalRequests(w, allowedOrigin, where) {
  const outside = w.requests.filter((u) => {
    if (u.startsWith('data:') || u === 'about:blank') return false; // no network involved
    if (allowedOrigin === null) return !u.startsWith('file://');
    return new URL(u).origin !== allowedOrigin;
  });
  assert.deepEqual(outside, [], `${where}: requests leaving the site:\n  ${outside.join('\n  ')}`);
}

async function assertCleanConsole(page, w, where) {
  const csp = await page.evaluate(() => window.__kyklosCsp || []);
  assert.deepEqual(csp, [], `${where}: CSP violations:\n  ${csp.join('\n  ')}`);
  assert.deepEqual(w.httpErrors, [], `${where}: HTTP errors:\n  ${w.httpErrors.join('\n  ')}`);
  assert.deepEqual(w.failed, [], `${where}: failed requests:\n  ${w.failed.join('\n  ')}`);
  assert.deepEqual(w.pageErrors, [], `${where}: uncaught JS errors:\n  ${w.pageErrors.join('\n  ')}`);
  assert.deepEqual(w.consoleErrors, [], `${where}: console errors:\n  ${w.consoleErrors.join('\n  ')}`);
}

// ---- axe -----------------------------------------------------------------------------------

/**
 * Runs axe-core (WCAG 2.0/2.1 A+AA) on the page and returns its violations, simplified.
 * The page's context must have bypassCSP: true, since the pages only allow script-src 'self'.
 */
async function runAxe(page) {
  await page.addScriptTag({ path: axePath() });
  return page.evaluate(async (tags) => {
    if (typeof window.axe === 'undefined') throw new Error('axe-core was not injected');
    const res = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

function formatViolations(violations) {
  return violations.map((v) =>
    `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
    v.nodes.map((n) => `    at ${n.target}\n      ${n.html.slice(0, 300)}\n      ` +
      String(n.summary || '').replace(/\n/g, '\n      ')).join('\n')).join('\n');
}

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0,
    `${where}: ${violations.length} axe violation(s):\n${formatViolations(violations)}`);
}

// ---- quiz ----------------------------------------------------------------------------------

async function readQuiz(page) {
  const json = await page.getAttribute('form.quiz[data-quiz]', 'data-quiz');
  assert.ok(json, 'the quiz page has no form.quiz[data-quiz]');
  const quiz = JSON.parse(json);
  assert.equal(quiz.version, 1, 'quiz JSON version');
  assert.ok(Array.isArray(quiz.questions) && quiz.questions.length > 0, 'quiz JSON has questions');
  return quiz;
}

function rotate(list) {
  return list.length ? list.slice(1).concat(list[0]) : list;
}

/** Fills question q of the page's quiz with a correct (right=true) or wrong answer. */
async function answerQuestion(page, q, right) {
  const li = page.locator(`li.quiz-question[data-qid="${q.id}"]`);
  assert.equal(await li.count(), 1, `question ${q.id} is on the page once`);
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const values = await li.locator(`input[name="${q.id}"]`).evaluateAll((els) => els.map((e) => e.value));
      const correct = q.correct || [];
      const wrong = values.filter((v) => !correct.includes(v));
      const pick = right ? correct : wrong.slice(0, 1);
      assert.ok(pick.length > 0, `question ${q.id}: no option to pick (right=${right})`);
      for (const v of pick) await li.locator(`input[name="${q.id}"][value="${v}"]`).check();
      break;
    }
    case 'true_false': {
      const v = right ? String(q.answer) : String(!q.answer);
      await li.locator(`input[name="${q.id}"][value="${v}"]`).check();
      break;
    }
    case 'fill_in':
      await li.locator(`input[type="text"][name="${q.id}"]`).fill(right ? q.answers[0] : 'zzz');
      break;
    case 'matching': {
      const lefts = Object.keys(q.pairs);
      const rights = lefts.map((l) => q.pairs[l]);
      const chosen = right ? rights : rotate(rights); // a rotation gets every pair wrong
      for (let i = 0; i < lefts.length; i++) {
        await li.locator(`select[data-left="${lefts[i]}"]`).selectOption(chosen[i]);
      }
      break;
    }
    case 'ordering': {
      const n = q.order.length;
      // right: item order[k-1] at position k; wrong: reversed (rotated when n is odd, since
      // reversing an odd list keeps its middle item in place)
      const wrongOrder = n % 2 === 0 ? q.order.slice().reverse() : rotate(q.order);
      const order = right ? q.order : wrongOrder;
      for (let k = 1; k <= n; k++) {
        await li.locator(`select[data-item="${order[k - 1]}"]`).selectOption(String(k));
      }
      break;
    }
    default:
      assert.fail(`question ${q.id}: unknown type ${q.type}`);
  }
}

async function answerQuiz(page, quiz, right) {
  for (const q of quiz.questions) {
    await answerQuestion(page, q, typeof right === 'function' ? right(q) : right);
  }
}

// ---- misc ----------------------------------------------------------------------------------

async function hasH1(page) {
  return (await page.locator('h1').count()) > 0 && (await page.locator('h1').first().innerText()).trim() !== '';
}

module.exports = {
  AXE_TAGS,
  CHROMIUM,
  IS_CI,
  REPO_ROOT,
  SCREENSHOT_DIR,
  answerQuestion,
  answerQuiz,
  assertCleanConsole,
  assertLocalRequests,
  assertNoAxeViolations,
  build,
  buildSample,
  defaultLang,
  pageOfKind,
  fileUrl,
  formatViolations,
  hasH1,
  htmlFiles,
  launchBrowser,
  newContext,
  pagesByKind,
  readQuiz,
  richestQuiz,
  runAxe,
  serve,
  skipUnlessChromium,
  tempDir,
  watch,
  writeSite,
};
