'use strict';
// Quizzes in the browser (themes/default/static/quiz.js, quiz-score.js, kyklos.js), driven
// through the builder's HTML contract: form.quiz[data-quiz] with the JSON key,
// li.quiz-question[data-qid][data-type], inputs named by question id, select[data-left] /
// select[data-item], button.quiz-submit / .quiz-retry, .quiz-result[role=status],
// .quiz-best, and on the module page .progress-summary and [data-key].is-done.

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();
const STATUS = '.quiz-result[role="status"]';

describe('quizzes', { skip }, () => {
  let chrome, dir, server, kinds, lang, sampleQuiz;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    // the sample quiz: the default language's quiz with the most question types
    sampleQuiz = h.richestQuiz(dir, kinds, lang);
    server = await h.serve(dir, '/quiz/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  const urlOf = (mode, rel) => (mode === 'http' ? server.base + rel : h.fileUrl(dir, rel));

  async function statusText(page) {
    const box = page.locator(STATUS);
    assert.equal(await box.count(), 1, 'the quiz has one .quiz-result[role=status]');
    await box.filter({ hasText: /\d\s*%/ }).waitFor();
    return (await box.innerText()).replace(/\s+/g, ' ').trim();
  }

  async function submit(page) {
    await page.locator('button.quiz-submit').click();
    return statusText(page);
  }

  function assertPassed100(text, where) {
    assert.match(text, /(^|\D)100\s*%/, `${where}: "${text}" shows 100%`);
    assert.match(text, /\bpassed\b/i, `${where}: "${text}" says passed`);
    assert.doesNotMatch(text, /not passed|failed/i, `${where}: "${text}"`);
  }

  function assertFailed0(text, where) {
    assert.match(text, /(^|\D)0\s*%/, `${where}: "${text}" shows 0%`);
    assert.doesNotMatch(text, /(^|\D)100\s*%\s*(—|-|–)/, `${where}: "${text}"`);
    assert.match(text, /not passed|failed/i, `${where}: "${text}" says not passed`);
  }

  /** All right → 100% passed; retry; all wrong → 0% not passed. Returns the quiz JSON. */
  async function rightThenWrong(page, where) {
    const quiz = await h.readQuiz(page);
    await h.answerQuiz(page, quiz, true);
    assertPassed100(await submit(page), `${where}, all right`);
    assert.ok(await page.locator('.feedback:visible').count() > 0, `${where}: feedback is shown after submitting`);
    const retry = page.locator('button.quiz-retry');
    await retry.waitFor({ state: 'visible' });
    await retry.click();
    assert.equal((await page.locator(STATUS).innerText()).trim(), '', `${where}: retry clears the result`);
    assert.equal(await page.locator('form.quiz input:checked').count(), 0, `${where}: retry clears the answers`);
    await h.answerQuiz(page, quiz, false);
    assertFailed0(await submit(page), `${where}, all wrong`);
    return quiz;
  }

  test('every other quiz of the default language: all right → 100% passed, all wrong → 0% not passed', async (t) => {
    // (the sample quiz goes through the same in the progress tests below)
    const quizzes = (kinds.quiz || []).filter((p) => p.startsWith(lang + '/') && p !== sampleQuiz);
    for (const rel of quizzes) {
      await t.test(rel, async () => {
        const context = await h.newContext(chrome.browser);
        const page = await context.newPage();
        const w = await h.watch(page);
        try {
          await page.goto(urlOf('http', rel));
          await rightThenWrong(page, rel);
          await h.assertCleanConsole(page, w, rel);
        } finally {
          await context.close();
        }
      });
    }
  });

  for (const mode of ['http', 'file']) {
    test(`over ${mode}: best score kept, module progress and ticks`, async () => {
      const context = await h.newContext(chrome.browser);
      const page = await context.newPage();
      const w = await h.watch(page);
      const rel = sampleQuiz;
      try {
        // the module page: the quiz's breadcrumb parent
        await page.goto(urlOf(mode, rel));
        const quizKey = (await h.readQuiz(page)).key || await page.getAttribute('body', 'data-key');
        assert.ok(quizKey, 'the quiz has a progress key');
        const parent = page.locator('nav.breadcrumbs a').last();
        assert.equal(await parent.count(), 1, `${rel}: breadcrumbs lead to the module`);
        const moduleUrl = await parent.evaluate((a) => a.href);
        assert.equal(moduleUrl, urlOf(mode, path.posix.join(path.posix.dirname(rel), 'index.html')),
          'the breadcrumb parent is the module page in the quiz\'s folder');

        // visit the module's first two lessons
        await page.goto(moduleUrl);
        const items = await page.locator('ol.cards [data-key]').evaluateAll((els) =>
          els.map((e) => ({ key: e.dataset.key, href: (e.querySelector('a') || {}).href })));
        const lessons = items.filter((i) => i.key !== quizKey && i.href);
        assert.ok(lessons.length >= 3, `the module page lists lessons: ${JSON.stringify(items)}`);
        const visited = lessons.slice(0, 2);
        for (const l of visited) await page.goto(l.href);

        // take the quiz: 100%, then 0%
        await page.goto(urlOf(mode, rel));
        await rightThenWrong(page, rel);
        assert.match((await page.locator('.quiz-best').innerText()).trim(), /Best:\s*100\s*%/);

        // reload: the best score is remembered, the form is fresh
        await page.reload();
        const best = page.locator('.quiz-best');
        await best.waitFor({ state: 'visible' });
        assert.match((await best.innerText()).trim(), /^Best:\s*100\s*%$/, 'after reload');
        assert.equal((await page.locator(STATUS).innerText()).trim(), '', 'after reload no result is shown');

        // the module page shows the progress and ticks the visited lessons and the passed quiz
        await page.goto(moduleUrl);
        const summary = page.locator('.progress-summary').first();
        await summary.waitFor({ state: 'visible' });
        const keys = (await summary.getAttribute('data-progress-keys')).split(/\s+/).filter(Boolean);
        const done = new Set([quizKey, ...visited.map((l) => l.key)]);
        assert.ok(keys.includes(quizKey), 'the quiz counts towards the module progress');
        const percent = Math.round((100 * keys.filter((k) => done.has(k)).length) / keys.length);
        assert.equal((await summary.innerText()).trim(), `${percent}% complete`);
        for (const key of done) {
          const marked = page.locator(`[data-key="${key}"]:not(body)`);
          assert.ok(await marked.count() > 0, `${key} is listed on the module page`);
          const states = await marked.evaluateAll((els) => els.map((e) => e.classList.contains('is-done')));
          assert.ok(states.every(Boolean), `${key} is ticked (.is-done) wherever it is listed`);
        }
        const notVisited = lessons[2].key;
        assert.equal(await page.locator(`[data-key="${notVisited}"].is-done`).count(), 0,
          `${notVisited} was not visited and is not ticked`);
        await h.assertCleanConsole(page, w, `${mode} progress`);
        h.assertLocalRequests(w, mode === 'http' ? server.origin : null, `${mode} progress`);
      } finally {
        await context.close();
      }
    });
  }

  test('keyboard: Tab to the first radio, Space and arrows choose, Enter submits, focus is visible', async () => {
    const context = await h.newContext(chrome.browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const w = await h.watch(page);
    try {
      await page.goto(urlOf('http', sampleQuiz));
      const quiz = await h.readQuiz(page);
      const first = quiz.questions[0];
      assert.ok(['single', 'true_false'].includes(first.type), `the first question of ${sampleQuiz} uses radios`);

      const focusInfo = () => page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const transparent = (c) => /transparent|rgba\([^)]*,\s*0\)/.test(c);
        return {
          desc: `<${el.localName}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}>` +
            ` ${(el.textContent || el.value || '').trim().slice(0, 40)}`,
          radio: el.matches('form.quiz input[type="radio"]'),
          name: el.name || '', value: el.value || '',
          visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor)) ||
            (cs.boxShadow !== 'none' && cs.boxShadow !== ''),
          style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
        };
      });

      const invisible = [];
      let info = null;
      for (let i = 0; i < 150; i++) {
        await page.keyboard.press('Tab');
        info = await focusInfo();
        if (info && !info.visible) invisible.push(`${info.desc} (${info.style})`);
        if (info && info.radio) break;
      }
      assert.ok(info && info.radio, 'Tab reaches a radio button of the quiz');
      const firstRadio = await page.locator(`li.quiz-question[data-qid="${first.id}"] input[type="radio"]`).first()
        .evaluate((e) => e.value);
      assert.equal(info.name, first.id, 'the first radio reached is in the first question');
      assert.equal(info.value, firstRadio, 'Tab lands on the first radio of the first question');
      assert.deepEqual(invisible, [], 'every element focused on the way has a visible focus indicator');

      await page.keyboard.press('Space');
      assert.equal(await page.locator(`input[name="${first.id}"]:checked`).evaluate((e) => e.value), firstRadio,
        'Space checks the focused radio');
      await page.keyboard.press('ArrowDown');
      info = await focusInfo();
      assert.ok(info.radio && info.name === first.id && info.value !== firstRadio, 'ArrowDown moves to the next option');
      assert.equal(await page.locator(`input[name="${first.id}"]:checked`).evaluate((e) => e.value), info.value,
        'ArrowDown checks the next option');
      assert.ok(info.visible, `the focused radio has a visible focus indicator (${info.style})`);

      await page.keyboard.press('Enter');
      const text = await statusText(page);
      assert.match(text, /\d\s*%/, 'Enter on a radio submits the quiz');

      // the rest of the form, by keyboard: every control and button shows where focus is
      const seen = [];
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        const f = await focusInfo();
        if (!f) continue;
        if (!f.visible) invisible.push(`${f.desc} (${f.style})`);
        if (/quiz-retry/.test(f.desc)) { seen.push('retry'); break; }
      }
      assert.deepEqual(seen, ['retry'], 'Tab reaches the retry button');
      assert.deepEqual(invisible, [], 'every element focused has a visible focus indicator');
      await h.assertCleanConsole(page, w, 'keyboard');
    } finally {
      await context.close();
    }
  });

  // The revealed answer of a matching question, "term → meaning": in a right-to-left quiz the
  // meaning stands to the left of its term, so the arrow must point left there (and right in a
  // left-to-right quiz).
  /** A one-language site with one course, module, lesson and `quiz` (YAML); [out dir, quiz page]. */
  function quizSite(code, words, quiz, label) {
    const [home, course, mod, lesson] = words;
    const root = h.writeSite({
      'site.yaml': `title: ${home}\nlanguages: [${code}]\nlicense: CC-BY-4.0\n`,
      [`content/${code}/index.md`]: `---\ntitle: ${home}\n---\n${home}.\n`,
      [`content/${code}/01-course/index.md`]: `---\ntitle: ${course}\nkind: course\n---\n${course}.\n`,
      [`content/${code}/01-course/01-module/index.md`]: `---\ntitle: ${mod}\nkind: module\n---\n${mod}.\n`,
      [`content/${code}/01-course/01-module/01-lesson.md`]: `---\ntitle: ${lesson}\n---\n${lesson}.\n`,
      [`content/${code}/01-course/01-module/quiz.yaml`]: quiz,
    }, label);
    return [h.build(root, `${label}-out`), `${code}/course/module/quiz.html`];
  }

  test('matching answers: the arrow points from each term to its meaning, right-to-left and left-to-right, and left to right in an English question an Arabic translation left out', async () => {
    const site = (code, words, pairs) => {
      const prompt = words[4];
      const quiz = `title: ${prompt}\nquestions:\n  - id: q1\n    type: matching\n    prompt: ${prompt}\n    pairs:\n` +
        pairs.map(([l, r]) => `      - {left: ${l}, right: ${r}}\n`).join('');
      return quizSite(code, words, quiz, `matching-${code}`);
    };
    // An Arabic page of an English site whose quiz translation left the matching question
    // out: the question is English, left to right, on the right-to-left page.
    const lent = () => {
      const quiz = 'title: Quiz\nquestions:\n  - id: q0\n    type: single\n    prompt: Pick A\n    options:\n      - {text: A, correct: true}\n      - {text: B}\n' +
        '  - id: q1\n    type: matching\n    prompt: Match them\n    pairs:\n      - {left: Asylum seeker, right: Waiting for a decision}\n      - {left: Migrant, right: Moves for any reason}\n';
      const files = {
        'site.yaml': 'title: Site\nlanguages: [en, ar]\nlicense: CC-BY-4.0\n',
        'content/en/index.md': '---\ntitle: Home\n---\nHome.\n',
        'content/en/01-course/index.md': '---\ntitle: Course\nkind: course\n---\nCourse.\n',
        'content/en/01-course/01-module/index.md': '---\ntitle: Module\nkind: module\n---\nModule.\n',
        'content/en/01-course/01-module/quiz.yaml': quiz,
        'content/ar/index.md': '---\ntitle: الرئيسية\n---\nالرئيسية.\n',
        'content/ar/01-course/01-module/quiz.yaml': 'title: اختبار\nquestions:\n  - id: q0\n    prompt: اختر أ\n    options:\n      - {text: أ}\n      - {text: ب}\n',
      };
      return [h.build(h.writeSite(files, 'matching-lent'), 'matching-lent-out'), 'ar/course/module/quiz.html'];
    };
    const sites = [
      site('fa', ['خانه', 'دوره', 'پودمان', 'درس', 'جفت کنید'], [['پناه‌جو', 'در انتظار تصمیم'], ['مهاجر', 'به هر دلیلی']]),
      site('en', ['Home', 'Course', 'Module', 'Lesson', 'Match them'], [['Asylum seeker', 'Waiting for a decision'], ['Migrant', 'Moves for any reason']]),
      lent(),
    ];
    const context = await h.newContext(chrome.browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const seen = [];
      for (const [out, rel] of sites) {
        await page.goto(h.fileUrl(out, rel));
        const q = await h.readQuiz(page);
        await h.answerQuiz(page, q, false);
        await page.locator('button.quiz-submit').click();
        await page.locator('.q-answer-list li').first().waitFor();
        const pairs = await page.evaluate(() => Array.from(document.querySelectorAll('.q-answer-list li')).map((li) => {
          const arrow = li.querySelector('.q-pair-arrow');
          const a = arrow.getBoundingClientRect();
          const before = document.createRange(); before.setStartBefore(li.firstChild); before.setEndBefore(arrow);
          const after = document.createRange(); after.setStartAfter(arrow.nextSibling); after.setEndAfter(li.lastChild);
          const t = before.getBoundingClientRect(), m = after.getBoundingClientRect();
          const mirrored = new DOMMatrix(getComputedStyle(arrow).transform === 'none' ? undefined : getComputedStyle(arrow).transform).a < 0;
          // the way the arrow's glyph points on screen, and where the meaning is from the term
          return { dir: getComputedStyle(li).direction, points: mirrored ? 'left' : 'right', meaning: m.left >= a.right - 0.5 && a.left >= t.right - 0.5 ? 'right' : m.right <= a.left + 0.5 && a.right <= t.left + 0.5 ? 'left' : 'mixed' };
        }));
        assert.ok(pairs.length === 2, `${rel}: ${JSON.stringify(pairs)}`);
        for (const p of pairs) assert.equal(p.points, p.meaning, `${rel} (${p.dir}): the arrow points ${p.points}, the meaning is on the ${p.meaning}`);
        const selects = await page.evaluate(() => Array.from(document.querySelectorAll('.q-match select')).map((s) => getComputedStyle(s).direction));
        assert.ok(selects.length === 2 && selects.every((d) => d === pairs[0].dir), `${rel}: the selects run ${selects}`);
        seen.push(`${pairs[0].dir} ${pairs[0].meaning}`);
      }
      assert.deepEqual(seen, ['rtl left', 'ltr right', 'ltr right']);
    } finally {
      await context.close();
    }
  });

  test('points in the page language: decimal comma, the noun agrees with the maximum; true/false verdicts are not options (German, Ukrainian)', async () => {
    // Two of three right options with partial credit: 0.5 of 1 point; a wrong fill-in worth 1.5.
    const quiz = 'title: Q\npass_mark: 62.5\nquestions:\n' +
      '  - {id: q1, type: multiple, partial_credit: true, prompt: P1, options: [{text: A, correct: true}, {text: B, correct: true}, {text: C}]}\n' +
      '  - {id: q2, type: fill_in, points: 1.5, prompt: P2, answers: [x]}\n' +
      '  - {id: q3, type: true_false, prompt: P3, answer: false}\n';
    const cases = [
      ['de', ['Start', 'Kurs', 'Modul', 'Lektion'], {
        legend: '(1,5 Punkte)', q1: '0,5 von 1 Punkt', q2: '0 von 1,5 Punkten', total: '0,5 von 3,5 Punkten', pass: '62,5',
        verdict: 'Nicht richtig', answer: 'Richtige Antwort: Falsch',
      }],
      ['uk', ['Головна', 'Курс', 'Модуль', 'Урок'], {
        legend: '(1,5 бала)', q1: '0,5 з 1 бала', q2: '0 з 1,5 бала', total: '0,5 з 3,5 бала', pass: '62,5',
        verdict: 'Не зараховано', answer: 'Правильна відповідь: Неправда',
      }],
      ['en', ['Home', 'Course', 'Module', 'Lesson'], {
        legend: '(1.5 points)', q1: '0.5 of 1 point', q2: '0 of 1.5 points', total: '0.5 of 3.5 points', pass: '62.5',
        verdict: 'Incorrect', answer: 'Correct answer: False',
      }],
    ];
    const context = await h.newContext(chrome.browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      for (const [code, words, want] of cases) {
        const [out, rel] = quizSite(code, words, quiz, `points-${code}`);
        await page.goto(h.fileUrl(out, rel));
        const legend = await page.locator('li[data-qid="q2"] .q-points').innerText();
        assert.equal(legend, want.legend, code);
        assert.ok((await page.locator('.quiz-intro, main').first().innerText()).includes(want.pass), `${code}: the intro shows ${want.pass}`);
        await page.locator('li[data-qid="q1"] .q-option').first().locator('input').check();
        await page.locator('li[data-qid="q2"] input[type="text"]').fill('y');
        await page.locator('li[data-qid="q3"] input[value="true"]').check();
        const status = await submit(page);
        const result = async (id) => page.locator(`li[data-qid="${id}"] .q-result`).innerText();
        assert.ok((await result('q1')).endsWith(` — ${want.q1}`), `${code}: ${await result('q1')}`);
        assert.ok((await result('q2')).endsWith(` — ${want.q2}`), `${code}: ${await result('q2')}`);
        assert.ok(status.includes(want.total) && status.includes(want.pass), `${code}: ${status}`);
        // The verdict on a true/false question is not one of its options ("✗ Falsch … Falsch").
        assert.equal(await result('q3'), want.verdict, code);
        assert.equal((await page.locator('li[data-qid="q3"] .q-answer').innerText()).replace(/\s+/g, ' ').trim(), want.answer, code);
      }
    } finally {
      await context.close();
    }
  });

  test('fill-in answers: the apostrophe, quotes or dash a keyboard types are the same answer (Ukrainian)', async () => {
    const quiz = 'title: Q\nquestions:\n' +
      '  - {id: q1, type: fill_in, prompt: P1, answers: ["сім\'ю"]}\n' +
      '  - {id: q2, type: fill_in, prompt: P2, answers: ["«Так»"]}\n' +
      '  - {id: q3, type: fill_in, prompt: P3, answers: ["1914–1918"]}\n';
    const [out, rel] = quizSite('uk', ['Головна', 'Курс', 'Модуль', 'Урок'], quiz, 'spellings-uk');
    const context = await h.newContext(chrome.browser, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const fill = async (answers) => {
      for (const [id, text] of Object.entries(answers)) await page.locator(`li[data-qid="${id}"] input[type="text"]`).fill(text);
      return submit(page);
    };
    const verdicts = () => page.locator('.quiz-question').evaluateAll((els) => els.map((li) => li.classList.contains('is-correct')));
    try {
      await page.goto(h.fileUrl(out, rel));
      // iOS smart punctuation: ’ and “…”; a dash typed as a hyphen
      assert.match(await fill({ q1: 'сім\u2019ю', q2: '\u201Cтак\u201D', q3: '1914-1918' }), /(^|\D)100\s*%/);
      assert.deepEqual(await verdicts(), [true, true, true]);
      await page.locator('button.quiz-retry').click();
      // a Ukrainian layout: ʼ (U+02BC), ASCII quotes, an em dash
      assert.match(await fill({ q1: 'сім\u02BCю', q2: '"Так"', q3: '1914\u20141918' }), /(^|\D)100\s*%/);
      await page.locator('button.quiz-retry').click();
      assert.match(await fill({ q1: 'сімю', q2: 'Так', q3: '1914 1918' }), /(^|\D)0\s*%/);
      assert.deepEqual(await verdicts(), [false, false, false]);
    } finally {
      await context.close();
    }
  });
});
