'use strict';
// The learner's journey in a real browser (journey.js, journey-ui.js, kyklos.js, quiz.js):
// points and badges earned by reading and passing a quiz, kept over reloads; the progress
// page (chart with its text equivalent, badges, export → clear → import, reset that asks);
// the certificate printed on one page (A4 and Letter, also in Arabic); axe, keyboard,
// file:// and http under a sub-path, and the page without JavaScript.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();
const MODULE = 'course/multiculturalism-and-migration/';

describe('learner journey', { skip }, () => {
  let chrome, dir, server;

  before(async () => {
    dir = h.buildSample();
    server = await h.serve(dir, '/journey/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  const urlOf = (mode, rel) => (mode === 'http' ? server.base + rel : h.fileUrl(dir, rel));

  async function fresh(options) {
    const context = await h.newContext(chrome.browser, options);
    // printing, axe and full pages are slow on a busy machine
    context.setDefaultTimeout(20000);
    context.setDefaultNavigationTimeout(30000);
    const page = await context.newPage();
    const w = await h.watch(page);
    return { context, page, w };
  }

  async function chip(page) {
    await page.locator('.journey-chip:not([hidden])').waitFor();
    return (await page.locator('.journey-chip-text').innerText()).trim();
  }

  async function announced(page, pattern) {
    const region = page.locator('p.journey-announce[role="status"][aria-live="polite"]');
    await region.filter({ hasText: pattern }).waitFor({ timeout: 4000 });
    return (await region.innerText()).trim();
  }

  /** Marks the whole first course of `lang` done in storage (as if every quiz was passed). */
  async function completeCourse(page, lang, name) {
    await page.goto(urlOf('file', `${lang}/progress.html`));
    await page.evaluate(() => {
      const J = self.kyklosJourney;
      const store = window.KyklosProgress;
      J.courses[0].modules.forEach((m, i) => {
        m.lessons.forEach((k) => store.markVisited(k, true, Date.UTC(2026, 10, 20 + i)));
        m.quizzes.forEach((q) => store.recordQuiz(q.key, i === 0 ? 100 : 80, true, Date.UTC(2026, 10, 21 + i)));
      });
    });
    void name;
  }

  for (const mode of ['http', 'file']) {
    test(`${mode}: reading and passing a quiz earns points and badges, announced and kept`, async () => {
      const { context, page, w } = await fresh();
      try {
        await page.goto(urlOf(mode, `en/${MODULE}why-these-concepts-matter.html`));
        assert.equal(await chip(page), '10 points · Level 1: Newcomer');
        assert.match(await announced(page, /10 points/), /^You earned 10 points\. 10 points\.$/);
        assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.className), 'journey-announce', 'no focus is stolen');
        await page.goto(urlOf(mode, `en/${MODULE}push-and-pull-factors.html`));
        assert.equal(await chip(page), '20 points · Level 1: Newcomer');
        // reading a page again earns nothing
        await page.goto(urlOf(mode, `en/${MODULE}why-these-concepts-matter.html`));
        assert.equal(await chip(page), '20 points · Level 1: Newcomer');

        await page.goto(urlOf(mode, `en/${MODULE}quiz.html`));
        const quiz = await h.readQuiz(page);
        await h.answerQuiz(page, quiz, true);
        await page.locator('button.quiz-submit').click();
        // 50 for passing + 25 first try + 25 for 100%
        const text = await announced(page, /New badge/);
        assert.match(text, /You earned 100 points\. 120 points\./, text);
        assert.match(text, /New level: Level 2: Explorer\./, text);
        assert.match(text, /New badge: Perfect score\./, text);
        assert.equal(await chip(page), '120 points · Level 2: Explorer');

        await page.reload();
        assert.equal(await chip(page), '120 points · Level 2: Explorer', 'kept over a reload');
        await page.goto(urlOf(mode, 'en/progress.html'));
        assert.equal((await page.locator('.journey-total').innerText()).trim(), '120 points');
        assert.equal((await page.locator('.journey-next').innerText()).trim(), '130 more points to the next level: Learner');
        const row = page.locator(`tr[data-module="en/${MODULE}index.html"]`);
        assert.deepEqual((await row.locator('td').allInnerTexts()).map((s) => s.trim()).filter((s, i) => i !== 3),
          ['2 of 6', '100%', 'Passed', '120']);
        assert.match(await row.locator('.j-last').innerText(), /\d{4}/, 'last activity is a date');
        const perfect = page.locator('.jbadge[data-badge="perfect"]');
        assert.ok(await perfect.evaluate((el) => el.classList.contains('is-earned')));
        assert.match(await perfect.locator('.jbadge-state').innerText(), /^Earned on \w+ \d+, \d{4}$/);
        const module = page.locator('.jbadge[data-badge="module"] .jbadge-state');
        assert.equal((await module.innerText()).trim(), 'Not earned yet: modules completed: 0 of 1');
        await h.assertCleanConsole(page, w, `${mode} progress page`);
        h.assertLocalRequests(w, mode === 'http' ? new URL(server.base).origin : null, `${mode} journey`);
      } finally {
        await context.close();
      }
    });
  }

  test('the progress page: chart with a text equivalent, axe-clean at 1280 and 390 px, in English and Arabic', async () => {
    // axe is injected as a script: this page's CSP is bypassed (the tests above keep it)
    const { context, page, w } = await fresh({ bypassCSP: true });
    try {
      await completeCourse(page, 'en');
      for (const lang of ['en', 'ar']) {
        if (lang === 'ar') await completeCourse(page, 'ar');
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(urlOf('file', `${lang}/progress.html`));
          const svg = page.locator('.journey-chart svg[role="img"]').first();
          await svg.waitFor();
          const label = await svg.locator('title').textContent();
          const rows = await page.locator('.journey-course').first().locator('tbody tr').count();
          assert.equal((label.match(/\d+\s*[%٪]/g) || []).length, rows, `${lang}: the chart's title names every module's percent: ${label}`);
          assert.equal(await svg.locator('rect.chart-bar').count(), rows);
          // shares are written the language's way: "100%" in English, "100٪" in Arabic
          const sign = lang === 'ar' ? '٪' : '%';
          const shares = await page.locator('.journey-course').first().evaluate((c) =>
            Array.from(c.querySelectorAll('text.chart-value, td.j-best')).map((e) => e.textContent.trim()).filter((x) => /\d/.test(x)));
          assert.ok(shares.length > rows && shares.every((x) => x.endsWith(sign) && !x.endsWith(sign === '%' ? '٪' : '%')), `${lang}: ${shares}`);
          const box = await svg.boundingBox();
          assert.ok(box.width <= width, `${lang} ${width}: the chart fits the screen (${box.width})`);
          await h.assertNoAxeViolations(page, `${lang}/progress.html at ${width}px`);
        }
      }
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      // (axe reads the stylesheets with requests that file:// refuses: only script errors are checked here)
      assert.deepEqual(w.pageErrors, [], 'no script errors');
    } finally {
      await context.close();
    }
  });

  test('the certificate: typed name, one page on A4 and on Letter, in English and Arabic, axe-clean', async () => {
    const { context, page, w } = await fresh({ bypassCSP: true });
    try {
      for (const [lang, name] of [['en', 'Maria Papadopoulou'], ['ar', 'مريم الأحمد']]) {
        await completeCourse(page, lang);
        await page.goto(urlOf('file', `${lang}/progress.html`));
        const link = page.locator('.journey-cert-link:not([hidden]) a');
        await link.waitFor();
        await link.click();
        await page.waitForURL(/certificate\.html#c0$/);
        const cert = page.locator('article.certificate#c0');
        await cert.waitFor();
        await page.fill('#cert-name', name);
        assert.equal((await cert.locator('.cert-name').innerText()).trim(), name);
        assert.match(await cert.locator('.cert-modules').innerText(), lang === 'ar' ? /100\s*٪/ : /100\s*%/);
        await h.assertNoAxeViolations(page, `${lang}/certificate.html`);
        for (const paper of ['a4', 'letter']) {
          await page.selectOption('#cert-paper', paper);
          await page.emulateMedia({ media: 'print' });
          assert.equal(await page.locator('.cert-controls').isVisible(), false, 'controls do not print');
          assert.equal(await page.locator('.site-header').isVisible(), false, 'only the certificate prints');
          assert.equal(await page.locator('.page-head').isVisible(), false, 'only the certificate prints');
          assert.equal(await page.locator('.cert-needs').first().isVisible(), false, 'what it needed does not print beside it');
          assert.ok(await cert.isVisible(), 'the certificate prints');
          assert.equal(await cert.locator('.cert-name').innerText(), name);
          await page.emulateMedia({ media: null });
          const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
          const box = (pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/) || []).slice(1).map(Number);
          assert.equal((pdf.match(/\/Type\s*\/Page\b/g) || []).length, 1, `${lang} ${paper}: one page`);
          if (paper === 'a4') assert.ok(Math.abs(box[0] - 595) < 2 && Math.abs(box[1] - 842) < 2, `A4 page: ${box}`);
          else assert.ok(Math.abs(box[0] - 612) < 2 && Math.abs(box[1] - 792) < 2, `Letter page: ${box}`);
        }
        if (lang === 'ar') {
          assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.cert-modules th')).textAlign), 'start');
          assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.certificate')).direction), 'rtl');
        }
      }
      // (axe reads the stylesheets with requests that file:// refuses: only script errors are checked here)
      assert.deepEqual(w.pageErrors, [], 'no script errors');
    } finally {
      await context.close();
    }
  });

  test('a course not complete has no certificate, and says what is missing', async () => {
    const { context, page } = await fresh();
    try {
      await page.goto(urlOf('file', 'en/certificate.html') + '#c0');
      await page.locator('.cert-status').filter({ hasText: /Pass 3 more module quizzes/ }).waitFor();
      assert.equal(await page.locator('article.certificate').first().isVisible(), false);
      assert.equal(await page.locator('#cert-name').isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('the course chooser shows each course\'s full name at 390 and 1280 px, in English and Arabic, and switches course', async () => {
    // A drop-down cut "Multicultural Communication and D…" at 390 px: the names are radio
    // buttons' labels that wrap, none wider than its box.
    for (const lang of ['en', 'ar']) {
      for (const width of [390, 1280]) {
        const { context, page } = await fresh({ viewport: { width, height: 844 } });
        try {
          await page.goto(urlOf('http', `${lang}/certificate.html`));
          await page.locator('.cert-controls:not([hidden])').waitFor();
          const titles = await page.locator('article.certificate .cert-course-title').allInnerTexts();
          const shown = await page.locator('#cert-course label').evaluateAll((els) => els.map((e) => {
            const box = e.closest('.cert-controls').getBoundingClientRect();
            const r = e.getBoundingClientRect();
            return { text: e.innerText.trim(), over: e.scrollWidth - e.clientWidth, inside: r.left >= box.left - 1 && r.right <= box.right + 1 };
          }));
          assert.deepEqual(shown.map((c) => c.text), titles.map((t) => t.trim()), `${lang} ${width}px: every course by its full name`);
          for (const c of shown) assert.ok(c.over <= 0 && c.inside, `${lang} ${width}px: "${c.text}" overflows: ${JSON.stringify(c)}`);
          await page.screenshot({ path: path.join(h.SCREENSHOT_DIR, `certificate-courses-${lang}-${width}.png`) });
          // Choosing the second course shows what its certificate needs.
          await page.locator('#cert-course input[value="c1"]').check();
          await page.locator('#c1-needs:not([hidden])').waitFor();
          assert.equal(new URL(page.url()).hash, '#c1');
          assert.equal(await page.locator('#c0-needs').isVisible(), false);
        } finally {
          await context.close();
        }
      }
    }
  });

  // Printed before it is earned the page was blank: everything but the certificate was hidden
  // in print, and the certificate was hidden until earned. It prints what the certificate
  // needs, module by module, and what is done, never a certificate.
  test('printed before it is earned, the certificate page says what it needs and what is done, in English and Arabic', async () => {
    const { context, page, w } = await fresh();
    fs.mkdirSync(h.SCREENSHOT_DIR, { recursive: true });
    try {
      for (const lang of ['en', 'ar']) {
        // the first module's quiz passed, the others not taken
        await page.goto(urlOf('file', `${lang}/progress.html`));
        await page.evaluate(() => {
          self.kyklosJourney.courses[0].modules[0].quizzes.forEach((q) => window.KyklosProgress.recordQuiz(q.key, 90, true, Date.UTC(2026, 10, 21)));
        });
        await page.goto(urlOf('file', `${lang}/certificate.html`) + '#c0');
        await page.locator('#c0-needs td.j-done.is-done').first().waitFor();
        await page.emulateMedia({ media: 'print' });
        const main = (await page.locator('main').innerText()).trim();
        assert.ok(main.length > 200, `${lang}: the printed page has content: ${main}`);
        for (const cert of await page.locator('article.certificate').all()) assert.equal(await cert.isVisible(), false, `${lang}: no certificate prints`);
        // Headed as what it is then, not "Certificate of completion".
        assert.equal(await page.locator('h1').isVisible(), false, `${lang}: the page's title does not print`);
        assert.ok(await page.locator('.cert-progress-heading').isVisible(), `${lang}: "Progress towards the certificate" prints`);
        if (lang === 'en') assert.equal((await page.locator('.cert-progress-heading').innerText()).trim(), 'Progress towards the certificate');
        assert.ok(await page.locator('.cert-status').isVisible(), `${lang}: what is left prints`);
        if (lang === 'en') assert.equal((await page.locator('.cert-status').innerText()).trim(), 'Pass 2 more module quizzes to get the certificate of this course.');
        assert.ok(await page.locator('#c0-needs').isVisible(), `${lang}: what it needs prints`);
        assert.equal(await page.locator('#c1-needs').isVisible(), false, `${lang}: only the chosen course's`);
        const done = (await page.locator('#c0-needs td.j-done').allInnerTexts()).map((x) => x.trim());
        if (lang === 'en') {
          assert.deepEqual(done, ['Passed', 'Not taken yet', 'Not taken yet']);
          assert.match(await page.locator('#c0-needs').innerText(), /How to get the certificate of “Multicultural Communication and Diversity”[\s\S]*Pass its quiz/);
        } else {
          assert.ok(done.length === 3 && done.every((x) => x.length > 0), `${lang}: ${done}`);
        }
        for (const control of ['#cert-name', '#cert-course', '#cert-paper', 'button.cert-print']) {
          assert.equal(await page.locator(control).isVisible(), false, `${lang}: ${control} does not print`);
        }
        assert.ok(await page.locator('.print-meta').isVisible(), `${lang}: where and when it was printed`);
        await page.screenshot({ path: path.join(h.SCREENSHOT_DIR, `certificate-not-earned-print-${lang}.png`), fullPage: true });
        await page.emulateMedia({ media: null });
        // (it prints with the site's footer, as every page does: one or two A4 pages)
        const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
        const pages = (pdf.match(/\/Type\s*\/Page\b/g) || []).length;
        assert.ok(pages >= 1 && pages <= 2, `${lang}: ${pages} pages`);
      }
      assert.deepEqual(w.pageErrors, [], 'no script errors');
    } finally {
      await context.close();
    }
  });

  test('export → clear storage → import restores the same state; other sites and corrupt files are refused', async () => {
    const { context, page, w } = await fresh({ acceptDownloads: true });
    try {
      await completeCourse(page, 'en');
      await page.goto(urlOf('file', 'en/progress.html'));
      const before = await page.evaluate(() => window.KyklosProgress.load());
      const total = (await page.locator('.journey-total').innerText()).trim();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.journey-export-json').click()]);
      const file = path.join(h.tempDir('journey-export'), download.suggestedFilename());
      await download.saveAs(file);
      assert.match(path.basename(file), /^progress-kyklos-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json$/);
      const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.equal(exported.kind, 'kyklos-progress');
      assert.deepEqual(exported.progress, before);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('button.journey-export-csv').click()]);
      const csvText = fs.readFileSync(await csv.path(), 'utf8');
      assert.ok(csvText.startsWith('\uFEFFCourse,Module,Lesson or quiz,'), csvText.slice(0, 80));
      assert.match(csvText, /,Quiz,Passed,100,1,2026-11-21\r\n/);

      await page.evaluate(() => localStorage.clear());
      await page.reload();
      assert.equal((await page.locator('.journey-total').innerText()).trim(), '0 points');
      await page.setInputFiles('#journey-import-file', file);
      const status = page.locator('.journey-transfer-status');
      await status.filter({ hasText: /Progress loaded/ }).waitFor();
      assert.match(await status.innerText(), /Nothing was lowered\./);
      assert.deepEqual(await page.evaluate(() => window.KyklosProgress.load()), before);
      assert.equal((await page.locator('.journey-total').innerText()).trim(), total);
      // the same file again changes nothing
      await page.setInputFiles('#journey-import-file', file);
      await status.filter({ hasText: /nothing changed/ }).waitFor();

      const other = path.join(h.tempDir('journey-other'), 'other.json');
      fs.writeFileSync(other, JSON.stringify({ ...exported, scope: 'kyklos:00000000', site: 'Another course' }));
      await page.setInputFiles('#journey-import-file', other);
      await status.filter({ hasText: /another site \(“Another course”\)/ }).waitFor();
      const corrupt = path.join(h.tempDir('journey-bad'), 'bad.json');
      fs.writeFileSync(corrupt, '{"kind":"kyklos-progress","v":1,"progress":');
      await page.setInputFiles('#journey-import-file', corrupt);
      await status.filter({ hasText: /damaged: nothing was loaded/ }).waitFor();
      assert.deepEqual(await page.evaluate(() => window.KyklosProgress.load()), before, 'refused files change nothing');
      await h.assertCleanConsole(page, w, 'export and import');
    } finally {
      await context.close();
    }
  });

  test('reset asks first, works from the keyboard, and says what it did', async () => {
    const { context, page } = await fresh();
    try {
      await completeCourse(page, 'en');
      await page.goto(urlOf('file', 'en/progress.html'));
      const open = page.locator('button.journey-reset-open');
      await open.focus();
      await page.keyboard.press('Enter');
      assert.equal(await open.getAttribute('aria-expanded'), 'true');
      assert.match(await page.locator('#journey-reset-confirm').innerText(), /cannot be undone/);
      assert.equal(await page.evaluate(() => document.activeElement.className), 'button button-secondary journey-reset-cancel', 'focus moves to Cancel');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#journey-reset-confirm').isVisible(), false, 'Cancel closes it');
      assert.notEqual((await page.locator('.journey-total').innerText()).trim(), '0 points', 'Cancel keeps everything');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Tab');
      assert.match(await page.evaluate(() => document.activeElement.className), /journey-reset-yes/);
      await page.keyboard.press('Enter');
      assert.equal((await page.locator('.journey-reset-status').innerText()).trim(), 'All your progress on this site has been deleted from this browser.');
      assert.equal((await page.locator('.journey-total').innerText()).trim(), '0 points');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'button button-secondary journey-reset-open');
      await page.reload();
      assert.equal((await page.locator('.journey-total').innerText()).trim(), '0 points', 'gone for good');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the pages say what needs it', async () => {
    const { context, page } = await fresh({ javaScriptEnabled: false });
    try {
      for (const rel of ['en/progress.html', 'el/certificate.html']) {
        await page.goto(urlOf('file', rel));
        const note = page.locator('.journey-nojs');
        assert.ok(await note.isVisible(), `${rel}: the note shows`);
        assert.match(await note.innerText(), /JavaScript/);
        assert.equal(await page.locator('.journey-chip').isVisible(), false);
      }
      // printed without JavaScript: the note and what each certificate needs, no certificate
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.locator('.journey-nojs').isVisible(), 'the note prints');
      assert.ok(await page.locator('#c0-needs').isVisible(), 'what the certificate needs prints');
      assert.equal(await page.locator('#c0-needs td.j-done').first().isVisible(), false, 'no empty "done" column');
      assert.equal(await page.locator('article.certificate').first().isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('the page\'s own words inside a borrowed sentence keep the page\'s language', async () => {
    // An Urdu page of a French site whose i18n/ur.yaml has `points` only: the chip's sentence
    // "{points} · {level}" is French, its "0 نمبر" Urdu; it was all marked French, so a screen
    // reader read the Urdu words with a French voice.
    const site = h.build(h.writeSite({
      'site.yaml': 'title: Accueil\nlanguages: [fr, ur]\n',
      'i18n/ur.yaml': 'points:\n  one: "{n} نمبر"\n  other: "{n} نمبر"\n',
      'content/fr/index.md': '---\ntitle: Accueil\n---\nBienvenue.\n',
      'content/fr/01-cours/index.md': '---\ntitle: Cours\nkind: course\n---\nLe cours.\n',
      'content/fr/01-cours/01-mod/index.md': '---\ntitle: Module\nkind: module\n---\nLe module.\n',
      'content/fr/01-cours/01-mod/01-lecon.md': '---\ntitle: Leçon\n---\nTexte.\n',
      'content/ur/01-cours/01-mod/01-lecon.md': '---\ntitle: سبق\n---\nمتن۔\n',
    }, 'own-in-borrowed'), 'own-in-borrowed');
    const { context, page } = await fresh();
    try {
      await page.goto(h.fileUrl(site, 'ur/cours/mod/lecon.html'));
      assert.match(await chip(page), /نمبر/);
      const langs = await page.evaluate(() => {
        const out = [];
        const walk = document.createTreeWalker(document.querySelector('.journey-chip-text'), NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (n.nodeValue.trim()) out.push([n.nodeValue.trim(), n.parentElement.closest('[lang]').lang, n.parentElement.closest('[dir]').dir]);
        }
        return out;
      });
      for (const [text, lang, dir] of langs) {
        const urdu = /\p{Script=Arabic}/u.test(text);
        assert.deepEqual([lang, dir], urdu ? ['ur', 'rtl'] : ['fr', 'ltr'], `"${text}" in ${JSON.stringify(langs)}`);
      }
    } finally {
      await context.close();
    }
  });
});
