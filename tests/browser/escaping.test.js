'use strict';
// Escaping: quiz texts that look like HTML or template syntax reach the learner as text. A
// fixture site is built in a temp dir; its quiz prompt, options, feedback and explanation try
// to break out of the markup, run script, load an image "x" and get evaluated by the template
// engine.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

const NASTY = '</script><script>window.pwned=1</script> <img src=x onerror="window.pwned=2"> {{ 7*7 }}';
const yamlString = (s) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

const FILES = {
  'site.yaml': 'title: Fixture\n',
  'content/en/index.md': '---\ntitle: Home\n---\nHi\n',
  'content/en/01-m/index.md': '---\ntitle: M\nkind: module\n---\n',
  'content/en/01-m/quiz.yaml': [
    'title: Quiz',
    'pass_mark: 50',
    'questions:',
    '  - id: q1',
    '    type: single',
    `    prompt: ${yamlString(NASTY)}`,
    `    explanation: ${yamlString(NASTY.replace(/pwned=(\d)/g, 'pwned=3$1'))}`,
    '    options:',
    `      - text: ${yamlString(NASTY.replace(/pwned=(\d)/g, 'pwned=4$1'))}`,
    '        correct: true',
    `        feedback: ${yamlString(NASTY.replace(/pwned=(\d)/g, 'pwned=5$1'))}`,
    `      - text: ${yamlString('<b onmouseover="window.pwned=6">{% raw %}{{ 7*7 }}{% endraw %}</b>')}`,
    '',
  ].join('\n'),
};

describe('escaping of quiz texts', { skip }, () => {
  let chrome, dir, server, quizRel;

  before(async () => {
    dir = h.build(h.writeSite(FILES, 'escaping'), 'escaping-out');
    quizRel = h.pageOfKind(h.pagesByKind(dir), 'quiz', 'en');
    server = await h.serve(dir, '/esc/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  for (const mode of ['http', 'file']) {
    test(`over ${mode}: the quiz shows the texts literally and runs none of them`, async () => {
      const context = await h.newContext(chrome.browser);
      const page = await context.newPage();
      const w = await h.watch(page);
      const where = `${mode} ${quizRel}`;
      try {
        const url = mode === 'http' ? server.base + quizRel : h.fileUrl(dir, quizRel);
        await page.goto(url);
        const prompt = page.locator('li.quiz-question[data-qid="q1"] .q-prompt');
        await prompt.waitFor({ state: 'visible' });
        const text = await prompt.innerText();
        assert.ok(text.includes('</script>'), `${where}: the prompt shows "</script>" as text: ${text}`);
        assert.ok(text.includes('<img src=x onerror="window.pwned=2">'), `${where}: the <img> is text: ${text}`);
        assert.ok(text.includes('{{ 7*7 }}'), `${where}: "{{ 7*7 }}" is shown as written: ${text}`);
        assert.ok(!text.includes('49'), `${where}: the template engine evaluated the prompt: ${text}`);
        assert.equal(await page.locator('form.quiz img, form.quiz script, form.quiz b').count(), 0,
          `${where}: quiz texts became elements`);
        const label = await page.locator('li.quiz-question[data-qid="q1"] label').allInnerTexts();
        assert.ok(label.some((l) => l.includes('{% raw %}{{ 7*7 }}{% endraw %}')), `${where}: option text literal: ${label}`);

        // submit with the right option: feedback and explanation come out as text too
        await page.locator('input[name="q1"][value="o1"]').check();
        await page.locator('li.quiz-question[data-qid="q1"] label').nth(1).hover();
        await page.locator('button.quiz-submit').click();
        await page.locator('.quiz-result[role="status"]').filter({ hasText: /%/ }).waitFor();
        const feedback = await page.locator('.feedback:visible').allInnerTexts();
        assert.ok(feedback.some((f) => f.includes('window.pwned=52') && f.includes('{{ 7*7 }}')),
          `${where}: the feedback is shown literally: ${JSON.stringify(feedback)}`);
        assert.equal(await page.locator('form.quiz img, form.quiz script, form.quiz b').count(), 0,
          `${where}: quiz texts became elements after submitting`);
        await page.waitForTimeout(100);

        assert.equal(await page.evaluate(() => typeof window.pwned), 'undefined', `${where}: window.pwned is set`);
        const x = w.requests.filter((u) => /\/x(\?|#|$)/.test(u));
        assert.deepEqual(x, [], `${where}: the page requested the image "x"`);
        await h.assertCleanConsole(page, w, where);
      } finally {
        await context.close();
      }
    });
  }
});
