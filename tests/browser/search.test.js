'use strict';
// Search on the sample site: an English word, an unaccented Greek word and an Arabic word
// typed with Persian letters find their pages, and their top result is followed with the
// keyboard, each over http under a sub-path and from file://; the index loads only when a
// search starts, nothing leaves the site, and no console error. Also: arrows and Escape,
// untranslated pages marked, the no-hit message, axe with results open at 1280 and 390 px,
// and no search box without JavaScript.

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
    // The results of the whole query (not of a prefix searched while it was being typed).
    await page.waitForFunction((q) => {
      const panel = document.querySelector('.search-panel');
      return !panel.hidden && panel.getAttribute('data-query') === q;
    }, query);
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

  // Each word is typed after pressing "/" and its top result is followed with the keyboard,
  // over http under a sub-path and from file://.
  const WORDS = [
    { name: 'an English word', from: 'en/about.html', query: 'asylum', marked: (m) => /^asylum$/i.test(m) },
    { name: 'an unaccented Greek word', from: 'el/index.html', query: 'μεταναστευση', marked: (m) => m.toLowerCase() === 'μετανάστευση' },
    // Persian yeh (ی) typed for the Arabic yeh (ي) of البلديات.
    { name: 'an Arabic word typed with Persian letters', from: 'ar/about.html', query: 'البلدیات', marked: (m) => m === 'البلديات' },
  ];
  for (const word of WORDS) {
    for (const mode of ['http', 'file']) {
      test(`${word.name} (${word.query}) ${mode === 'http' ? 'over http under a sub-path' : 'from file://'}, followed with the keyboard`, async () => {
        const { context, page, w, origin } = await searchOn(mode, word.from, word.query);
        try {
          const found = await results(page);
          assert.ok(found.length >= 1, `results for ${word.query}`);
          assert.ok(found.some((r) => r.marks.some(word.marked)), `the matched word is highlighted: ${JSON.stringify(found.slice(0, 3))}`);
          assert.ok(found.every((r) => r.kind), 'results say what kind of page they are');
          assert.match(await page.textContent('.search-status'), /\d/, 'the count is in the live region');
          assert.ok(loadedBytes(w) <= 600 * 1024, `a one-word query loads ${loadedBytes(w)} bytes`);
          const dirOf = (sel) => page.$eval(sel, (el) => getComputedStyle(el).direction);
          assert.equal(await dirOf('.search-panel'), word.from.startsWith('ar/') ? 'rtl' : 'ltr', 'results in the page\'s direction');
          await page.focus('#search-input');
          await page.keyboard.press('ArrowDown');
          assert.equal(await page.evaluate(() => document.activeElement.className), 'search-result-title');
          const target = await page.evaluate(() => document.activeElement.href);
          const leaving = page.url();
          await Promise.all([page.waitForURL((u) => u.href !== leaving), page.keyboard.press('Enter')]);
          assert.equal(page.url(), target, 'Enter follows the result');
          assert.equal((await page.textContent('h1')).trim(), found[0].title.trim());
          if (mode === 'http') assert.ok(page.url().startsWith(server.base), `${page.url()} stays under the sub-path`);
          else assert.ok(page.url().startsWith('file://'));
          h.assertLocalRequests(w, origin, `${word.query} ${mode}`);
          await h.assertCleanConsole(page, w, `${word.query} ${mode}`);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('arrow keys move through the results and back to the box; Escape closes them', async () => {
    const { context, page } = await searchOn('http', 'en/index.html', 'migration');
    try {
      const found = await results(page);
      assert.ok(found.length >= 3, `results for migration: ${found.length}`);
      const focused = () => page.evaluate(() => document.activeElement.getAttribute('href') || document.activeElement.id);
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), found[0].href);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), found[2].href, 'down twice: the third result');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), found[1].href);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), 'search-input', 'up from the first result: back to the box');
      await page.keyboard.press('Escape');
      assert.equal(await page.isVisible('.search-panel'), false, 'Escape closes the results');
    } finally {
      await context.close();
    }
  });

  test('untranslated pages are marked in the results, in their own language', async () => {
    // The Arabic site translates only its home page: every lesson is shown in English.
    const { context, page } = await searchOn('http', 'ar/index.html', 'asylum');
    try {
      const found = await results(page);
      assert.ok(found.length >= 1, 'English words find untranslated pages in the Arabic site');
      assert.ok(found.every((r) => r.fallback), `every result is marked: ${JSON.stringify(found.map((r) => r.title))}`);
      const marked = await page.$$eval('.search-result', (items) => items.map((li) => {
        const a = li.querySelector('.search-result-title');
        const p = li.querySelector('.search-result-snippet');
        return [a.lang, a.dir, p ? p.lang : 'en', p ? p.dir : 'ltr', li.querySelector('.search-result-fallback').textContent];
      }));
      for (const m of marked) assert.deepEqual(m, ['en', 'ltr', 'en', 'ltr', 'لم تُترجم بعد']);
      // The course and module the page sits in are not translated either: their titles in the
      // place line carry English too, and the separators stay outside them.
      const places = await page.$$eval('.search-result-place', (spans) => spans.map((s) => ({
        text: s.textContent,
        marked: [...s.children].map((c) => [c.lang, c.dir, c.textContent]),
      })));
      assert.ok(places.length >= 1, 'results show where they sit');
      for (const p of places) {
        assert.ok(p.marked.length >= 1, `the untranslated titles of the place are marked: ${JSON.stringify(p)}`);
        for (const [l, d, text] of p.marked) {
          assert.deepEqual([l, d], ['en', 'ltr'], `place title ${text}`);
          assert.ok(!text.includes('›'), `one title per mark: ${text}`);
        }
      }
      // An English title starts at the left of its result, like its English snippet.
      const sides = await page.$$eval('.search-result', (items) => items.map((li) => {
        const a = li.querySelector('.search-result-title').getBoundingClientRect();
        const box = li.getBoundingClientRect();
        return [a.left - box.left, box.right - a.right];
      }));
      for (const [left, right] of sides) assert.ok(left < 2 && right >= 0, `title at the left: ${left}, ${right}`);
      const href = found[0].href;
      assert.match(new URL(href, page.url()).pathname, /\/ar\//, `the result stays in the Arabic site: ${href}`);
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

  test('axe finds nothing with the results open, at 1280 and 390 px, in English and Arabic', async () => {
    for (const [rel, width] of [['en/index.html', 1280], ['en/index.html', 390], ['ar/index.html', 1280], ['ar/index.html', 390]]) {
      const { context, page } = await searchOn('http', rel, rel.startsWith('ar') ? 'البلديات' : 'migration', { bypassCSP: true, viewport: { width, height: 844 } });
      try {
        const violations = await h.runAxe(page);
        assert.deepEqual(violations, [], `${rel} at ${width} px:\n${h.formatViolations(violations)}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${rel}: the page scrolls sideways by ${overflow}px at ${width} px`);
        const box = await page.$eval('.search-panel', (el) => { const r = el.getBoundingClientRect(); return [r.left, r.right]; });
        assert.ok(box[0] >= 0 && box[1] <= width, `${rel}: the results fit the screen at ${width} px: ${box}`);
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

// Chinese and Japanese are written without spaces: the index holds each ideograph and kana
// as a word, and the browser must cut a query the same way (its own dictionary would make
// "震災" one word, which no entry matches). Korean words carry their particles.
describe('search in Japanese, Chinese and Korean', { skip }, () => {
  let chrome, dir, server;
  const page = (title, body) => `---\ntitle: ${title}\n---\n${body}\n`;
  const FILES = {
    'site.yaml': 'title: 研修\nlanguages:\n  - code: ja\n  - code: zh-Hant-TW\n  - code: ko\nscorm: off\n',
    'content/ja/index.md': page('ようこそ', 'やさしい日本語を学びます。'),
    'content/ja/01-rekishi.md': page('歴史', '一九九五年の震災のとき、外国人住民に情報が届きませんでした。'),
    'content/ja/02-madoguchi.md': page('窓口', '窓口ではゆっくり話します。'),
    'content/zh-Hant-TW/index.md': page('歡迎', '本網站介紹簡明日語。'),
    'content/zh-Hant-TW/01-rekishi.md': page('歷史', '一九九五年發生了阪神大地震。'),
    'content/ko/index.md': page('환영합니다', '외국인 주민과 대화합니다.'),
  };

  before(async () => {
    dir = h.build(h.writeSite(FILES, 'search-cjk'), 'search-cjk-out');
    server = await h.serve(dir, '/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  for (const [rel, query, title, marks] of [
    ['ja/index.html', '震災', '歴史', ['震災']],
    ['ja/index.html', '窓口', '窓口', ['窓口']],
    ['zh-Hant-TW/index.html', '地震', '歷史', ['地震']],
    ['ko/index.html', '주민 외국인', '환영합니다', ['주민과', '외국인']],
  ]) {
    test(`${query} in running text (${rel.split('/')[0]})`, async () => {
      const context = await h.newContext(chrome.browser);
      try {
        const p = await context.newPage();
        const w = await h.watch(p);
        await p.goto(server.base + rel, { waitUntil: 'load' });
        await p.keyboard.press('/');
        await p.keyboard.type(query);
        await p.waitForFunction((q) => {
          const panel = document.querySelector('.search-panel');
          return !panel.hidden && panel.getAttribute('data-query') === q;
        }, query);
        const found = await p.$$eval('.search-result', (items) => items.map((li) => ({
          title: li.querySelector('.search-result-title').textContent,
          marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
        })));
        assert.equal(found.length, 1, `${query}: ${JSON.stringify(found)}`);
        assert.equal(found[0].title, title);
        for (const m of marks) assert.ok(found[0].marks.includes(m), `${m} is highlighted: ${JSON.stringify(found[0].marks)}`);
        h.assertLocalRequests(w, server.origin, query);
        await h.assertCleanConsole(p, w, query);
      } finally {
        await context.close();
      }
    });
  }
});
