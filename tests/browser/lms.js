'use strict';
/*
 * An LMS made of the real scorm-again runtime, for the SCORM browser tests (scorm.test.js,
 * scorm-course.test.js): unzipping a package, a host page that exposes scorm-again's API to
 * the package's launch page in an iframe and logs every call, and helpers that walk the
 * lessons, submit quizzes and read back what the runtime recorded. No hand-written mock API.
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const h = require('./helpers');

// ---- zips ----------------------------------------------------------------------------------------

/** Extracts a zip (stored or deflated entries) into dest; returns the entry names. */
function unzip(file, dest) {
  const buf = fs.readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, `${file}: no end of central directory`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, `${file}: central directory entry ${i}`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    assert.ok(!name.startsWith('/') && !name.split('/').includes('..'), `${file}: unsafe entry ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    assert.ok(method === 0 || method === 8, `${file}: ${name} uses compression method ${method}`);
    const data = method === 8 ? zlib.inflateRawSync(raw) : raw;
    const out = path.join(dest, name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, data);
    names.push(name);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** The launch hrefs of a manifest's SCO resources, in order. */
function launches(manifest) {
  const out = [];
  const re = /<resource\b[^>]*\bscorm[tT]ype="sco"[^>]*\bhref="([^"]+)"/g;
  let m;
  while ((m = re.exec(manifest))) out.push(decodeURIComponent(m[1]));
  return out;
}

/** The sample build's packages of one language: [{ file, version, manifest, launches }]. */
function packagesOf(dir, lang) {
  const found = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.zip')) found.push(p);
    }
  })(path.join(dir, lang));
  // only SCORM packages (a QTI item bank is a zip with a manifest too)
  return found.sort().filter((file) => /-scorm(12|2004)\.zip$/.test(file)).map((file) => {
    const tmp = h.tempDir('zip');
    unzip(file, tmp);
    const manifest = fs.readFileSync(path.join(tmp, 'imsmanifest.xml'), 'utf8');
    const version = manifest.includes('<schemaversion>1.2</schemaversion>') ? '1.2' : '2004';
    const hrefs = launches(manifest);
    const launchHtml = hrefs.length > 0 ? fs.readFileSync(path.join(tmp, hrefs[0]), 'utf8') : '';
    const hasQuiz = launchHtml.includes('class="sco-quiz"');
    // a SCORM 2004 course package is one SCO whose launch page lists the modules
    const isCourse = hrefs.length > 1 || launchHtml.includes('class="sco-modules"');
    return { file, version, manifest, launches: hrefs, hasQuiz, isCourse };
  });
}

// ---- the host page (an LMS made of scorm-again) ---------------------------------------------------

const HOST_JS = `'use strict';
(function () {
  const cfg = window.__hostConfig;
  const v12 = cfg.version === '1.2';
  const api = v12 ? new window.Scorm12API({ autocommit: false }) : new window.Scorm2004API({ autocommit: false });
  if (cfg.initial) api.loadFromJSON(cfg.initial);
  // An LMS whose API was already used and terminated in this page, as Moodle's SCORM 2004
  // player is after its first SCO: the next Initialize fails (1.2: 101, 2004: 104).
  if (cfg.terminated) {
    api[v12 ? 'LMSInitialize' : 'Initialize']('');
    api[v12 ? 'LMSFinish' : 'Terminate']('');
  }
  const log = window.__lms = { calls: [], initialize: 0, terminate: 0, commit: 0 };
  api.on(v12 ? 'LMSInitialize' : 'Initialize', function () { log.initialize += 1; });
  api.on(v12 ? 'LMSFinish' : 'Terminate', function () { log.terminate += 1; });
  api.on(v12 ? 'LMSCommit' : 'Commit', function () { log.commit += 1; });
  const errorName = v12 ? 'LMSGetLastError' : 'GetLastError';
  const methods = v12 ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']
    : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'];
  methods.forEach(function (m) {
    const real = api[m].bind(api);
    api[m] = function (a, b) {
      const r = b === undefined ? real(a) : real(a, b);
      log.calls.push({ m: m.replace(/^LMS/, '').replace('Finish', 'Terminate'), a: a, b: b, r: String(r), e: String(api[errorName]()) });
      return r;
    };
  });
  window[v12 ? 'API' : 'API_1484_11'] = api;
  window.__cmi = function () { return JSON.parse(JSON.stringify(api.cmi)); };
  const frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.title = 'SCO';
  frame.src = cfg.launch;
  frame.style.width = (cfg.width || 1200) + 'px';
  frame.style.height = '800px';
  document.body.appendChild(frame);
  window.__closeSco = function () { frame.remove(); };
})();
`;

const HOST_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script><script src="scorm2004.js"></script><script src="host.js" defer></script>
</head><body><h1>LMS</h1></body></html>
`;

function lmsDir(zipFile) {
  const dir = h.tempDir('lms');
  const dist = path.dirname(require.resolve('scorm-again'));
  fs.copyFileSync(path.join(dist, 'scorm12.js'), path.join(dir, 'scorm12.js'));
  fs.copyFileSync(path.join(dist, 'scorm2004.js'), path.join(dir, 'scorm2004.js'));
  fs.writeFileSync(path.join(dir, 'host.js'), HOST_JS);
  fs.writeFileSync(path.join(dir, 'host.html'), HOST_HTML);
  unzip(zipFile, path.join(dir, 'pkg'));
  return dir;
}

/**
 * Runs `fn(server, dir)` with the package `zipFile` unpacked beside the host page (lmsDir),
 * served at /lms/; returns what `fn` returns. The server is closed afterwards, also on failure.
 */
async function withHost(zipFile, fn) {
  const dir = lmsDir(zipFile);
  const server = await h.serve(dir, '/lms/');
  try {
    return await fn(server, dir);
  } finally {
    await server.close();
  }
}

// ---- a session in the LMS ----------------------------------------------------------------------

/**
 * Opens the host page in `browser` with the package's SCO; returns { context, page, w, sco,
 * lessons }. `terminated`: the LMS's API was already used and terminated (Moodle's 2004 player).
 */
async function launch(browser, server, version, launchHref, initial, terminated = false, width = 1200) {
  const context = await browser.newContext({ viewport: { width: width + 80, height: 900 } });
  const page = await context.newPage();
  const w = await h.watch(page);
  await page.addInitScript((cfg) => { window.__hostConfig = cfg; }, { version, launch: 'pkg/' + launchHref, initial, terminated, width });
  await page.goto(server.base + 'host.html');
  const scoEl = await page.waitForSelector('iframe#sco');
  const sco = await scoEl.contentFrame();
  await sco.waitForLoadState('load');
  const lessonEl = await sco.waitForSelector('iframe.sco-frame');
  await page.waitForFunction(() => {
    const s = document.querySelector('iframe#sco');
    const inner = s && s.contentDocument && s.contentDocument.querySelector('iframe.sco-frame');
    return inner && inner.contentDocument && inner.contentDocument.readyState === 'complete' &&
      inner.contentDocument.body && inner.contentDocument.body.dataset.key;
  });
  const lessons = await lessonEl.contentFrame();
  return { context, page, w, sco, lessons };
}

const lmsState = (page) => page.evaluate(() => ({ cmi: window.__cmi(), log: window.__lms }));

async function waitForBookmark(page, version, url) {
  await page.waitForFunction(([v, u]) => {
    const c = window.__cmi();
    return (v === '1.2' ? c.core.lesson_location : c.location) === u;
  }, [version, url]);
}

/** Follows the lesson frame's first a[rel~=next] and waits for its page; false if it has none. */
async function next(lessons) {
  const link = lessons.locator('a[rel~="next"]').first();
  if ((await link.count()) === 0) return false;
  const before = lessons.url();
  await link.click();
  await lessons.waitForURL((u) => u.href !== before);
  await lessons.waitForLoadState('load');
  return true;
}

/** Follows a[rel=next] in the lesson frame `steps` times (or until the quiz); returns the urls. */
async function walk(page, version, lessons, steps) {
  const seen = [];
  for (let i = 0; i < steps; i++) {
    if (/quiz\.html$/.test(lessons.url())) break;
    if (!(await next(lessons))) break;
    const rel = lessons.url().split('/').pop();
    await waitForBookmark(page, version, rel);
    seen.push(rel);
  }
  return seen;
}

/** The score the LMS holds (`cmi.core.score.raw` in SCORM 1.2, `cmi.score.raw` in 2004). */
const scoreRaw = (cmi, version) => (version === '1.2' ? cmi.core.score.raw : cmi.score.raw);

/**
 * Answers the quiz in the lesson frame (`right`: true, false or per question, as
 * helpers.answerQuiz takes it) and submits it; resolves once the SCO has set the score in the
 * LMS. Returns the quiz as helpers.readQuiz read it.
 */
async function submitQuiz(page, version, lessons, right) {
  const quiz = await h.readQuiz(lessons);
  await h.answerQuiz(lessons, quiz, right);
  const calls = (await lmsState(page)).log.calls.length;
  await lessons.locator('.quiz-submit').click();
  const element = version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw';
  await page.waitForFunction(([n, el]) => window.__lms.calls.slice(n).some((c) => c.a === el), [calls, element]);
  return quiz;
}

/**
 * The status elements as the LMS held them after each Commit (only commits that changed
 * them), replayed from the logged SetValue calls: what Moodle would have stored, in order.
 */
function statusesPerCommit(log, version) {
  const names = version === '1.2' ? ['cmi.core.lesson_status'] : ['cmi.completion_status', 'cmi.success_status'];
  const held = {};
  const out = [];
  for (const c of log.calls) {
    if (c.m === 'SetValue' && names.includes(c.a) && c.r === 'true') held[c.a] = c.b;
    if (c.m === 'Commit' || c.m === 'Terminate') {
      const now = names.map((n) => held[n] || '-').join('/');
      if (now !== out[out.length - 1]) out.push(now);
    }
  }
  return out;
}

function failedCalls(log) {
  return log.calls.filter((c) => (c.m === 'SetValue' || c.m === 'Commit' || c.m === 'Initialize' || c.m === 'Terminate') && c.r !== 'true');
}

module.exports = {
  unzip, launches, packagesOf, lmsDir, withHost, launch, lmsState, waitForBookmark, next, walk, scoreRaw, submitQuiz,
  statusesPerCommit, failedCalls,
};
