'use strict';
// axe-core, WCAG 2.0/2.1 A and AA: zero violations on every page kind of the sample site,
// including a quiz before and after submitting (feedback visible).

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

describe('axe-core: WCAG 2.1 A+AA', { skip }, () => {
  let chrome, dir, server, kinds;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    server = await h.serve(dir, '/a11y/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  // axe needs its script in the page, and the pages allow only script-src 'self'
  async function newPage() {
    const context = await chrome.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return { context, page };
  }

  function pageOfKind(kind, prefer) {
    const list = kinds[kind] || [];
    assert.ok(list.length > 0, `the sample build has no page of kind "${kind}" (kinds: ${Object.keys(kinds)})`);
    return (prefer && list.find((p) => p.includes(prefer))) || list[0];
  }

  test('the harness finds a real violation (an image without alt text)', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(server.base + pageOfKind('home'));
      await page.evaluate(() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').appendChild(img);
      });
      const ids = (await h.runAxe(page)).map((v) => v.id);
      assert.ok(ids.includes('image-alt'), `expected image-alt among ${JSON.stringify(ids)}`);
    } finally {
      await context.close();
    }
  });

  test('root index.html (language chooser)', async () => {
    const rel = pageOfKind('languages');
    assert.equal(rel, 'index.html');
    const { context, page } = await newPage();
    try {
      // The root page forwards with <meta http-equiv="refresh" content="0; …"> (tested in
      // navigation.test.js); strip that tag here so axe sees the chooser itself.
      await page.route(server.base + rel, async (route) => {
        const res = await route.fetch();
        const body = (await res.text()).replace(/<meta http-equiv="refresh"[^>]*>/i, '');
        await route.fulfill({ response: res, body });
      });
      await page.goto(server.base + rel);
      assert.equal(page.url(), server.base + rel, 'the root page stayed put for axe');
      await h.assertNoAxeViolations(page, rel);
    } finally {
      await context.close();
    }
  });

  const cases = [
    ['home', 'home'],
    ['course overview', 'course'],
    ['module overview', 'module'],
    ['lesson', 'lesson'],
    ['about page', 'page', 'about'],
  ];
  for (const [label, kind, prefer] of cases) {
    test(label, async () => {
      const rel = pageOfKind(kind, prefer);
      const { context, page } = await newPage();
      try {
        const res = await page.goto(server.base + rel);
        assert.equal(res.status(), 200, rel);
        await h.assertNoAxeViolations(page, rel);
      } finally {
        await context.close();
      }
    });
  }

  test('every quiz, before and after submitting (feedback visible)', async (t) => {
    for (const rel of kinds.quiz || []) {
      await t.test(rel, async () => {
        const { context, page } = await newPage();
        try {
          await page.goto(server.base + rel);
          await h.assertNoAxeViolations(page, `${rel} before submitting`);
          const quiz = await h.readQuiz(page);
          // half right, half wrong: both feedback styles (correct / incorrect) are on screen
          await h.answerQuiz(page, quiz, (q) => quiz.questions.indexOf(q) % 2 === 0);
          await page.click('button.quiz-submit');
          await page.locator('.quiz-result[role="status"]').filter({ hasText: /\d+\s*%/ }).waitFor();
          const feedback = await page.locator('.feedback:visible').count();
          assert.ok(feedback > 0, `${rel}: no feedback visible after submitting`);
          await h.assertNoAxeViolations(page, `${rel} after submitting`);
        } finally {
          await context.close();
        }
      });
    }
    assert.ok((kinds.quiz || []).length > 0, 'the sample build has quiz pages');
  });
});
