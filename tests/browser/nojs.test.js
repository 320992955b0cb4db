'use strict';
// Without JavaScript every page reads, and nothing that needs a script is on screen: no button
// (a page's forms cannot send anything: the CSP says form-action 'none', so a quiz's "Check my
// answers" did nothing), no file picker, no empty room kept for a script's numbers. A quiz says
// in the page, not in a <noscript>, that scoring it needs JavaScript; with scripts on, or with
// its scoring script failing to load, it shows what it can do.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

/** What a page shows that it should not without a script (run in the page). */
function leftovers() {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const name = (el) => `<${el.localName}${el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''}> ${(el.textContent || '').trim().slice(0, 40)}`;
  return {
    controls: Array.from(document.querySelectorAll('button, input[type="file"]')).filter(shown).map(name),
    // an element the page hides until its script fills it in, still taking room
    room: Array.from(document.querySelectorAll('[hidden]')).filter((el) => {
      const r = el.getBoundingClientRect();
      return el.getClientRects().length > 0 && r.width * r.height > 0;
    }).map(name),
  };
}

describe('without JavaScript', { skip }, () => {
  let chrome, dir, kinds, lang, server;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    server = await h.serve(dir, '/nojs/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  test('no control that needs a script is shown, and no room is kept for one, on every page kind at 1280 and 390 px', async (t) => {
    const list = [];
    for (const [kind, pages] of Object.entries(kinds)) {
      const own = pages.filter((rel) => rel.startsWith(lang + '/'));
      // a course's print page is its own kind of page; keep one of each, and a module's quiz
      const pick = own.find((rel) => rel.split('/').length > 3) || own[0] || pages[0];
      if (pick && !list.includes(pick)) list.push(pick);
    }
    for (const rel of h.htmlFiles(dir).filter((r) => r.startsWith(lang + '/') && /(^|\/)print\.html$/.test(r))) {
      if (!list.includes(rel)) list.push(rel);
    }
    assert.ok(list.length >= 10, `page kinds checked: ${list.join(', ')}`);
    for (const vp of VIEWPORTS) {
      const context = await h.newContext(chrome.browser, { viewport: vp, javaScriptEnabled: false });
      const page = await context.newPage();
      try {
        for (const rel of list.sort()) {
          await t.test(`${rel} at ${vp.width}px`, async () => {
            await page.goto(h.fileUrl(dir, rel));
            assert.equal(await page.evaluate(() => document.documentElement.classList.contains('js')), false, 'no script ran');
            const found = await page.evaluate(leftovers);
            assert.deepEqual(found.controls, [], `${rel}: controls that do nothing without JavaScript`);
            assert.deepEqual(found.room, [], `${rel}: room kept for a script that does not run`);
          });
        }
      } finally {
        await context.close();
      }
    }
  });

  test('a quiz says in the page that scoring needs JavaScript; with it the note goes and the submit button comes', async () => {
    const rel = h.richestQuiz(dir, kinds, lang);
    const readQuizPage = (page) => page.evaluate(() => {
      const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const note = document.querySelector('form.quiz .quiz-noscript');
      return {
        note: shown(note),
        noteText: note ? note.textContent.trim() : '',
        inNoscript: !!(note && note.closest('noscript')) || document.querySelectorAll('form.quiz noscript').length > 0,
        submit: shown(document.querySelector('form.quiz .quiz-submit')),
        questions: document.querySelectorAll('form.quiz .quiz-questions > li').length,
        inputs: Array.from(document.querySelectorAll('form.quiz input, form.quiz select')).filter(shown).length,
      };
    });

    const off = await h.newContext(chrome.browser, { viewport: VIEWPORTS[1], javaScriptEnabled: false });
    try {
      const page = await off.newPage();
      await page.goto(server.base + rel);
      const seen = await readQuizPage(page);
      assert.ok(seen.note && seen.noteText.length > 20, `the note is shown: "${seen.noteText}"`);
      assert.equal(seen.inNoscript, false, 'the note is page text, not a <noscript>');
      assert.equal(seen.submit, false, 'no submit button that would do nothing');
      assert.ok(seen.questions > 0 && seen.inputs > 0, 'the questions can still be read and answered on screen');
    } finally {
      await off.close();
    }

    const on = await h.newContext(chrome.browser, { viewport: VIEWPORTS[1] });
    try {
      const page = await on.newPage();
      const w = await h.watch(page);
      await page.goto(server.base + rel);
      await page.locator('form.quiz .quiz-submit').waitFor({ state: 'visible' });
      const seen = await readQuizPage(page);
      assert.deepEqual([seen.note, seen.submit], [false, true], 'with JavaScript: no note, a submit button');
      await h.assertCleanConsole(page, w, `${rel} with JavaScript`);
    } finally {
      await on.close();
    }

    // Scripts on, but the scoring script does not arrive (blocked, or a broken copy): the note
    // comes back and the button stays away.
    const broken = await h.newContext(chrome.browser, { viewport: VIEWPORTS[1], bypassCSP: true });
    try {
      const page = await broken.newPage();
      await page.route('**/quiz-score.js', (route) => route.abort());
      await page.goto(server.base + rel);
      await page.waitForFunction(() => document.querySelector('form.quiz.quiz-unscored'));
      const seen = await readQuizPage(page);
      assert.deepEqual([seen.note, seen.submit], [true, false], 'unscorable: the note, no button');
      // axe needs a script, so the note is checked here, where it shows with scripts on
      await h.assertNoAxeViolations(page, `${rel} that cannot be scored`);
    } finally {
      await broken.close();
    }
  });
});
