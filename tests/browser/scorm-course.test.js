'use strict';
// The score a course package reports, in the real scorm-again runtime, for a course whose
// second module has two quizzes. A gradebook should get one number per course that weighs
// every module the same: the mean of the modules' scores, each the mean of its quizzes' best.
// Before, the SCORM 2004 course score was the mean over all quizzes, so a module with two
// quizzes counted twice (33 after passing module 1's quiz, where its modules said 100 and 0).
// The SCORM 2004 course (one SCO, modules as objectives) and the SCORM 1.2 course (one SCO per
// module) must end at the same mean. A third module is failed outright: its 0 counts in both,
// and is what Moodle's "Average grade" would leave out (seen in Moodle 5.0.6+: SCOs scoring 100,
// 0 and 100 averaged to 100). Moodle grades the 1.2 course by "Learning objects", the SCOs
// passed or completed (its "Maximum grade" goes to 100 only, so "Sum grade" cannot hold three
// modules' scores): each SCO's status must say whether its module was passed.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');
const lms = require('./lms');

const quizYaml = (title) => `title: ${title}\npass_mark: 50\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Is ${title} true?\n    answer: true\n`;

const FILES = {
  'site.yaml': 'title: Two quizzes in a module\nlanguages: [en]\nscorm: both\n',
  'content/en/index.md': '---\ntitle: Home\n---\nWelcome.\n',
  'content/en/01-course/index.md': '---\ntitle: Course\nkind: course\n---\nAbout.\n',
  'content/en/01-course/01-first/index.md': '---\ntitle: First module\nkind: module\n---\nOverview.\n',
  'content/en/01-course/01-first/01-a.md': '---\ntitle: Lesson A\n---\nText.\n',
  'content/en/01-course/01-first/quiz.yaml': quizYaml('the first quiz'),
  'content/en/01-course/02-second/index.md': '---\ntitle: Second module\nkind: module\n---\nOverview.\n',
  'content/en/01-course/02-second/01-b.md': '---\ntitle: Lesson B\n---\nText.\n',
  'content/en/01-course/02-second/quiz.yaml': quizYaml('the second quiz'),
  'content/en/01-course/02-second/more.quiz.yaml': quizYaml('the third quiz'),
  'content/en/01-course/03-third/index.md': '---\ntitle: Third module\nkind: module\n---\nOverview.\n',
  'content/en/01-course/03-third/01-c.md': '---\ntitle: Lesson C\n---\nText.\n',
  'content/en/01-course/03-third/quiz.yaml': quizYaml('the fourth quiz'),
};

// The learner passes module 1's quiz, passes module 2's first quiz and fails its second, and
// fails module 3's quiz.
const PLAN = [true, true, false, false];

describe('SCORM course score with a two-quiz module', { skip: h.skipUnlessChromium() }, () => {
  let chrome, dist;

  before(async () => {
    dist = h.build(h.writeSite(FILES, 'two-quizzes'), 'two-quizzes-out');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  /**
   * Follows the SCO's lessons to the end, answering each quiz on the way right or wrong as
   * `plan` says; returns the score the LMS held after each quiz.
   */
  async function takeQuizzes(s, version, plan) {
    const after = [];
    for (let step = 0; step < 50; step++) {
      if (/quiz\.html$/.test(s.lessons.url())) {
        await lms.submitQuiz(s.page, version, s.lessons, plan[after.length]);
        after.push(lms.scoreRaw((await lms.lmsState(s.page)).cmi, version));
      }
      if (!(await lms.next(s.lessons))) break;
    }
    return after;
  }

  test('SCORM 2004 course: the mean of the modules\' scores, which are its objectives\' scores; SCORM 1.2 ends at the same mean', async () => {
    const packages = lms.packagesOf(dist, 'en');
    const course2004 = packages.find((p) => p.version === '2004' && p.isCourse);
    assert.ok(course2004 && course2004.launches.length === 1, 'a SCORM 2004 course package with one SCO');
    const final = await lms.withHost(course2004.file, async (server) => {
      const s = await lms.launch(chrome.browser, server, '2004', course2004.launches[0], null);
      const scores = await takeQuizzes(s, '2004', PLAN);
      // module 1: 100; module 2: (100 + 0) / 2 = 50 once its first quiz is passed; module 3: 0
      assert.deepEqual(scores, ['33', '50', '50', '50'], 'course score after each quiz: (100 + 0 + 0) / 3, then (100 + 50 + 0) / 3; the failed quizzes keep 50');
      const { cmi, log } = await lms.lmsState(s.page);
      const objectives = Object.values(cmi.objectives.childArray || cmi.objectives);
      assert.deepEqual(objectives.map((o) => o.score.raw), ['100', '50', '0'], 'each module reports the mean of its quizzes');
      const mean = objectives.reduce((a, o) => a + Number(o.score.raw), 0) / objectives.length;
      assert.equal(Number(cmi.score.raw), mean, 'the course score is the mean of the objectives\' scores');
      assert.equal(Number(cmi.score.scaled), mean / 100);
      assert.deepEqual([cmi.success_status, objectives.map((o) => o.success_status)], ['failed', ['passed', 'failed', 'failed']]);
      assert.deepEqual(lms.failedCalls(log), [], 'every call succeeded');
      await h.assertCleanConsole(s.page, s.w, '2004 course');
      await s.context.close();
      return Number(cmi.score.raw);
    });

    // SCORM 1.2: one SCO per module, each with its module's score and status.
    const course12 = packages.find((p) => p.version === '1.2' && p.launches.length > 1);
    assert.ok(course12 && course12.launches.length === 3, 'a SCORM 1.2 course package with a SCO per module');
    await lms.withHost(course12.file, async (server) => {
      const perSco = [];
      const statuses = [];
      let taken = 0;
      for (const href of course12.launches) {
        const s = await lms.launch(chrome.browser, server, '1.2', href, null);
        const scores = await takeQuizzes(s, '1.2', PLAN.slice(taken));
        taken += scores.length;
        perSco.push(Number(scores[scores.length - 1]));
        statuses.push((await lms.lmsState(s.page)).cmi.core.lesson_status);
        await s.context.close();
      }
      assert.equal(taken, PLAN.length, 'every quiz taken');
      assert.deepEqual(perSco, [100, 50, 0], 'each module SCO reports the mean of its quizzes');
      assert.equal(perSco.reduce((a, b) => a + b, 0) / perSco.length, final, 'the mean of the 1.2 SCOs\' scores is the 2004 course score');
      // Moodle's "Learning objects" counts the SCOs passed or completed: 1 of 3 here (module 2
      // failed its second quiz, module 3 its only one).
      assert.deepEqual(statuses, ['passed', 'failed', 'failed'], 'each module SCO passed only if every quiz of its module was');
    });
  });
});
