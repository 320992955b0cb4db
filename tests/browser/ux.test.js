'use strict';
// The design pass of issue 10, in a real browser: fallback passages in a right-to-left page,
// the phone menu and tables, good-practice filters, the Downloads page, quiz feedback and
// course reset. Each page here is also checked with axe.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

describe('design pass', { skip }, () => {
  let chrome, dir;

  before(async () => {
    dir = h.buildSample();
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  async function open(rel, options) {
    const context = await h.newContext(chrome.browser, { bypassCSP: true, ...(options || {}) });
    const page = await context.newPage();
    await page.goto(h.fileUrl(dir, rel) + ((options && options.hash) || ''));
    return { context, page };
  }

  test('English fallback text in an Arabic page runs left-to-right, isolated', async () => {
    const { context, page } = await open('ar/course/multiculturalism-and-migration/quiz.html');
    try {
      const dirs = await page.evaluate(() => {
        const d = (sel) => { const el = document.querySelector(sel); return el && [el.lang, getComputedStyle(el).direction]; };
        return { html: d('html'), h1: d('h1'), question: d('.quiz-question'), number: d('.q-number'), nav: d('.course-nav-list a') };
      });
      assert.deepEqual(dirs.html, ['ar', 'rtl']);
      assert.deepEqual(dirs.h1, ['en', 'ltr'], 'the English title runs left-to-right');
      assert.deepEqual(dirs.question, ['en', 'ltr'], 'the English quiz is laid out left-to-right');
      assert.deepEqual(dirs.number, ['ar', 'rtl'], 'interface words inside keep the page language');
      assert.deepEqual(dirs.nav, ['en', 'ltr'], 'fallback menu items are marked English');
      // The full stop of an English sentence ends up at its right end, not at its left.
      const lesson = await context.newPage();
      await lesson.goto(h.fileUrl(dir, 'ar/course/multiculturalism-and-migration/why-these-concepts-matter.html'));
      const p = await lesson.evaluate(() => {
        const el = document.querySelector('.prose p');
        const box = el.getBoundingClientRect();
        const range = document.createRange();
        range.setStart(el.firstChild, 0);
        range.setEnd(el.firstChild, 1);
        return { first: range.getBoundingClientRect().left - box.left, dir: getComputedStyle(el).direction };
      });
      assert.equal(p.dir, 'ltr');
      assert.ok(p.first < 2, `the first letter starts the line on the left (${p.first}px in)`);
      await h.assertNoAxeViolations(page, 'ar quiz');
    } finally {
      await context.close();
    }
  });
});

describe('phones, progress and reset', { skip }, () => {
  let chrome, dir;
  before(async () => {
    dir = h.buildSample();
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  test('phones: menu and language switcher are disclosures; at 1280 px the menu is one row', async () => {
    for (const lang of ['en', 'el', 'ar']) {
      const context = await h.newContext(chrome.browser, { bypassCSP: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(h.fileUrl(dir, `${lang}/course/index.html`));
      const wide = await page.evaluate(() => {
        const ul = document.querySelector('.top-nav ul');
        const tops = Array.from(ul.querySelectorAll('li')).filter((li) => li.offsetParent).map((li) => li.getBoundingClientRect().top);
        const langTops = Array.from(document.querySelectorAll('.lang-switch li')).map((li) => Math.round(li.getBoundingClientRect().top));
        return { rows: new Set(tops).size, langRows: new Set(langTops).size, scroll: ul.scrollWidth - ul.clientWidth, summary: getComputedStyle(document.querySelector('.top-nav summary')).display };
      });
      assert.equal(wide.rows, 1, `${lang}: the top menu is one row at 1280 px`);
      assert.equal(wide.langRows, 1, `${lang}: the five languages sit on one line beside the search box at 1280 px`);
      assert.equal(wide.scroll, 0, `${lang}: nothing of the menu is scrolled away`);
      assert.equal(wide.summary, 'none', `${lang}: no disclosure on wide screens`);
      await context.close();
    }
    const context = await h.newContext(chrome.browser, { bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(h.fileUrl(dir, 'el/course/multiculturalism-and-migration/terminology-of-migration.html'));
    const menu = page.locator('.top-nav summary');
    assert.ok(await menu.isVisible(), 'a Menu disclosure on phones');
    assert.match(await menu.innerText(), /Πολυπολιτισμική/, 'it names the current section');
    assert.equal(await page.locator('.top-nav ul a').first().isVisible(), false, 'closed at first');
    await menu.click();
    assert.ok(await page.locator('.top-nav ul a').first().isVisible(), 'opens without JavaScript');
    const lang = page.locator('.lang-switch summary');
    assert.match(await lang.innerText(), /Ελληνικά/);
    await lang.click();
    const links = await page.locator('.lang-switch ul a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().left));
    assert.equal(new Set(links.map(Math.round)).size, 1, 'the languages are one list, none left alone on a row');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 390, `no sideways scrolling (${overflow})`);
    const q = await page.evaluate(() => {
      const span = Array.from(document.querySelectorAll('.nobr')).find((s) => s.textContent.includes('Q-SER'));
      return span ? span.getClientRects().length : -1;
    });
    assert.equal(q, 1, 'Q-SER is kept whole on one line');
    await context.close();
  });

  test('reset clears one course only, after a confirmation, and says so; reference pages have no progress bar', async () => {
    const context = await h.newContext(chrome.browser, { bypassCSP: true });
    const page = await context.newPage();
    const lesson = 'en/course/multiculturalism-and-migration/why-these-concepts-matter.html';
    await page.goto(h.fileUrl(dir, lesson));
    await page.goto(h.fileUrl(dir, 'en/guides/impact-circular-model/index.html'));
    assert.equal(await page.locator('.progress-summary, .progress-reset').count(), 0, 'a guide has no course progress');
    await page.goto(h.fileUrl(dir, 'en/good-practices/index.html'));
    assert.equal(await page.locator('.progress-summary, .progress-reset').count(), 0, 'good practices have no course progress');
    await page.goto(h.fileUrl(dir, 'en/course/index.html'));
    const start = page.locator('a.start-course');
    assert.match(await start.innerText(), /Continue/, 'a visited lesson turns Start into Continue');
    assert.match(await start.getAttribute('href'), /history-and-stages/, 'continue leads to the first lesson not done');
    // Something outside the course is kept.
    await page.evaluate(() => window.KyklosProgress.markVisited('en/guides/impact-circular-model/index.html'));
    await page.click('button.progress-reset');
    assert.ok(await page.locator('.reset-confirm').isVisible(), 'asks first');
    await page.click('.reset-cancel');
    assert.equal(await page.evaluate((k) => window.KyklosProgress.isDone(k), lesson), true, 'cancel keeps everything');
    await page.click('button.progress-reset');
    await page.click('.reset-yes');
    assert.match(await page.locator('.reset-status').innerText(), /has been reset/);
    assert.equal(await page.evaluate((k) => window.KyklosProgress.isDone(k), lesson), false);
    assert.equal(await page.evaluate(() => window.KyklosProgress.isDone('en/guides/impact-circular-model/index.html')), true, 'other material is untouched');
    assert.match(await start.innerText(), /^Start$/);
    await h.assertNoAxeViolations(page, 'course page after reset');
    await context.close();
  });
});

describe('good-practice filters', { skip }, () => {
  let chrome, dir;
  before(async () => {
    dir = h.buildSample();
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  test('OR within a group, AND across groups; results under the filters; counts and URL follow', async () => {
    const context = await h.newContext(chrome.browser, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(h.fileUrl(dir, 'en/good-practices/index.html'));
    const visible = () => page.locator('.results li.card-practice').evaluateAll((lis) => lis.filter((li) => !li.hidden).length);
    const total = await visible();
    const tag = (t) => page.locator(`nav.tag-filters a.tag[data-tag="${t}"]`);
    const count = async (t) => Number((await tag(t).locator('.tag-count').innerText()).replace(/\D/g, ''));
    const greece = await count('country:greece');
    const spain = await count('country:spain');
    await tag('country:greece').click();
    assert.equal(await visible(), greece);
    await tag('country:spain').click();
    const both = await visible();
    assert.ok(both > greece && both <= greece + spain, `Greece or Spain widens the list (${greece} → ${both})`);
    const staffBefore = await count('target-group:municipal-staff');
    await tag('target-group:municipal-staff').click();
    const narrowed = await visible();
    assert.ok(narrowed <= both && narrowed === staffBefore, `a second group narrows to what its count said (${narrowed}, ${staffBefore})`);
    assert.match(page.url(), /#tags=.*country:greece.*country:spain.*target-group:municipal-staff/, 'the selection is in the fragment');
    assert.ok(await page.locator('.filter-status').innerText().then((t) => t.includes(String(narrowed))), 'the status says how many');
    // The results come right after the filters, before the collection's own text.
    const order = await page.evaluate(() => {
      const nav = document.querySelector('nav.tag-filters');
      const results = document.querySelector('.results');
      const prose = document.querySelector('.prose');
      return [nav.compareDocumentPosition(results) & Node.DOCUMENT_POSITION_FOLLOWING, results.compareDocumentPosition(prose) & Node.DOCUMENT_POSITION_FOLLOWING];
    });
    assert.ok(order[0] && order[1], 'filters, then results, then text');
    // A shared link (over file://) opens filtered.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    assert.equal(await other.locator('.results li.card-practice').evaluateAll((lis) => lis.filter((li) => !li.hidden).length), narrowed);
    await h.assertNoAxeViolations(page, 'filtered practices');
    assert.ok(total > narrowed);
    await context.close();
  });
});

describe('quiz feedback', { skip }, () => {
  let chrome, dir;
  before(async () => {
    dir = h.buildSample();
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  test('calm marks, whole matching choices, pairs as a list, and links to the questions to look at again', async () => {
    const context = await h.newContext(chrome.browser, { bypassCSP: true, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(h.fileUrl(dir, 'en/course/multiculturalism-and-migration/quiz.html'));
    // The first question starts right under the introduction (no empty block in between).
    const gap = await page.evaluate(() => document.querySelector('.quiz-questions').getBoundingClientRect().top - document.querySelector('.quiz-intro').getBoundingClientRect().bottom);
    assert.ok(gap < 60, `question 1 follows the introduction (${gap}px)`);
    // Matching choices are as wide as the line, so a long choice is not cut off.
    const selects = await page.locator('.q-match select').evaluateAll((ss) => ss.map((s) => [s.getBoundingClientRect().width, s.closest('.q-match').getBoundingClientRect().width]));
    assert.ok(selects.length > 0);
    for (const [w, row] of selects) assert.ok(w >= row - 40, `a matching choice takes the whole row (${w} of ${row})`);
    // Answer the first option of every single-choice question, nothing else, and check.
    await page.locator('.quiz-question[data-type="single"]').evaluateAll((qs) => qs.forEach((q) => { q.querySelector('input').checked = true; }));
    await page.click('button.quiz-submit');
    const wrong = await page.locator('.quiz-question:not(.is-correct)').count();
    assert.ok(wrong > 0);
    const links = await page.locator('.quiz-result .quiz-review a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, wrong, 'every question not fully right is linked from the result');
    const target = await page.locator(links[0]).count();
    assert.equal(target, 1, 'the link leads to its question');
    const styles = await page.evaluate(() => Array.from(document.querySelectorAll('.quiz-question.is-incorrect, .q-option.is-incorrect, .quiz-result'))
      .map((el) => getComputedStyle(el).borderInlineStartStyle));
    assert.ok(styles.length > 0 && styles.every((s) => s !== 'dashed'), `no dashed "debugging" borders (${[...new Set(styles)]})`);
    const pairs = await page.locator('.quiz-question[data-type="matching"] .q-answer li').count();
    assert.ok(pairs >= 2, 'the correct matching pairs are a list');
    await h.assertNoAxeViolations(page, 'scored quiz');
    await context.close();
  });
});

describe('downloads page', { skip }, () => {
  let chrome, dir;
  before(async () => {
    dir = h.buildSample();
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  test('cards on phones, whole checksums, language in zip names, recommended and partial packages, a page for every language', async () => {
    for (const width of [1280, 390]) {
      const context = await h.newContext(chrome.browser, { bypassCSP: true, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(h.fileUrl(dir, 'en/downloads.html'));
      const info = await page.evaluate((w) => {
        const rows = Array.from(document.querySelectorAll('table.downloads tbody tr'));
        const hashes = Array.from(document.querySelectorAll('code.hash')).map((c) => c.getBoundingClientRect().right);
        return {
          rows: rows.length,
          display: getComputedStyle(rows[0]).display,
          hashRight: Math.max(...hashes),
          wrapRight: document.querySelector('.table-wrap').getBoundingClientRect().right,
          scroll: document.documentElement.scrollWidth,
          zips: Array.from(document.querySelectorAll('table.downloads a[href*="scorm"]')).map((a) => a.getAttribute('href')),
          recommended: document.querySelectorAll('tr.is-recommended .badge-recommended').length,
        };
      }, width);
      assert.ok(info.rows > 0);
      assert.equal(info.display, width < 600 ? 'block' : 'table-row', `rows are ${width < 600 ? 'cards' : 'table rows'} at ${width}`);
      assert.ok(info.hashRight <= info.wrapRight + 1, `the checksum is not cut off at ${width} (${info.hashRight} > ${info.wrapRight})`);
      assert.ok(info.scroll <= width, `no sideways scrolling at ${width}`);
      assert.ok(info.zips.every((z) => /-en-scorm(12|2004)\.zip$/.test(z)), `zip names carry the language: ${info.zips}`);
      assert.ok(info.zips.filter((z) => !z.includes('complete')).every((z) => !/\/course-/.test(z)), 'module zips are not named course-…');
      assert.ok(info.recommended > 0 && info.recommended === info.zips.length / 2, 'each SCORM 1.2 package is recommended for Moodle');
      await h.assertNoAxeViolations(page, `downloads at ${width}`);
      await context.close();
    }
    const context = await h.newContext(chrome.browser, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(h.fileUrl(dir, 'de/downloads.html'));
    assert.match(await page.locator('table.downloads').first().innerText(), /1 von 3/, 'the partial German course says so');
    await page.goto(h.fileUrl(dir, 'ar/downloads.html'));
    assert.match(await page.locator('main .notice').innerText(), /لا توجد حزم/, 'a language without packages says why');
    const langs = await page.locator('.lang-switch ul a').count();
    assert.equal(langs, 5, 'the switcher keeps every language');
    await context.close();
  });

  // A checksum is left-to-right text. In a right-to-left card it used to start on its label's
  // line, at the far end of it, and go on at the start of the next: its pieces read out of order.
  test('right-to-left: each checksum reads from its start, on lines of its own below its label, at 390 and 1280 px', async () => {
    const root = h.writeSite({
      'site.yaml': 'title: دورة\nlanguages:\n  - code: ar\n    name: العربية\nlicense: CC-BY-4.0\n',
      'content/ar/index.md': '---\ntitle: مرحبا\n---\nنص.\n',
      'content/ar/01-course/index.md': '---\ntitle: الدورة\nkind: course\n---\nنص.\n',
      'content/ar/01-course/01-module/index.md': '---\ntitle: الوحدة\nkind: module\n---\nنص.\n',
      'content/ar/01-course/01-module/01-lesson.md': '---\ntitle: الدرس\n---\nنص الدرس.\n',
    }, 'downloads-rtl');
    const out = h.build(root, 'downloads-rtl-out');
    for (const width of [390, 1280]) {
      const context = await h.newContext(chrome.browser, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(h.fileUrl(out, 'ar/downloads.html'));
      const cells = await page.evaluate(() => Array.from(document.querySelectorAll('table.downloads code.hash')).map((code) => {
        const text = code.firstChild;
        const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
        const chars = Array.from({ length: text.length }, (_, i) => at(i));
        const cell = code.closest('td').getBoundingClientRect();
        const pad = parseFloat(getComputedStyle(code.closest('td')).paddingTop);
        // reading order: each character after the one before, on the same line further right
        // or on a later line
        const inOrder = chars.every((c, i) => i === 0 || c.top > chars[i - 1].top + 1 || (Math.abs(c.top - chars[i - 1].top) <= 1 && c.left >= chars[i - 1].left - 0.5));
        return { hash: text.data, inOrder, firstTop: chars[0].top - cell.top - pad, height: chars[0].height, card: getComputedStyle(code.closest('tr')).display === 'block' };
      }));
      assert.ok(cells.length >= 2, `ar/downloads.html at ${width} lists its packages (${cells.length})`);
      for (const c of cells) {
        assert.match(c.hash, /^[0-9a-f]{64}$/);
        assert.ok(c.inOrder, `at ${width} px the checksum ${c.hash} is laid out out of order`);
        if (c.card) assert.ok(c.firstTop >= c.height * 0.75, `at ${width} px the checksum ${c.hash} starts on its label's line (${c.firstTop} px below the top)`);
      }
      await context.close();
    }
  });
});
