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
