'use strict';
// SCORM packages in a real SCORM runtime: the scorm-again library (1.2 and 2004) in a host page
// served from 127.0.0.1, the package's launch page in an iframe, the lessons in the launch
// page's own iframe. Visits lessons through a[rel=next], answers the quiz, asserts what the
// runtime recorded, then relaunches with the saved data and asserts the resume.
// No hand-written mock API: the host page only wraps the real API's methods to log the calls.
// The pure helpers of scorm.js are tested in scorm-runtime.test.js.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');
const lms = require('./lms');

const { unzip, packagesOf, lmsDir, lmsState, statusesPerCommit, failedCalls } = lms;

const TYPES = new Set(['choice', 'true-false', 'fill-in', 'matching', 'sequencing']);

describe('SCORM packages in scorm-again', { skip: h.skipUnlessChromium() }, () => {
  let chrome, dist;

  before(async () => {
    dist = h.buildSample();
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  const launch = (...args) => lms.launch(chrome.browser, ...args);
  const walk = lms.walk;

  for (const version of ['1.2', '2004']) {
    test(`SCORM ${version} module: lessons, quiz, status, score, interactions, then resume`, async () => {
      const pkgs = packagesOf(dist, 'en').filter((p) => p.version === version && !p.isCourse);
      assert.ok(pkgs.length > 0, `no single-SCO SCORM ${version} package in ${dist}/en`);
      const pkg = pkgs.find((p) => p.hasQuiz) || pkgs[0];
      const dir = lmsDir(pkg.file);
      const launchHtml = fs.readFileSync(path.join(dir, 'pkg', pkg.launches[0]), 'utf8');
      assert.ok(launchHtml.includes('class="sco-quiz"'), `${pkg.file}: the module has a quiz`);
      const lessonCount = (launchHtml.match(/<li data-key=/g) || []).length;
      assert.ok(lessonCount >= 3, 'a module of several lessons');
      const server = await h.serve(dir, '/lms/');
      try {
        // ---- first session: three pages, then the learner leaves ----
        const one = await launch(server, version, pkg.launches[0], null);
        const visited = [one.lessons.url().split('/').pop()];
        visited.push(...await walk(one.page, version, one.lessons, 2));
        assert.equal(visited.length, 3, `visited ${visited}`);
        let { cmi, log } = await lmsState(one.page);
        assert.equal(log.initialize, 1, 'Initialize once');
        assert.equal(log.terminate, 0, 'not terminated while the learner reads');
        const status = version === '1.2' ? cmi.core.lesson_status : cmi.completion_status;
        assert.equal(status, 'incomplete');
        await one.page.evaluate(() => window.__closeSco());
        ({ cmi, log } = await lmsState(one.page));
        assert.equal(log.initialize, 1, 'Initialize once');
        assert.equal(log.terminate, 1, 'Terminate once, on pagehide');
        assert.deepEqual(failedCalls(log), [], 'every call succeeded');
        const saved = version === '1.2'
          ? { location: cmi.core.lesson_location, suspend: cmi.suspend_data, exit: cmi.core.exit, time: cmi.core.session_time }
          : { location: cmi.location, suspend: cmi.suspend_data, exit: cmi.exit, time: cmi.session_time };
        assert.equal(saved.location, visited[2], 'bookmark: the last page read');
        assert.equal(saved.exit, 'suspend', 'exit=suspend while unfinished');
        assert.match(saved.time, version === '1.2' ? /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/ : /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
        assert.ok(saved.suspend.length > 0 && saved.suspend.length <= 4096, `suspend_data length ${saved.suspend.length}`);
        const progress = JSON.parse(saved.suspend);
        assert.equal(progress.n, lessonCount);
        assert.equal(progress.p.replace(/0/g, '').length, 3, `three lessons visited: ${progress.p}`);
        await h.assertCleanConsole(one.page, one.w, `session 1 (${version})`);
        h.assertLocalRequests(one.w, server.origin, `session 1 (${version})`);
        await one.context.close();

        // ---- second session: resume, finish the lessons, pass the quiz ----
        const initial = version === '1.2'
          ? { core: { entry: 'resume', lesson_location: saved.location, lesson_status: 'incomplete' }, suspend_data: saved.suspend }
          : { entry: 'resume', location: saved.location, completion_status: 'incomplete', suspend_data: saved.suspend };
        const two = await launch(server, version, pkg.launches[0], initial);
        assert.equal(two.lessons.url().split('/').pop(), saved.location, 'resumed where the learner left');
        await walk(two.page, version, two.lessons, 50);
        assert.match(two.lessons.url(), /quiz\.html$/, 'the lessons lead to the quiz');
        ({ cmi } = await lmsState(two.page));
        assert.equal(JSON.parse(cmi.suspend_data).p, '1'.repeat(lessonCount), 'every lesson read before the quiz');
        if (version === '1.2') {
          assert.equal(cmi.core.lesson_status, 'incomplete', 'every lesson read, quiz not submitted: still incomplete');
        } else {
          assert.deepEqual([cmi.completion_status, cmi.success_status], ['incomplete', 'unknown'], 'lessons read, quiz not submitted');
          assert.ok(Number(cmi.progress_measure) < 1, `progress ${cmi.progress_measure} below 1 before the quiz`);
        }
        const quiz = await h.readQuiz(two.lessons);
        await h.answerQuiz(two.lessons, quiz, true);
        await two.lessons.locator('.quiz-submit').click();
        await two.page.waitForFunction((v) => {
          const c = window.__cmi();
          return (v === '1.2' ? c.core.score.raw : c.score.raw) !== '';
        }, version);
        ({ cmi, log } = await lmsState(two.page));
        assert.equal(log.initialize, 1, 'Initialize once in the second session');
        const sets = log.calls.filter((c) => c.m === 'SetValue').map((c) => c.a);
        const statusAt = sets.lastIndexOf(version === '1.2' ? 'cmi.core.lesson_status' : 'cmi.success_status');
        const scoreAt = sets.indexOf(version === '1.2' ? 'cmi.core.score.raw' : 'cmi.score.raw');
        const flat = log.calls.map((c) => (c.m === 'SetValue' ? c.a : c.m));
        const commitBetween = flat.slice(flat.indexOf(sets[statusAt]), flat.indexOf(sets[scoreAt])).includes('Commit');
        assert.ok(statusAt >= 0 && scoreAt > statusAt && commitBetween, 'the status is committed before the score');
        assert.equal(flat[flat.length - 1], 'Commit', 'committed right after the quiz is scored');
        const interactions = Object.values(cmi.interactions.childArray || cmi.interactions);
        assert.deepEqual(statusesPerCommit(log, version), version === '1.2' ? ['incomplete', 'passed'] : ['incomplete/unknown', 'completed/passed'],
          'statuses per commit: incomplete until the quiz is submitted, then passed');
        if (version === '1.2') {
          assert.equal(cmi.core.lesson_status, 'passed');
          assert.deepEqual([cmi.core.score.raw, cmi.core.score.min, cmi.core.score.max], ['100', '0', '100']);
        } else {
          assert.equal(cmi.completion_status, 'completed', 'every lesson visited over two sessions');
          assert.equal(cmi.success_status, 'passed');
          assert.deepEqual([cmi.score.raw, cmi.score.min, cmi.score.max, Number(cmi.score.scaled)], ['100', '0', '100', 1]);
        }
        assert.equal(interactions.length, quiz.questions.length, 'one interaction per question');
        quiz.questions.forEach((q, i) => {
          const it = interactions[i];
          assert.equal(it.id, q.id);
          assert.ok(TYPES.has(it.type), `question ${q.id}: type ${it.type}`);
          assert.equal(it.result, 'correct', `question ${q.id}`);
          assert.ok((version === '1.2' ? it.student_response : it.learner_response) !== '', `question ${q.id}: a response`);
        });
        const progress2 = JSON.parse(cmi.suspend_data);
        assert.equal(progress2.p, '1'.repeat(lessonCount), 'all lessons visited (first session included)');
        assert.deepEqual(progress2.q, [100, 1, 1], 'best score, passed, one attempt');
        await two.page.evaluate(() => window.__closeSco());
        ({ cmi, log } = await lmsState(two.page));
        assert.equal(log.initialize, 1);
        assert.equal(log.terminate, 1, 'Terminate once');
        assert.equal(version === '1.2' ? cmi.core.exit : cmi.exit, version === '1.2' ? '' : 'normal', 'finished: no suspend');
        assert.deepEqual(failedCalls(log), [], 'every call succeeded');
        await h.assertCleanConsole(two.page, two.w, `session 2 (${version})`);
        h.assertLocalRequests(two.w, server.origin, `session 2 (${version})`);
        await two.context.close();
      } finally {
        await server.close();
      }
    });

    test(`SCORM ${version} module: a failed attempt, then a retry that passes`, async () => {
      const pkg = packagesOf(dist, 'en').find((p) => p.version === version && !p.isCourse && p.hasQuiz);
      assert.ok(pkg, `no single-SCO SCORM ${version} package with a quiz`);
      const dir = lmsDir(pkg.file);
      const server = await h.serve(dir, '/lms/');
      try {
        const s = await launch(server, version, pkg.launches[0], null);
        await walk(s.page, version, s.lessons, 50);
        assert.match(s.lessons.url(), /quiz\.html$/);
        const quiz = await h.readQuiz(s.lessons);
        const n = quiz.questions.length;
        const raw = (v) => (v === '1.2' ? window.__cmi().core.score.raw : window.__cmi().score.raw);
        await h.answerQuiz(s.lessons, quiz, false);
        await s.lessons.locator('.quiz-submit').click();
        await s.page.waitForFunction(`(${raw})(${JSON.stringify(version)}) !== ''`);
        let { cmi, log } = await lmsState(s.page);
        const list = (c) => Object.values(c.interactions.childArray || c.interactions);
        if (version === '1.2') {
          assert.deepEqual([cmi.core.lesson_status, cmi.core.score.raw], ['failed', '0']);
        } else {
          assert.deepEqual([cmi.completion_status, cmi.success_status, cmi.score.raw, Number(cmi.score.scaled)], ['incomplete', 'failed', '0', 0],
            'a failed learner is not complete: completion waits for a pass');
          assert.ok(Number(cmi.progress_measure) < 1, 'progress stays below 1 while the quiz is not passed');
        }
        assert.deepEqual(statusesPerCommit(log, version), version === '1.2' ? ['incomplete', 'failed'] : ['incomplete/-', 'incomplete/unknown', 'incomplete/failed'],
          'statuses per commit: never completed before or after failing');
        assert.equal(list(cmi).length, n);
        assert.ok(list(cmi).every((it) => it.result === (version === '1.2' ? 'wrong' : 'incorrect')), 'every answer wrong');
        const retry = s.lessons.locator('.quiz-retry');
        assert.ok(await retry.isVisible(), 'the quiz offers another attempt');
        await retry.click();
        await h.answerQuiz(s.lessons, quiz, true);
        await s.lessons.locator('.quiz-submit').click();
        await s.page.waitForFunction(`(${raw})(${JSON.stringify(version)}) === '100'`);
        ({ cmi, log } = await lmsState(s.page));
        assert.equal(version === '1.2' ? cmi.core.lesson_status : cmi.success_status, 'passed');
        if (version === '2004') assert.deepEqual([cmi.completion_status, Number(cmi.progress_measure)], ['completed', 1]);
        assert.deepEqual(statusesPerCommit(log, version), version === '1.2' ? ['incomplete', 'failed', 'passed'] : ['incomplete/-', 'incomplete/unknown', 'incomplete/failed', 'completed/passed']);
        assert.equal(list(cmi).length, 2 * n, 'the second attempt adds its own interactions');
        assert.ok(list(cmi).slice(n).every((it) => it.result === 'correct'));
        assert.deepEqual(JSON.parse(cmi.suspend_data).q, [100, 1, 2]);
        await s.page.evaluate(() => window.__closeSco());
        ({ cmi, log } = await lmsState(s.page));
        assert.deepEqual([log.initialize, log.terminate], [1, 1]);
        assert.equal(version === '1.2' ? cmi.core.exit : cmi.exit, version === '1.2' ? '' : 'normal');
        assert.deepEqual(failedCalls(log), [], 'every call succeeded');
        await h.assertCleanConsole(s.page, s.w, `retry (${version})`);
        await s.context.close();
      } finally {
        await server.close();
      }
    });

    if (version === '1.2') test(`SCORM ${version} course: every SCO launches, initialises and terminates once`, async () => {
      const course = packagesOf(dist, 'en').find((p) => p.version === version && p.launches.length > 1);
      assert.ok(course, `no multi-SCO SCORM ${version} package`);
      const dir = lmsDir(course.file);
      const server = await h.serve(dir, '/lms/');
      try {
        for (const href of course.launches) {
          const s = await launch(server, version, href, null);
          await s.page.evaluate(() => window.__closeSco());
          const { log } = await lmsState(s.page);
          assert.deepEqual([log.initialize, log.terminate], [1, 1], href);
          assert.deepEqual(failedCalls(log), [], `${href}: every call succeeded`);
          await h.assertCleanConsole(s.page, s.w, href);
          h.assertLocalRequests(s.w, server.origin, href);
          await s.context.close();
        }
      } finally {
        await server.close();
      }
    });
  }

  test('SCORM 2004 course: one SCO across every module, each module recorded as an objective', async () => {
    const course = packagesOf(dist, 'en').find((p) => p.version === '2004' && /course-complete/.test(p.file));
    assert.ok(course, 'the sample\'s 2004 course package');
    assert.equal(course.launches.length, 1, 'one SCO: Moodle refuses every SCO after the first in one player visit (error 104)');
    const dir = lmsDir(course.file);
    const launchHtml = fs.readFileSync(path.join(dir, 'pkg', course.launches[0]), 'utf8');
    const modules = [...launchHtml.matchAll(/<li data-module="([^"]+)"/g)].map((m) => m[1]);
    const quizCount = (launchHtml.match(/class="sco-quiz"/g) || []).length;
    assert.ok(modules.length >= 2 && quizCount === modules.length, `${modules.length} modules, ${quizCount} quizzes`);
    const server = await h.serve(dir, '/lms/');
    try {
      const s = await launch(server, '2004', course.launches[0], null);
      const answers = [];
      const seen = new Set();
      for (let step = 0; step < 200; step++) {
        seen.add(s.lessons.url());
        if (/quiz\.html$/.test(s.lessons.url())) {
          const right = answers.length !== 1; // the second module's quiz is failed
          const quiz = await lms.submitQuiz(s.page, '2004', s.lessons, right);
          answers.push({ right, questions: quiz.questions.length });
          let { cmi } = await lmsState(s.page);
          if (answers.length < modules.length) {
            assert.deepEqual([cmi.completion_status, cmi.success_status], ['incomplete', 'unknown'], `after quiz ${answers.length}: not every quiz submitted yet`);
          }
        }
        if (!(await lms.next(s.lessons))) break;
        await s.page.waitForFunction((u) => window.__cmi().location === u, path.posix.relative(path.posix.dirname(course.launches[0]), new URL(s.lessons.url()).pathname.replace(/^\/lms\/pkg\//, '')));
      }
      assert.equal(answers.length, modules.length, 'the lessons lead through every module and its quiz');
      let { cmi, log } = await lmsState(s.page);
      assert.deepEqual([log.initialize, log.terminate], [1, 0], 'one session across all modules');
      const objectives = Object.values(cmi.objectives.childArray || cmi.objectives);
      assert.deepEqual(objectives.map((o) => o.id), modules, 'one objective per module, in order');
      objectives.forEach((o, i) => {
        const passed = answers[i].right;
        assert.equal(o.success_status, passed ? 'passed' : 'failed', `module ${o.id}`);
        assert.equal(o.completion_status, passed ? 'completed' : 'incomplete', `module ${o.id}`);
        assert.equal(o.score.raw, passed ? '100' : '0', `module ${o.id}`);
        assert.equal(Number(o.progress_measure) === 1, passed, `module ${o.id}: progress ${o.progress_measure}`);
      });
      const mean = String(Math.round(100 * answers.filter((a) => a.right).length / answers.length));
      assert.deepEqual([cmi.completion_status, cmi.success_status, cmi.score.raw], ['incomplete', 'failed', mean], 'one module failed: the course is failed, not complete');
      const interactions = Object.values(cmi.interactions.childArray || cmi.interactions);
      assert.equal(interactions.length, answers.reduce((a, b) => a + b.questions, 0), 'every question of every module');
      assert.ok(interactions.every((it) => modules.includes(it.id.split('.')[0]) && Object.values(it.objectives.childArray || it.objectives)[0].id === it.id.split('.')[0]), 'interactions named by their module');
      assert.ok(!statusesPerCommit(log, '2004').some((x) => x.startsWith('completed')), 'never completed while a module is failed');
      await s.page.evaluate(() => window.__closeSco());
      ({ cmi, log } = await lmsState(s.page));
      assert.deepEqual([log.initialize, log.terminate], [1, 1]);
      assert.equal(cmi.exit, 'suspend', 'unfinished: suspend');
      assert.deepEqual(failedCalls(log), [], 'every call succeeded');
      await h.assertCleanConsole(s.page, s.w, '2004 course');
      h.assertLocalRequests(s.w, server.origin, '2004 course');
      await s.context.close();

      // resumed: the objectives are found again by id, not appended twice
      const saved = { entry: 'resume', location: cmi.location, completion_status: cmi.completion_status, success_status: cmi.success_status, suspend_data: cmi.suspend_data,
        objectives: objectives.map((o) => ({ id: o.id, success_status: o.success_status, completion_status: o.completion_status })) };
      const again = await launch(server, '2004', course.launches[0], saved);
      assert.ok(new URL(again.lessons.url()).pathname.endsWith('/' + saved.location.replace(/^(\.\.\/)+/, '')), `resumed at the last page (${saved.location})`);
      await again.page.evaluate(() => window.__closeSco());
      ({ cmi, log } = await lmsState(again.page));
      assert.equal(Object.values(cmi.objectives.childArray || cmi.objectives).length, modules.length, 'no objective added twice');
      assert.deepEqual(failedCalls(log), []);
      await again.context.close();
    } finally {
      await server.close();
    }
  });

  test('inside a package: one compact lesson bar, no site chrome, fits a 650 px LMS frame', async () => {
    const pkg = packagesOf(dist, 'en').find((p) => p.version === '1.2' && !p.isCourse && p.hasQuiz);
    const dir = lmsDir(pkg.file);
    const server = await h.serve(dir, '/lms/');
    try {
      const s = await launch(server, '1.2', pkg.launches[0], null, false, 650);
      await walk(s.page, '1.2', s.lessons, 2); // the module's start page, then lessons 1 and 2
      const f = s.lessons;
      assert.equal(await f.locator('.site-header, .top-nav, .breadcrumbs, .course-nav, .footer-links').count(), 0, 'no site header, breadcrumbs, course list or site links');
      const bar = f.locator('header.package-bar');
      assert.match(await bar.innerText(), /·\s*Lesson 2 of \d+/, 'the module and the lesson\'s place');
      assert.equal(await bar.locator('a[rel="prev"]').count(), 1);
      assert.equal(await bar.locator('a[rel="next"]').count(), 1);
      assert.equal(await f.locator('.page-head .position').count(), 0, 'the place is said once');
      const [width, scroll] = await f.evaluate(() => [innerWidth, document.documentElement.scrollWidth]);
      assert.ok(width <= 650 && scroll <= width, `the lesson fits the frame (${scroll} in ${width})`);
      const barHeight = (await bar.boundingBox()).height;
      assert.ok(barHeight < 100, `a compact bar (${barHeight} px)`);
      // the quiz: its own intro, the bar names the module only
      await walk(s.page, '1.2', s.lessons, 50);
      assert.match(f.url(), /quiz\.html$/);
      assert.doesNotMatch(await f.locator('header.package-bar').innerText(), /questions/, 'the quiz intro is not repeated in the bar');
      await h.assertNoAxeViolations(s.page, 'package page at 650 px');
      await h.assertCleanConsole(s.page, s.w, 'package page at 650 px');
      await s.context.close();
    } finally {
      await server.close();
    }
  });

  for (const version of ['1.2', '2004']) {
    test(`SCORM ${version}: an LMS that refuses Initialize gets a refusal message, not "no platform"`, async () => {
      const pkg = packagesOf(dist, 'en').find((p) => p.version === version && !p.isCourse);
      const dir = lmsDir(pkg.file);
      const server = await h.serve(dir, '/lms/');
      try {
        const s = await launch(server, version, pkg.launches[0], null, true);
        const refused = s.sco.locator('.sco-refused');
        await refused.waitFor({ state: 'visible' });
        const code = version === '1.2' ? '101' : '104';
        assert.match(await refused.innerText(), new RegExp(`refused to start this module \\(error ${code}\\).*Leave the activity and enter it again`));
        assert.equal(await s.sco.locator('.sco-note').isVisible(), false, 'not the "no learning platform" note');
        assert.equal(await refused.getAttribute('role'), 'alert');
        assert.ok(await s.lessons.locator('main h1').count() > 0, 'the lessons still open');
        const { log } = await lmsState(s.page);
        const scoCalls = log.calls; // the host's own Initialize and Terminate are not logged
        assert.deepEqual(scoCalls.map((c) => [c.m, c.r, c.e]), [['Initialize', 'false', code]], 'one refused Initialize, then no call at all');
        await h.assertNoAxeViolations(s.page, `refusal message (${version})`);
        await s.context.close();
      } finally {
        await server.close();
      }
    });
  }

  test('opened from disk (file://), the launch page shows the lessons', async () => {
    const pkg = packagesOf(dist, 'en').find((p) => !p.isCourse);
    const dir = h.tempDir('file');
    unzip(pkg.file, dir);
    const context = await chrome.browser.newContext();
    try {
      const page = await context.newPage();
      const w = await h.watch(page);
      await page.goto(h.fileUrl(dir, pkg.launches[0]));
      await page.waitForSelector('.sco-note', { state: 'visible' });
      const frame = await (await page.waitForSelector('iframe.sco-frame')).contentFrame();
      await frame.waitForLoadState('load');
      assert.ok(await frame.locator('main h1').count() > 0, 'the first lesson is shown');
      await h.assertCleanConsole(page, w, 'launch page over file://');
      h.assertLocalRequests(w, null, 'launch page over file://');
    } finally {
      await context.close();
    }
  });

  test('without an LMS the launch page says so and the lessons still work', async () => {
    const pkg = packagesOf(dist, 'en').find((p) => !p.isCourse);
    const dir = h.tempDir('nolms');
    unzip(pkg.file, dir);
    const server = await h.serve(dir, '/alone/');
    const context = await chrome.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const w = await h.watch(page);
      await page.goto(server.base + pkg.launches[0]);
      await page.waitForSelector('.sco-note', { state: 'visible' });
      const frame = await (await page.waitForSelector('iframe.sco-frame')).contentFrame();
      await frame.waitForLoadState('load');
      assert.ok(await frame.locator('main h1').count() > 0, 'the first lesson is shown');
      const before = frame.url();
      await frame.locator('a[rel~="next"]').first().click();
      await frame.waitForURL((u) => u.href !== before);
      await h.assertNoAxeViolations(page, 'launch page without an LMS');
      await h.assertCleanConsole(page, w, 'launch page without an LMS');
      h.assertLocalRequests(w, server.origin, 'launch page without an LMS');
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('a module with a video: media, poster and captions are in the package and play in the LMS frame', async () => {
    const sample = path.join(h.REPO_ROOT, 'content/en/05-webinars');
    const root = h.writeSite({
      'site.yaml': 'title: Media package\nlanguages: [en]\n',
      'content/en/index.md': '---\ntitle: Home\n---\nWelcome.\n',
      'content/en/01-course/index.md': '---\ntitle: Course\nkind: course\n---\nAbout.\n',
      'content/en/01-course/01-mod/index.md': '---\ntitle: Module with a video\nkind: module\n---\nOverview.\n',
      'content/en/01-course/01-mod/01-video.md': '---\ntitle: Video lesson\n---\n![Interview with a mentor](talk.webm)\n',
      'content/en/01-course/01-mod/02-after.md': '---\ntitle: After\n---\nText.\n',
    }, 'media-package');
    const mod = path.join(root, 'content/en/01-course/01-mod');
    fs.copyFileSync(path.join(sample, 'mentor-interview.webm'), path.join(mod, 'talk.webm'));
    fs.copyFileSync(path.join(sample, 'mentor-interview.jpg'), path.join(mod, 'talk.jpg'));
    fs.copyFileSync(path.join(sample, 'mentor-interview.en.vtt'), path.join(mod, 'talk.en.vtt'));
    fs.copyFileSync(path.join(sample, 'mentor-interview.el.vtt'), path.join(mod, 'talk.el.vtt'));
    const out = h.build(root, 'media-package');
    for (const version of ['1.2', '2004']) {
      const pkg = packagesOf(out, 'en').find((p) => p.version === version && !p.isCourse);
      assert.ok(pkg, `a SCORM ${version} module package`);
      const dir = lmsDir(pkg.file);
      for (const f of ['talk.webm', 'talk.jpg', 'talk.en.vtt', 'talk.el.vtt']) {
        assert.ok(fs.existsSync(path.join(dir, 'pkg', 'mod', f)), `${f} in the SCORM ${version} package`);
      }
      const server = await h.serve(dir, '/lms/');
      try {
        const s = await launch(server, version, pkg.launches[0], null);
        for (let i = 0; i < 3 && !/video\.html$/.test(s.lessons.url()); i++) {
          const before = s.lessons.url();
          await s.lessons.locator('a[rel~="next"]').first().click();
          await s.lessons.waitForURL((u) => u.href !== before);
          await s.lessons.waitForLoadState('load');
        }
        assert.match(s.lessons.url(), /video\.html$/);
        const state = await s.lessons.evaluate(async () => {
          const v = document.querySelector('figure.media video');
          for (let i = 0; i < 200 && !(v.readyState >= 1 && v.textTracks[0] && v.textTracks[0].cues && v.textTracks[0].cues.length); i++) {
            await new Promise((r) => setTimeout(r, 50));
          }
          return { duration: v.duration, tracks: Array.from(v.textTracks).map((t) => [t.language, t.mode, t.cues ? t.cues.length : 0]) };
        });
        assert.ok(state.duration > 25, `the video loads in the LMS frame: ${JSON.stringify(state)}`);
        assert.deepEqual(state.tracks[0], ['en', 'showing', 9], `captions load in the LMS frame: ${JSON.stringify(state)}`);
        const failed = s.w.failed.filter((f) => !/\.webm \(net::ERR_ABORTED\)$/.test(f));
        assert.deepEqual(failed, [], 'no failed request');
        h.assertLocalRequests(s.w, server.origin, `SCORM ${version} video lesson`);
        await s.context.close();
      } finally {
        await server.close();
      }
    }
  });
});
