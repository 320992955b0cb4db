'use strict';
// Interface text that scripts write, on a site whose default language has no interface strings
// (Swedish, shown in English) and beside it German (its own strings), Arabic (right to left, its
// own) and Polish (none: the default language's, so English too). What the scripts write from
// a string the page's language lacks must say it is English (WCAG 3.1.2): search messages, the
// quiz's result and verdicts, progress, the journey's states, the copy status. German pages
// get no mark. axe on the pages after the scripts ran; screenshots (1280/390 px, print) go to
// target/screenshots/fallback-*.png.

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

const QUIZ = [
  'title: Modulens quiz',
  'pass_mark: 62.5',
  'questions:',
  '  - id: q1',
  '    type: single',
  '    prompt: Välj A',
  '    options:',
  '      - text: A',
  '        correct: true',
  '      - text: B',
  '  - id: q2',
  '    type: multiple',
  '    points: 2',
  '    prompt: Välj A och B',
  '    options:',
  '      - text: A',
  '        correct: true',
  '      - text: B',
  '        correct: true',
  '      - text: C',
  '',
].join('\n');

const FILES = {
  'site.yaml': 'title: Webbplats\nlanguages:\n  - sv\n  - de\n  - code: ar\n    direction: rtl\n  - code: pl\n    name: Polski\n'
    + '  - code: he\n    name: עברית\n    direction: rtl\n'
    + 'translations:\n  de: { title: Webseite }\n  ar: { title: موقع }\n  pl: { title: Strona }\n  he: { title: אתר }\n',
};
for (const [lang, home, course, mod, first, second] of [
  ['sv', 'Hem', 'Kurs', 'Modul ett', 'Första lektionen', 'Andra lektionen'],
  ['de', 'Start', 'Kurs', 'Modul eins', 'Erste Lektion', 'Zweite Lektion'],
  ['ar', 'البداية', 'الدورة', 'الوحدة الأولى', 'الدرس الأول', 'الدرس الثاني'],
  ['pl', 'Start', 'Kurs', 'Moduł pierwszy', 'Pierwsza lekcja', 'Druga lekcja'],
  ['he', 'בית', 'קורס', 'מודול ראשון', 'שיעור ראשון', 'שיעור שני'],
]) {
  FILES[`content/${lang}/index.md`] = `---\ntitle: ${home}\n---\n[${course}](01-kurs/index.md): text.\n`;
  FILES[`content/${lang}/01-kurs/index.md`] = `---\ntitle: ${course}\nkind: course\n---\nText.\n`;
  FILES[`content/${lang}/01-kurs/01-mod/index.md`] = `---\ntitle: ${mod}\nkind: module\n---\nText.\n`;
  FILES[`content/${lang}/01-kurs/01-mod/01-forsta.md`] = `---\ntitle: ${first}\n---\nText ett.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n`;
  FILES[`content/${lang}/01-kurs/01-mod/02-andra.md`] = `---\ntitle: ${second}\n---\nText två.\n\n![${second}](film.webm)\n\n`
    + '```video\nurl: https://www.youtube.com/watch?v=dQw4w9WgXcQ\ntitle: Intervju\nduration: 4 min\n```\n';
  FILES[`content/${lang}/01-kurs/01-mod/film.webm`] = '\x1a\x45\xdf\xa3 not really a video';
  FILES[`content/${lang}/01-kurs/01-mod/film.${lang}.vtt`] = 'WEBVTT\n\n00:00.000 --> 00:01.000\nHej\n';
  FILES[`content/${lang}/01-kurs/01-mod/film.transcript.md`] = 'Transkript.\n';
}
FILES['content/sv/01-kurs/01-mod/quiz.yaml'] = QUIZ;

/** [lang, dir, text] of each element matching `css` that holds text, with the language it is read in. */
function marks(page, css) {
  return page.locator(css).evaluateAll((els) => els.filter((e) => e.textContent.trim()).map((e) => {
    const own = e.closest('[lang]');
    return [own.lang, own.closest('[dir]').dir, e.textContent.trim()];
  }));
}

