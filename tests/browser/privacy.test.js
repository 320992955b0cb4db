'use strict';
// Privacy and static-ness: one page of every kind in every language of the sample site,
// served from a sub-path and opened from file://, requests nothing outside the site, has no inline script or inline event
// handler, declares a strict CSP, and loads without CSP violations, JS errors or console
// errors. A quiz is also submitted and checked for the same.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

/** Inline scripts, inline handlers, javascript: URLs and the CSP meta of the current page. */
function inspectDocument() {
  // A schema.org data block (type application/ld+json) is data the browser never runs.
  const isData = (s) => s.type === 'application/ld+json';
  const inlineScripts = Array.from(document.querySelectorAll('script'))
    .filter((s) => !s.hasAttribute('src') && !isData(s))
    .map((s) => s.outerHTML.slice(0, 200));
  const dataBlocks = Array.from(document.querySelectorAll('script')).filter(isData).map((s) => {
    try { return JSON.parse(s.textContent)['@context']; } catch (e) { return `not JSON: ${e.message}`; }
  });
  const handlers = [];
  const jsUrls = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) handlers.push(`<${el.localName} ${a.name}="${a.value.slice(0, 80)}">`);
      if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name)) {
        jsUrls.push(`<${el.localName} ${a.name}="${a.value.slice(0, 80)}">`);
      }
    }
  }
  const csp = Array.from(document.querySelectorAll('meta[http-equiv]'))
    .filter((m) => m.httpEquiv.toLowerCase() === 'content-security-policy')
    .map((m) => m.content);
  return { inlineScripts, dataBlocks, handlers, jsUrls, csp, scripts: document.scripts.length };
}

function assertStaticDocument(info, where) {
  assert.deepEqual(info.inlineScripts, [], `${where}: inline <script> elements`);
  // Every page but the root chooser carries its schema.org metadata, which passes the CSP
  // (assertCleanConsole sees no violation) because it is data, not script.
  assert.deepEqual(info.dataBlocks, ['https://schema.org'], `${where}: one JSON-LD block of schema.org`);
  assert.deepEqual(info.handlers, [], `${where}: inline event handler attributes`);
  assert.deepEqual(info.jsUrls, [], `${where}: javascript: URLs`);
  assert.equal(info.csp.length, 1, `${where}: expected one Content-Security-Policy meta, got ${JSON.stringify(info.csp)}`);
  const scriptSrc = (/(?:^|;)\s*script-src\s+([^;]*)/.exec(info.csp[0]) || /(?:^|;)\s*default-src\s+([^;]*)/.exec(info.csp[0]) || [])[1];
  assert.ok(scriptSrc, `${where}: the CSP has no script-src/default-src: ${info.csp[0]}`);
  assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*|https?:|data:/, `${where}: CSP script-src is not strict: ${scriptSrc}`);
  // Raw HTML cannot send a form, frame another site, load a plugin or move the base URL.
  const directive = (name) => ((new RegExp(`(?:^|;)\\s*${name}\\s+([^;]*)`).exec(info.csp[0]) || [])[1] || '').trim();
  assert.match(directive('form-action'), /^'(none|self)'$/, `${where}: CSP form-action: ${info.csp[0]}`);
  assert.match(directive('frame-src'), /^'(none|self)'$/, `${where}: CSP frame-src: ${info.csp[0]}`);
  assert.equal(directive('object-src'), "'none'", `${where}: CSP object-src: ${info.csp[0]}`);
  assert.equal(directive('base-uri'), "'none'", `${where}: CSP base-uri: ${info.csp[0]}`);
}

