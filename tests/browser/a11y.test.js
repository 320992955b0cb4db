'use strict';
// axe-core, WCAG 2.0/2.1 A and AA: zero violations on every page kind of the sample site (in
// its default language, plus a right-to-left language when the site has one), including a
// quiz with every question type before and after submitting (with feedback visible).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

// the page kinds every kyklos site with a course has; other kinds found in the build are
// checked too
const REQUIRED = [
  ['home', 'home'],
  ['course overview', 'course'],
  ['module overview', 'module'],
  ['lesson', 'lesson'],
  ['about page', 'page', 'about'],
];

describe('axe-core: WCAG 2.1 A+AA', { skip }, () => {
  let chrome, dir, server, kinds, lang;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    server = await h.serve(dir, '/a11y/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  // axe needs its script in the page, and the pages allow only script-src 'self'
  async function withPage(fn, options) {
    const context = await h.newContext(chrome.browser, {
      bypassCSP: true, viewport: { width: 1280, height: 900 }, ...(options || {}),
    });
    try {
      return await fn(await context.newPage());
    } finally {
      await context.close();
    }
  }

  async function checkPage(rel) {
    await withPage(async (page) => {
      const res = await page.goto(server.base + rel);
      assert.equal(res.status(), 200, rel);
      await h.assertNoAxeViolations(page, rel);
    });
  }

  async function checkQuiz(rel) {
    await withPage(async (page) => {
      await page.goto(server.base + rel);
      await h.assertNoAxeViolations(page, `${rel} before submitting`);
      const quiz = await h.readQuiz(page);
      // half right, half wrong: both feedback styles (correct / incorrect) are on screen
      await h.answerQuiz(page, quiz, (q) => quiz.questions.indexOf(q) % 2 === 0);
      await page.click('button.quiz-submit');
      await page.locator('.quiz-result[role="status"]').filter({ hasText: /\S/ }).waitFor({ timeout: 5000 });
      assert.ok(await page.locator('.feedback:visible').count() > 0, `${rel}: no feedback visible after submitting`);
      await h.assertNoAxeViolations(page, `${rel} after submitting`);
    });
  }

  test('the harness finds a real violation (an image without alt text)', async () => {
    await withPage(async (page) => {
      await page.goto(server.base + h.pageOfKind(kinds, 'home', lang));
      await page.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').appendChild(img);
      });
      const ids = (await h.runAxe(page)).map((v) => v.id);
      assert.ok(ids.includes('image-alt'), `expected image-alt among ${JSON.stringify(ids)}`);
    });
  });

  test('root index.html (language chooser)', async () => {
    const rel = h.pageOfKind(kinds, 'languages');
    assert.equal(rel, 'index.html');
    // A visitor whose browser language the site does not offer stays on the chooser; a
    // meta refresh (used by one-language sites) is stripped so that axe sees the page itself.
    await withPage(async (page) => {
      await page.route(server.base + rel, async (route) => {
        const res = await route.fetch();
        const body = (await res.text()).replace(/<meta http-equiv="refresh"[^>]*>/i, '');
        await route.fulfill({ response: res, body });
      });
      await page.goto(server.base + rel);
      await page.waitForTimeout(200);
      assert.equal(page.url(), server.base + rel, 'the root page stayed put for axe');
      await h.assertNoAxeViolations(page, rel);
    }, { locale: 'ja-JP' });
  });

  for (const [label, kind, prefer] of REQUIRED) {
    test(label, async () => checkPage(h.pageOfKind(kinds, kind, lang, prefer)));
  }

  test('every other page kind of the default language', async (t) => {
    const known = new Set(['languages', 'quiz', ...REQUIRED.map((r) => r[1])]);
    const others = Object.keys(kinds).filter((k) => !known.has(k)).sort();
    for (const kind of others) {
      const rel = h.pageOfKind(kinds, kind, lang);
      await t.test(`${kind}: ${rel}`, async () => checkPage(rel));
    }
  });

  test('quiz (the one with the most question types), before and after submitting', async () => {
    await checkQuiz(h.richestQuiz(dir, kinds, lang));
  });

  test('a right-to-left language: home, lesson and quiz', async (t) => {
    const rtl = fs.readdirSync(dir).find((d) => {
      const home = path.join(dir, d, 'index.html');
      return fs.existsSync(home) && /<html[^>]*\bdir="rtl"/.test(fs.readFileSync(home, 'utf8'));
    });
    if (!rtl) {
      t.diagnostic('the sample site has no right-to-left language');
      return;
    }
    await t.test(`${rtl} home`, async () => checkPage(h.pageOfKind(kinds, 'home', rtl)));
    await t.test(`${rtl} lesson`, async () => checkPage(h.pageOfKind(kinds, 'lesson', rtl)));
    await t.test(`${rtl} quiz`, async () => checkQuiz(h.pageOfKind(kinds, 'quiz', rtl)));
  });
});
