'use strict';
// The pure helpers of the SCORM runtime (themes/default/static/scorm.js), without a browser:
// time formats, interaction encodings, suspend_data, the quiz summary of a SCO, API discovery.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test } = require('node:test');
const h = require('./helpers');

const runtime = require(path.join(h.REPO_ROOT, 'themes/default/static/scorm.js'));

describe('scorm.js helpers', () => {
  test('session times in each version\'s format', () => {
    assert.equal(runtime.timespan12(312400), '0000:05:12.40');
    assert.equal(runtime.timespan12(0), '0000:00:00.00');
    assert.match(runtime.timespan12(1e12), /^\d{4}:\d\d:\d\d\.\d\d$/);
    assert.equal(runtime.timespan2004(3903250), 'PT1H5M3.25S');
    assert.equal(runtime.timespan2004(42000), 'PT42S');
    assert.equal(runtime.timespan2004(0), 'PT0S');
    assert.equal(runtime.timespan2004(60000), 'PT1M');
    assert.equal(runtime.timestamp2004(new Date(2024, 0, 5, 3, 4, 5)), '2024-01-05T03:04:05');
  });

  test('interactions: SCORM 1.2 single characters, SCORM 2004 identifiers and delimiters', () => {
    const quiz = [
      [{ type: 'single', correct: ['o2'] }, 'o3', 'choice', 'c', 'o3', ['b'], ['o2']],
      [{ type: 'multiple', correct: ['o1', 'o3'] }, ['o3', 'o1'], 'choice', 'c,a', 'o3[,]o1', ['a,c'], ['o1[,]o3']],
      [{ type: 'true_false', answer: false }, true, 'true-false', 't', 'true', ['f'], ['false']],
      [{ type: 'fill_in', answers: ['Six', '6'] }, ' {six [,] ', 'fill-in', '{six [,]', '(six ,', ['Six', '6'], ['Six', '6']],
      [{ type: 'matching', pairs: { l1: 'r1', l2: 'r2' } }, { l1: 'r2' }, 'matching', 'a.2', 'l1[.]r2', ['a.1,b.2'], ['l1[.]r1[,]l2[.]r2']],
      [{ type: 'ordering', order: ['i1', 'i2', 'i3'] }, ['i2', 'i1', 'i3'], 'sequencing', 'b,a,c', 'i2[,]i1[,]i3', ['a,b,c'], ['i1[,]i2[,]i3']],
    ];
    for (const [q, answer, type, r12, r2004, p12, p2004] of quiz) {
      const a = runtime.interaction('1.2', q, answer);
      const b = runtime.interaction('2004', q, answer);
      assert.deepEqual([a.type, a.response, a.patterns], [type, r12, p12], `1.2 ${q.type}`);
      assert.deepEqual([b.type, b.response, b.patterns], [type, r2004, p2004], `2004 ${q.type}`);
    }
    assert.equal(runtime.interaction('2004', { type: 'multiple', correct: ['o1'] }, []).response, null, 'unanswered');
    assert.equal(runtime.interactionId('q1'), 'q1');
    assert.equal(runtime.interactionId('ερώτηση-1'), encodeURIComponent('ερώτηση-1'));
  });

  test('suspend_data round-trips and stays compact', () => {
    const state = { visited: [true, false, true], quizzes: [{ best: 80, passed: true, attempts: 2 }] };
    const text = runtime.encodeState(state, 3);
    assert.equal(text, '{"v":1,"n":3,"p":"101","q":[80,1,2]}');
    assert.deepEqual(runtime.decodeState(text, 3, 1), state);
    assert.deepEqual(runtime.decodeState(text, 3), state, 'one quiz by default');
    assert.deepEqual(runtime.decodeState(text, 4).visited, [false, false, false, false], 'another lesson count');
    assert.deepEqual(runtime.decodeState('{"v":1,"n":2,"p":"11","q":[1e9,"x",-1]}', 2), { visited: [true, true], quizzes: [{ best: 0, passed: false, attempts: 0 }] });
    assert.equal(runtime.decodeState('nonsense', 2).quizzes[0].attempts, 0);
    const many = { visited: new Array(500).fill(true), quizzes: [{ best: 100, passed: true, attempts: 99 }] };
    assert.ok(runtime.encodeState(many, 500).length < 4096, '500 lessons fit SCORM 1.2');
    // a course SCO: one record per quiz, 0 for a quiz not yet submitted
    const course = { visited: [true, true], quizzes: [{ best: 90, passed: true, attempts: 1 }, { best: 0, passed: false, attempts: 0 }, { best: 40, passed: false, attempts: 2 }] };
    const courseText = runtime.encodeState(course, 2);
    assert.equal(courseText, '{"v":1,"n":2,"p":"11","q":[[90,1,1],0,[40,0,2]]}');
    assert.deepEqual(runtime.decodeState(courseText, 2, 3), course);
    assert.deepEqual(runtime.decodeState(courseText, 2, 2).quizzes.map((r) => r.attempts), [0, 0], 'another quiz count starts afresh');
  });

  test('a SCO\'s quizzes together: submitted, passed, the mean of the modules\' scores', () => {
    const r = (best, passed, attempts) => ({ best, passed, attempts });
    assert.deepEqual(runtime.summary([r(80, true, 1)]), { attempted: true, passed: true, any: true, score: 80 });
    assert.deepEqual(runtime.summary([r(100, true, 1), r(0, false, 0)]), { attempted: false, passed: false, any: true, score: 50 });
    assert.deepEqual(runtime.summary([r(100, true, 1), r(35, false, 1), r(70, true, 2)]), { attempted: true, passed: false, any: true, score: 68 });
    assert.deepEqual(runtime.summary([]), { attempted: false, passed: true, any: false, score: 0 }, 'no quiz: nothing to pass');
    // A course: the mean of its modules' scores, each the mean of its quizzes' best, so a
    // module with two quizzes weighs what a module with one does.
    const two = [r(100, true, 1), r(100, true, 1), r(0, false, 0)];
    assert.equal(runtime.summary(two, ['m1', 'm2', 'm2']).score, 75, '(100 + (100 + 0) / 2) / 2');
    assert.equal(runtime.summary(two).score, 67, 'one module: the mean of its quizzes');
    assert.equal(runtime.summary([r(100, true, 1), r(0, false, 0), r(0, false, 0)], ['m1', 'm2', 'm2']).score, 50);
    // each module's score is rounded as its objective reports it, then the course's
    assert.equal(runtime.summary([r(25, false, 1), r(0, false, 1), r(27, false, 1), r(0, false, 1)], ['a', 'a', 'b', 'b']).score, 14, '(13 + 14) / 2 = 13.5');
    assert.equal(runtime.summary([r(80, true, 1)], ['__proto__']).score, 80, 'any module id');
  });

  test('no unload handler, no eval, no dialog', () => {
    const src = fs.readFileSync(path.join(h.REPO_ROOT, 'themes/default/static/scorm.js'), 'utf8');
    assert.doesNotMatch(src, /['"]unload['"]|onunload|\beval\(|new Function|\balert\(|\bconfirm\(|returnValue/);
    assert.match(src, /addEventListener\('pagehide'/);
  });

  test('the API search walks parents, then the opener', () => {
    const api = { LMSInitialize() {} };
    const top = { API: api };
    top.parent = top;
    const mid = { parent: top };
    const leaf = { parent: mid, top };
    assert.equal(runtime.findApi(leaf, 'API'), api);
    assert.equal(runtime.findApi(leaf, 'API_1484_11'), null);
    const opener = { API_1484_11: api };
    opener.parent = opener;
    const popup = { top: null };
    popup.parent = popup;
    popup.top = popup;
    popup.opener = opener;
    assert.equal(runtime.findApi(popup, 'API_1484_11'), api);
    const hostile = {};
    Object.defineProperty(hostile, 'API', { get() { throw new Error('cross-origin'); } });
    hostile.parent = top;
    assert.equal(runtime.findApi(hostile, 'API'), api, 'a window that throws is skipped');
  });
});