describe('privacy: no request leaves the site, no inline script, no errors', { skip }, () => {
  let chrome, dir, server, pages, kinds, lang;
  // the tests of this file run in order: the last one looks at every request the server saw

  before(async () => {
    dir = h.buildSample();
    pages = h.htmlFiles(dir);
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    server = await h.serve(dir, '/privacy/sub/path/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  const langOf = (rel) => (rel.includes('/') ? rel.split('/')[0] : '');

  // one page of each kind in each language (all = true) or in the default language
  function samplePages(all) {
    const out = new Set();
    for (const list of Object.values(kinds)) {
      const seen = new Set();
      for (const rel of list) {
        const l = langOf(rel);
        if (!seen.has(l) && (all || l === '' || l === lang)) { seen.add(l); out.add(rel); }
      }
    }
    return Array.from(out).sort();
  }

  async function checkPages(t, mode, list) {
    const context = await h.newContext(chrome.browser);
    const page = await context.newPage();
    const w = await h.watch(page);
    const urlOf = (rel) => (mode === 'http' ? server.base + rel : h.fileUrl(dir, rel));
    const origin = mode === 'http' ? server.origin : null;
    let sawScript = false;
    try {
      for (const rel of list) {
        await t.test(rel, async () => {
          w.clear();
          await page.goto(urlOf(rel), { waitUntil: 'load' });
          if (rel === 'index.html') {
            // the root page forwards a first-time visitor to a language (meta refresh or
            // script); its own markup is inspected in another test, here we check what both
            // documents request
            await page.waitForURL(/\/[\w-]+\/index\.html$/, { waitUntil: 'load', timeout: 5000 });
          }
          const own = w.requests.filter((u) => u === urlOf(rel) || u.startsWith(urlOf('static/')));
          assert.ok(own.length > 1, `${rel}: the request recorder saw the page and its assets: ${w.requests}`);
          if (w.requests.some((u) => /\/static\/[^/]+\.js$/.test(u))) sawScript = true;
          h.assertLocalRequests(w, origin, rel);
          assertStaticDocument(await page.evaluate(inspectDocument), page.url());
          await h.assertCleanConsole(page, w, rel);
        });
      }
      assert.ok(sawScript, 'no page loaded any script: the check of script requests proves nothing');
    } finally {
      await context.close();
    }
  }

  test('one page of each kind in each language, over http from a sub-path', async (t) => {
    assert.ok(pages.length >= 7, `expected the sample build to have pages, got ${pages.length}`);
    await checkPages(t, 'http', samplePages(true));
  });

  test('one page of each kind and every language\'s home, opened from file://', async (t) => {
    const homes = (kinds.home || []).filter((p) => langOf(p) !== lang);
    await checkPages(t, 'file', Array.from(new Set([...samplePages(false), ...homes])).sort());
  });

  test('the root page (before it forwards) has no inline script and a strict CSP', async () => {
    // a visitor whose language the site does not offer stays on the chooser
    const context = await h.newContext(chrome.browser, { locale: 'ja-JP' });
    const page = await context.newPage();
    const w = await h.watch(page);
    try {
      // keep the page from forwarding so that its own document can be inspected
      await page.route(server.base + 'index.html', async (route) => {
        const res = await route.fetch();
        const body = (await res.text()).replace(/<meta http-equiv="refresh"[^>]*>/i, '');
        await route.fulfill({ response: res, body });
      });
      await page.goto(server.base + 'index.html');
      await page.waitForTimeout(200);
      assert.equal(page.url(), server.base + 'index.html');
      h.assertLocalRequests(w, server.origin, 'index.html');
      assertStaticDocument(await page.evaluate(inspectDocument), 'index.html');
      await h.assertCleanConsole(page, w, 'index.html');
    } finally {
      await context.close();
    }
  });

  test('a quiz, submitted and retried, stays local and error-free', async () => {
    const rel = h.pageOfKind(kinds, 'quiz', lang);
    assert.ok(rel, 'the sample build has a quiz page');
    const context = await h.newContext(chrome.browser);
    const page = await context.newPage();
    const w = await h.watch(page);
    try {
      await page.goto(server.base + rel);
      const quiz = await h.readQuiz(page);
      await h.answerQuiz(page, quiz, true);
      await page.click('button.quiz-submit');
      await page.locator('.quiz-result[role="status"]').filter({ hasText: /\S/ }).waitFor({ timeout: 5000 });
      await page.click('button.quiz-retry');
      await h.answerQuiz(page, quiz, false);
      await page.click('button.quiz-submit');
      await page.locator('.quiz-result[role="status"]').filter({ hasText: /\S/ }).waitFor({ timeout: 5000 });
      h.assertLocalRequests(w, server.origin, rel);
      assertStaticDocument(await page.evaluate(inspectDocument), `${rel} after submitting`);
      await h.assertCleanConsole(page, w, `${rel} after submitting`);
    } finally {
      await context.close();
    }
  });

  test('the browser requests nothing outside the sub-path the site is served from', async () => {
    // every page above was served from server.base; the server saw every request, including
    // the ones the browser makes on its own for a page (such as an icon)
    const outside = server.hits.filter((hit) => !hit.url.startsWith(new URL(server.base).pathname));
    assert.ok(server.hits.length > 7, 'the server saw the pages');
    assert.deepEqual(outside.map((x) => `${x.status} ${x.url}`), [],
      'requests outside the site\'s folder (a page without <link rel="icon"> makes the browser ' +
      'fetch /favicon.ico from the root of the host, which is another site when the site lives in ' +
      'a sub-folder)');
  });
});