describe('interface text scripts write in another language is marked', { skip }, () => {
  let chrome, dir, server;

  before(async () => {
    dir = h.build(h.writeSite(FILES, 'fallback'), 'fallback-out');
    server = await h.serve(dir, '/fb/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  async function open(rel, viewport) {
    // bypassCSP: axe is injected as a script of the test's own.
    const context = await h.newContext(chrome.browser, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
    const page = await context.newPage();
    await page.goto(server.base + rel);
    return { context, page };
  }

  async function submitWrong(page) {
    const quiz = await h.readQuiz(page);
    await h.answerQuiz(page, quiz, (q) => q.id === 'q1');
    await page.click('button.quiz-submit');
    await page.waitForSelector('.quiz-result-summary');
  }

  test('the quiz: result, points, verdicts, best score and review are English on a Swedish page', async () => {
    const { context, page } = await open('sv/kurs/mod/quiz.html');
    try {
      await submitWrong(page);
      for (const css of ['.quiz-result-summary > span', '.quiz-result-points > span', '.quiz-review > p > span', '.quiz-best > span', '.q-result > span']) {
        const found = await marks(page, css);
        assert.ok(found.length > 0, `${css}: nothing written`);
        for (const [lang, dir, text] of found) assert.deepEqual([lang, dir], ['en', 'ltr'], `${css}: "${text}"`);
      }
      // Its numbers as English writes them: "62.5" inside the English sentence, not Swedish "62,5".
      assert.match(await page.locator('.quiz-result-summary').innerText(), /^Score: \d+% — not passed \(pass mark: 62\.5%\)$/);
      // The verdict and the points of the two-point question: each a span of its own.
      assert.deepEqual((await marks(page, '[data-qid=q2] .q-result > span')).map((m) => m[2]), ['Incorrect', '0 of 2 points']);
      await h.assertNoAxeViolations(page, 'sv quiz after submitting');
      await page.reload();
      assert.deepEqual((await marks(page, '.quiz-best > span'))[0].slice(0, 2), ['en', 'ltr'], 'the best score after a reload');
    } finally {
      await context.close();
    }
  });

  test('search: the count and "no match" are English, the elements they are written into keep Swedish', async () => {
    const { context, page } = await open('sv/kurs/mod/forsta.html');
    try {
      await page.fill('#search-input', 'text');
      await page.waitForSelector('.search-panel[data-query="text"]');
      const count = await marks(page, '.search-count > span');
      assert.equal(count.length, 1);
      assert.deepEqual(count[0].slice(0, 2), ['en', 'ltr']);
      assert.match(count[0][2], /^Results: \d+$/);
      assert.deepEqual((await marks(page, '.search-status > span'))[0].slice(0, 2), ['en', 'ltr']);
      assert.equal(await page.locator('.search-count').getAttribute('lang'), null, 'no mark on the element itself');
      // Each result's kind ("Lesson", "Module", …) is an English label too.
      const kinds = await marks(page, '.search-result-kind > span');
      assert.ok(kinds.length > 0 && kinds.length === (await page.locator('.search-result-kind').count()), 'every kind label marked');
      assert.ok(kinds.every((k) => k[0] === 'en' && k[1] === 'ltr'), JSON.stringify(kinds));
      assert.ok(kinds.some((k) => k[2] === 'Lesson'), JSON.stringify(kinds));
      await page.fill('#search-input', 'qqqzzz');
      await page.waitForSelector('.search-panel[data-query="qqqzzz"]');
      const none = await marks(page, '.search-count > span');
      assert.match(none[0][2], /^No pages match/);
      assert.deepEqual(none[0].slice(0, 2), ['en', 'ltr']);
    } finally {
      await context.close();
    }
  });

  test('search: German kind labels, the page\'s own, get no mark', async () => {
    const { context, page } = await open('de/kurs/mod/forsta.html');
    try {
      await page.fill('#search-input', 'text');
      await page.waitForSelector('.search-panel[data-query="text"]');
      assert.ok((await page.locator('.search-result-kind').count()) > 0);
      assert.equal(await page.locator('.search-result-kind > span').count(), 0);
      assert.ok((await page.locator('.search-result-kind').allInnerTexts()).includes('Lektion'));
    } finally {
      await context.close();
    }
  });

  test('progress: the sidebar\'s "(completed)", the course\'s share, "Continue" and the reset message', async () => {
    const { context, page } = await open('sv/kurs/mod/forsta.html');
    try {
      await page.goto(server.base + 'sv/kurs/mod/andra.html');
      const done = await marks(page, '.kyklos-done');
      assert.ok(done.length > 0, 'no lesson marked done');
      for (const [lang, , text] of done) assert.equal(lang, 'en', text);
      await page.goto(server.base + 'sv/kurs/index.html');
      const share = await marks(page, '.progress-summary > span');
      assert.ok(share.length > 0 && share.every(([lang]) => lang === 'en'), JSON.stringify(share));
      const start = await marks(page, 'a.start-course > span');
      assert.deepEqual(start.map((m) => m.slice(0, 2)), [['en', 'ltr']], JSON.stringify(start));
      assert.match(start[0][2], /Continue/);
      // Reset: the button's label comes back, still marked, and the status is English.
      await page.click('button.progress-reset');
      await page.click('.reset-yes');
      assert.deepEqual((await marks(page, 'a.start-course > span'))[0].slice(0, 2), ['en', 'ltr']);
      assert.match((await marks(page, 'a.start-course > span'))[0][2], /Start/);
      assert.deepEqual((await marks(page, '.reset-status > span'))[0].slice(0, 2), ['en', 'ltr']);
      await h.assertNoAxeViolations(page, 'sv course after reset');
    } finally {
      await context.close();
    }
  });

  test('My progress and the certificate: states, points, levels and badges English on Swedish and Polish pages', async () => {
    for (const lang of ['sv', 'pl']) {
      const { context, page } = await open(`${lang}/kurs/mod/forsta.html`);
      try {
        await page.goto(server.base + `${lang}/progress.html`);
        await page.waitForSelector('.journey-chip:not([hidden])');
        for (const css of ['.journey-total > span', '.journey-level > span', '.journey-next > span', '.j-lessons > span', '.j-state > span', '.journey-cert-state > span', '.jbadge-state > span', '.journey-chip-text > span']) {
          const found = await marks(page, css);
          assert.ok(found.length > 0, `${lang} ${css}: nothing written`);
          for (const [l, d, text] of found) assert.deepEqual([l, d], ['en', 'ltr'], `${lang} ${css}: "${text}"`);
        }
        await h.assertNoAxeViolations(page, `${lang} progress`);
        await page.goto(server.base + `${lang}/certificate.html`);
        await page.waitForSelector('.cert-status > span');
        for (const css of ['.cert-status > span', '.cert-needs:not([hidden]) .j-done > span']) {
          const found = await marks(page, css);
          assert.ok(found.length > 0, `${lang} ${css}: nothing written`);
          for (const [l, , text] of found) assert.equal(l, 'en', `${lang} ${css}: "${text}"`);
        }
        await h.assertNoAxeViolations(page, `${lang} certificate`);
      } finally {
        await context.close();
      }
    }
  });

  test('an earned badge\'s date is written in the language of its sentence', async () => {
    // "Earned on {date}" is English on a Swedish page: the date was Swedish ("6 december
    // 2026") inside the English sentence.
    const { context, page } = await open('sv/kurs/mod/quiz.html');
    try {
      await h.answerQuiz(page, await h.readQuiz(page), true);
      await page.click('button.quiz-submit');
      await page.waitForSelector('.quiz-result-summary');
      await page.goto(server.base + 'sv/progress.html');
      await page.waitForSelector('.journey-chip:not([hidden])');
      const earned = await page.locator('.jbadge.is-earned .jbadge-state').evaluateAll((els) => els.map((e) => {
        const marked = e.querySelector(':scope > span[lang]');
        return [marked ? marked.lang : '', e.textContent.trim()];
      }));
      assert.ok(earned.length > 0, 'no badge earned');
      for (const [l, text] of earned) {
        assert.equal(l, 'en', text);
        assert.match(text, /^Earned on [A-Z][a-z]+ \d{1,2}, \d{4}$/);
      }
    } finally {
      await context.close();
    }
  });

  test('German and Arabic have their own strings: nothing the scripts write is marked', async () => {
    for (const lang of ['de', 'ar']) {
      const { context, page } = await open(`${lang}/kurs/mod/forsta.html`);
      try {
        await page.goto(server.base + `${lang}/progress.html`);
        await page.waitForSelector('.journey-chip:not([hidden])');
        const spans = await page.locator('.journey-page span[lang], .journey [lang]:not(a):not(option)').count();
        assert.equal(spans, 0, `${lang}: marked spans on the progress page`);
        await h.assertNoAxeViolations(page, `${lang} progress`);
      } finally {
        await context.close();
      }
    }
  });

  test('a phone\'s table cards show the labels written out, marked; wider screens do not', async () => {
    for (const [w, shown] of [[390, true], [1280, false]]) {
      const { context, page } = await open('he/progress.html', { width: w, height: 844 });
      try {
        const labels = await page.locator('.journey-table td > .cell-label').evaluateAll((els) => els.map((e) => [e.lang, e.dir, getComputedStyle(e).display, e.textContent]));
        assert.ok(labels.length >= 5, JSON.stringify(labels));
        for (const [lang, dir, display, text] of labels) {
          assert.deepEqual([lang, dir], ['en', 'ltr'], text);
          assert.equal(display !== 'none', shown, `${w}px: ${text} ${display}`);
        }
        // journey-ui.js fills the cells and keeps their labels.
        await page.waitForSelector('.journey-chip:not([hidden])');
        assert.equal(await page.locator('.journey-table td.j-state > .cell-label').count(), 1);
        assert.deepEqual((await marks(page, '.journey-table td.j-state > span:not(.cell-label)'))[0].slice(0, 2), ['en', 'ltr']);
      } finally {
        await context.close();
      }
    }
  });

  test('the certificate page printed before it is earned is headed as the progress towards it', async () => {
    const { context, page } = await open('sv/certificate.html');
    try {
      await page.waitForSelector('.cert-status > span');
      assert.equal(await page.locator('.cert-progress-heading').isVisible(), false, 'not on screen');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.cert-progress-heading').isVisible(), true);
      assert.equal(await page.locator('.page-head h1').isVisible(), false);
      assert.equal((await page.locator('.cert-progress-heading').innerText()).trim(), 'Progress towards the certificate');
    } finally {
      await context.close();
    }
  });

  test('axe on a Hebrew lesson with a player and a video card, its labels English', async () => {
    const { context, page } = await open('he/kurs/mod/andra.html');
    try {
      assert.deepEqual((await marks(page, '.external-play > span:not([aria-hidden])'))[0].slice(0, 2), ['en', 'ltr']);
      await h.assertNoAxeViolations(page, 'he lesson with media');
    } finally {
      await context.close();
    }
  });

  test('screenshots: Swedish and Hebrew (right to left) pages with English marks, at 1280 and 390 px and printed', async () => {
    const shots = [];
    const pages = ['sv/kurs/mod/quiz.html', 'he/kurs/mod/quiz.html', 'sv/progress.html', 'he/progress.html', 'ar/progress.html', 'sv/certificate.html', 'he/certificate.html', 'sv/kurs/mod/andra.html', 'he/kurs/mod/andra.html', 'he/downloads.html'];
    for (const [w, hgt] of [[1280, 900], [390, 844]]) {
      for (const rel of pages) {
        const { context, page } = await open(rel, { width: w, height: hgt });
        try {
          if (rel.endsWith('quiz.html')) await submitWrong(page);
          else if (/progress|certificate/.test(rel)) await page.waitForSelector('.journey-chip:not([hidden]), .cert-status > span');
          const name = `fallback-${rel.replace(/\W+/g, '-')}-${w}`;
          const file = path.join(h.SCREENSHOT_DIR, name + '.png');
          await page.screenshot({ path: file, fullPage: true, timeout: 30000 });
          shots.push(file);
          if (w === 1280) {
            await page.emulateMedia({ media: 'print' });
            await page.screenshot({ path: file.replace('.png', '-print.png'), fullPage: true, timeout: 30000 });
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 1, `${rel} at ${w}px overflows by ${overflow}px`);
        } finally {
          await context.close();
        }
      }
    }
    assert.equal(shots.length, 2 * pages.length);
  });
});
