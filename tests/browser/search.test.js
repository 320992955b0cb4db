'use strict';
// Search on the sample site: an English word, an unaccented Greek word and an Arabic word
// typed with Persian letters find their pages; a result can be followed with the keyboard;
// over http under a sub-path and from file://, the index loads only when a search starts, and
// nothing leaves the site, with no console error. Also: no-hit message, axe with results
// open, and no search box without JavaScript.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

describe('search', { skip }, () => {
  let chrome, dir, server;

  before(async () => {
    dir = h.buildSample();
    server = await h.serve(dir, '/courses/open/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  /** Opens `rel` (http or file), types `query` after pressing "/", waits for the results. */
  async function searchOn(mode, rel, query, options) {
    const context = await h.newContext(chrome.browser, options || {});
    const page = await context.newPage();
    const w = await h.watch(page);
    const url = mode === 'http' ? server.base + rel : h.fileUrl(dir, rel);
    await page.goto(url, { waitUntil: 'load' });
    assert.deepEqual(w.requests.filter((u) => /\/search\/[^/]+\/[^/]+\.js$/.test(u)), [], `${rel}: the index loads only when a search starts`);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', '"/" focuses the search box');
    await page.keyboard.type(query);
    await page.waitForSelector('.search-panel:not([hidden]) .search-count:not(:empty)');
    await page.waitForFunction(() => !/…$/.test(document.querySelector('.search-count').textContent));
    return { context, page, w, origin: mode === 'http' ? server.origin : null };
  }

  async function results(page) {
    return page.$$eval('.search-result', (items) => items.map((li) => ({
      title: li.querySelector('.search-result-title').textContent,
      href: li.querySelector('.search-result-title').getAttribute('href'),
      kind: (li.querySelector('.search-result-kind') || {}).textContent,
      place: (li.querySelector('.search-result-place') || {}).textContent || '',
      fallback: !!li.querySelector('.search-result-fallback'),
      marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
    })));
  }

  /** Bytes of the index files the page requested. */
  function loadedBytes(w) {
    return w.requests.filter((u) => /\/search\/[^/]+\/[^/]+\.js$/.test(u)).reduce((sum, u) => {
      const rel = decodeURIComponent(u.replace(/^.*?\/search\//, 'search/'));
      return sum + fs.statSync(path.join(dir, rel)).size;
    }, 0);
  }

  test('an English word over http under a sub-path, followed with the keyboard', async () => {
    const { context, page, w, origin } = await searchOn('http', 'en/index.html', 'asylum');
    try {
      const found = await results(page);
      assert.ok(found.length >= 2, `results for asylum: ${JSON.stringify(found)}`);
      assert.ok(found.some((r) => r.marks.some((m) => /^asylum$/i.test(m))), 'the matched word is highlighted');
      assert.ok(found.some((r) => r.place.includes('›')), 'results say where they sit (course › module)');
      assert.ok(found.every((r) => r.kind), 'results say what kind of page they are');
      const count = await page.textContent('.search-status');
      assert.match(count, /\d/, 'the count is in the live region');
      assert.ok(loadedBytes(w) <= 600 * 1024, `a one-word query loads ${loadedBytes(w)} bytes`);
      await page.focus('#search-input');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'search-result-title');
      await page.keyboard.press('ArrowDown');
      const second = await page.evaluate(() => document.activeElement.getAttribute('href'));
      assert.equal(second, found[1].href, 'arrows move through the results');
      await page.keyboard.press('ArrowUp');
      await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/en/index.html')), page.keyboard.press('Enter')]);
      assert.equal((await page.textContent('h1')).trim(), found[0].title.trim(), 'Enter follows the result');
      assert.ok(page.url().startsWith(server.base + 'en/'));
      h.assertLocalRequests(w, origin, 'search over http');
      await h.assertCleanConsole(page, w, 'search over http');
    } finally {
      await context.close();
    }
  });

  test('an unaccented Greek word from file://', async () => {
    const { context, page, w } = await searchOn('file', 'el/index.html', 'μεταναστευση');
    try {
      const found = await results(page);
      assert.ok(found.length >= 1, 'results for μεταναστευση');
      assert.ok(found.some((r) => r.marks.some((m) => m.toLowerCase() === 'μετανάστευση')), `the accented word is marked: ${JSON.stringify(found.slice(0, 3))}`);
      await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/el/index.html')), page.click('.search-result-title')]);
      assert.equal((await page.textContent('h1')).trim(), found[0].title.trim());
      h.assertLocalRequests(w, null, 'Greek search from file://');
      await h.assertCleanConsole(page, w, 'Greek search from file://');
    } finally {
      await context.close();
    }
  });

  test('an Arabic word typed with Persian letters, right to left, from file://', async () => {
    const { context, page, w } = await searchOn('file', 'ar/index.html', 'البلدیات');
    try {
      const found = await results(page);
      assert.ok(found.length >= 1, 'results for البلدیات (Persian yeh)');
      assert.ok(found[0].marks.includes('البلديات'), `the Arabic spelling is marked: ${JSON.stringify(found[0])}`);
      assert.equal(await page.$eval('.search-panel', (el) => getComputedStyle(el).direction), 'rtl');
      h.assertLocalRequests(w, null, 'Arabic search');
      await h.assertCleanConsole(page, w, 'Arabic search');
    } finally {
      await context.close();
    }
  });

  test('untranslated pages are marked in the results', async () => {
    const { context, page } = await searchOn('http', 'el/index.html', 'Bennett');
    try {
      const found = await results(page);
      const fallbacks = found.filter((r) => r.fallback);
      if (fallbacks.length) {
        assert.equal(await page.$eval('.search-result-fallback', (el) => el.closest('li').querySelector('a').lang), 'en');
      }
    } finally {
      await context.close();
    }
  });

  test('a query without hits says so and suggests checking the spelling', async () => {
    const { context, page, w } = await searchOn('http', 'en/index.html', 'qwxzvbn');
    try {
      assert.equal((await results(page)).length, 0);
      const text = await page.textContent('.search-count');
      assert.match(text, /qwxzvbn/);
      assert.match(text, /spelling/);
      assert.equal(await page.textContent('.search-status'), text, 'announced in the live region');
      await h.assertCleanConsole(page, w, 'no hits');
    } finally {
      await context.close();
    }
  });

  test('axe finds nothing with the results open, at 390 px, in English and Arabic', async () => {
    for (const rel of ['en/index.html', 'ar/index.html']) {
      const { context, page } = await searchOn('http', rel, rel.startsWith('ar') ? 'البلديات' : 'migration', { bypassCSP: true, viewport: { width: 390, height: 844 } });
      try {
        const violations = await h.runAxe(page);
        assert.deepEqual(violations, [], `${rel}:\n${h.formatViolations(violations)}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${rel}: the page scrolls sideways by ${overflow}px at 390 px`);
      } finally {
        await context.close();
      }
    }
  });

  test('without JavaScript the search box is not shown', async () => {
    const context = await h.newContext(chrome.browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(server.base + 'en/index.html');
      assert.equal(await page.isVisible('#search-input'), false);
    } finally {
      await context.close();
    }
  });
});
