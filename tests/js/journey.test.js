// Tests for the learner's journey rules in themes/default/static/journey.js and the progress
// store's journey fields in kyklos.js (run: node --test tests/js/).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const K = require(path.join(__dirname, '../../themes/default/static/journey.js'));
const { createProgressStore, sanitize } = require(path.join(__dirname, '../../themes/default/static/kyklos.js'));

const P = { lesson: 10, quiz: 50, first_try: 25, perfect: 25 };
const LEVELS = [{ min: 0, name: 'Newcomer' }, { min: 100, name: 'Explorer' }, { min: 250, name: 'Learner' }];
const DAY = 86400000;

/** A site of one course: module A (2 lessons, a quiz), module B (1 lesson, a quiz), module C (1 lesson, no quiz). */
function site(extraBadges) {
  return {
    lang: 'en',
    scope: 'kyklos:abcd1234',
    site: 'Sample',
    points: P,
    levels: LEVELS,
    courses: [{
      key: 'en/c/index.html',
      title: 'Course',
      url: 'c/index.html',
      modules: [
        { key: 'en/c/a/index.html', title: 'A', url: 'c/a/index.html', lessons: ['en/c/a/1.html', 'en/c/a/2.html'], quizzes: [{ key: 'en/c/a/quiz.html', title: 'Quiz A', pass: 70 }] },
        { key: 'en/c/b/index.html', title: 'B', url: 'c/b/index.html', lessons: ['en/c/b/1.html'], quizzes: [{ key: 'en/c/b/quiz.html', title: 'Quiz B', pass: 70 }] },
        { key: 'en/c/c/index.html', title: 'C, "the last"', url: 'c/c/index.html', lessons: ['en/c/c/1.html'], quizzes: [] }
      ]
    }],
    checklists: ['en/g/1.html', 'en/g/2.html'],
    badges: [
      { id: 'module', name: 'Module completed', rule: { modules: 1 } },
      { id: 'perfect', name: 'Perfect score', rule: { perfect: 1 } },
      { id: 'course', name: 'Course completed', rule: { courses: 1 } },
      { id: 'checklists', name: 'Checklists done', rule: { checklists: 'all' } }
    ].concat(extraBadges || []),
    t: {
      points: { one: '{n} point', other: '{n} points' },
      journey_earned: { one: 'You earned {n} point.', other: 'You earned {n} points.' },
      csv_course: { other: 'Course' }
    }
  };
}

function empty() {
  return sanitize(null);
}

function storage() {
  const data = new Map();
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k) };
}

test('points: lessons read, quizzes passed, first-try and perfect bonuses', () => {
  const d = empty();
  assert.equal(K.pointsOf(d, P), 0);
  d.read = { 'en/c/a/1.html': 5, 'en/c/a/2.html': 6 };
  d.quizzes['en/c/a/quiz.html'] = { best: 100, passed: true, attempts: 1, first: true, passedAt: 7, perfectAt: 7 };
  d.quizzes['en/c/b/quiz.html'] = { best: 80, passed: true, attempts: 3, passedAt: 8 };
  d.quizzes['x/failed.html'] = { best: 40, passed: false, attempts: 2 };
  assert.equal(K.pointsOf(d, P), 20 + (50 + 25 + 25) + 50);
  assert.equal(K.pointsOf(d, { lesson: 0, quiz: 0, first_try: 0, perfect: 0 }), 0);
  // a visited page that is not a lesson (no `read` entry) earns nothing
  d.visited['en/index.html'] = 1;
  assert.equal(K.pointsOf(d, P), 170);
});

test('levels by thresholds, with the next one', () => {
  assert.deepEqual(K.levelOf(0, LEVELS), { number: 1, min: 0, name: 'Newcomer', next: { min: 100, name: 'Explorer' } });
  assert.equal(K.levelOf(99, LEVELS).number, 1);
  assert.equal(K.levelOf(100, LEVELS).number, 2);
  const top = K.levelOf(1225, LEVELS);
  assert.equal(top.name, 'Learner');
  assert.equal(top.next, null);
});

test('the store records lesson reads, first-try passes and times; old data stays valid', () => {
  const s = storage();
  const store = createProgressStore(s, 'kyklos:t');
  store.markVisited('en/c/a/1.html', true, 1000);
  store.markVisited('en/c/a/1.html', true, 2000);
  store.markVisited('en/index.html', false, 3000);
  let d = store.load();
  assert.deepEqual(d.read, { 'en/c/a/1.html': 1000 }, 'the first read counts, once');
  assert.equal(d.visited['en/index.html'], 1);
  store.recordQuiz('q', 100, true, 5000);
  store.recordQuiz('q', 60, false, 6000);
  assert.deepEqual(store.quiz('q'), { best: 100, passed: true, attempts: 2, first: true, at: 6000, passedAt: 5000, perfectAt: 5000 });
  store.recordQuiz('r', 40, false, 7000);
  store.recordQuiz('r', 80, true, 8000);
  assert.equal(store.quiz('r').first, undefined, 'passed at the second try: no bonus');
  assert.equal(store.quiz('r').passedAt, 8000);
  // data written before the journey existed loads as it was
  const old = createProgressStore(storage(), 'kyklos:o');
  old.save({ v: 1, visited: { a: 1 }, quizzes: { q: { best: 90, passed: true, attempts: 1 } } });
  assert.deepEqual(old.load(), { v: 1, visited: { a: 1 }, quizzes: { q: { best: 90, passed: true, attempts: 1 } } });
  // checklists keep when they were first complete
  store.recordChecklist('en/g/1.html', 2, 3, 100);
  store.recordChecklist('en/g/1.html', 3, 3, 200);
  store.recordChecklist('en/g/1.html', 3, 3, 300);
  d = store.load();
  assert.deepEqual(d.lists['en/g/1.html'], { done: 3, total: 3, at: 200 });
  // a course reset forgets the course's reads too
  store.resetKeys(['en/c/a/1.html']);
  assert.deepEqual(store.load().read, {});
});

test('module and course state: read, best, passed, last activity, points, complete', () => {
  const J = site();
  const d = empty();
  d.read = { 'en/c/a/1.html': 10 * DAY };
  d.visited['en/c/a/1.html'] = 1;
  d.quizzes['en/c/a/quiz.html'] = { best: 60, passed: false, attempts: 1, at: 11 * DAY };
  let c = K.courseState(J.courses[0], d, P);
  assert.equal(c.complete, false);
  assert.equal(c.left, 3);
  const a = c.modules[0];
  assert.deepEqual([a.read, a.total, a.best, a.taken, a.passed, a.last, a.points, a.percent], [1, 2, 60, true, false, 11 * DAY, 10, 33]);
  d.quizzes['en/c/a/quiz.html'] = { best: 90, passed: true, attempts: 2, at: 12 * DAY, passedAt: 12 * DAY };
  d.quizzes['en/c/b/quiz.html'] = { best: 100, passed: true, attempts: 1, first: true, at: 13 * DAY, passedAt: 13 * DAY, perfectAt: 13 * DAY };
  c = K.courseState(J.courses[0], d, P);
  assert.equal(c.left, 1, 'module C has no quiz: it counts once its lesson is read');
  d.read['en/c/c/1.html'] = 14 * DAY;
  c = K.courseState(J.courses[0], d, P);
  assert.equal(c.complete, true, 'every module quiz passed (and C read): the certificate is earned');
  assert.equal(c.completeAt, 14 * DAY);
  assert.equal(c.modules[0].done, false, 'module A still has an unread lesson');
  assert.equal(c.modules[1].points, 50 + 25 + 25, "module B: its lesson unread, its quiz passed first time with 100%");
});

test('badges: built-in rules, site rules over the same facts, dates and what is needed', () => {
  const J = site([
    { id: 'reader', name: 'Reader', rule: { lessons: 3 } },
    { id: 'keen', name: 'Keen', rule: { points: 100, quizzes: 2 } },
    { id: 'first', name: 'First try', rule: { first_try: 1 } }
  ]);
  const d = empty();
  let badges = K.badgesOf(d, J);
  assert.deepEqual(badges.map((b) => b.state.earned), [false, false, false, false, false, false, false]);
  const reader = badges.find((b) => b.badge.id === 'reader').state;
  assert.deepEqual(reader.needs, [{ fact: 'lessons', have: 0, need: 3 }]);
  assert.deepEqual(badges.find((b) => b.badge.id === 'checklists').state.needs, [{ fact: 'checklists', have: 0, need: 2 }]);
  d.read = { 'en/c/a/1.html': 1 * DAY, 'en/c/a/2.html': 2 * DAY, 'en/c/b/1.html': 3 * DAY };
  d.quizzes['en/c/a/quiz.html'] = { best: 100, passed: true, attempts: 1, first: true, passedAt: 4 * DAY, perfectAt: 4 * DAY };
  badges = K.badgesOf(d, J);
  const state = (id) => badges.find((b) => b.badge.id === id).state;
  assert.deepEqual([state('module').earned, state('module').at], [true, 4 * DAY], 'module A: read and passed on day 4');
  assert.deepEqual([state('perfect').earned, state('perfect').at], [true, 4 * DAY]);
  assert.deepEqual([state('reader').earned, state('reader').at], [true, 3 * DAY], 'the third lesson was read on day 3');
  assert.equal(state('first').earned, true);
  assert.equal(state('keen').earned, false);
  assert.deepEqual(state('keen').needs, [{ fact: 'quizzes', have: 1, need: 2 }], 'points (130) are enough, quizzes not yet');
  d.quizzes['en/c/b/quiz.html'] = { best: 70, passed: true, attempts: 2, passedAt: 5 * DAY };
  d.lists = { 'en/g/1.html': { done: 4, total: 4, at: 6 * DAY }, 'en/g/2.html': { done: 1, total: 3, at: 0 } };
  badges = K.badgesOf(d, J);
  assert.deepEqual([state('keen').earned, state('keen').at], [true, 5 * DAY]);
  assert.equal(state('checklists').earned, false);
  d.lists['en/g/2.html'] = { done: 3, total: 3, at: 7 * DAY };
  badges = K.badgesOf(d, J);
  assert.deepEqual([state('checklists').earned, state('checklists').at], [true, 7 * DAY]);
  // a lesson read before times were kept was read before all the others: the third read is
  // still dated; with three undated reads the date is unknown
  d.read['en/c/a/1.html'] = 0;
  badges = K.badgesOf(d, J);
  assert.deepEqual([state('reader').earned, state('reader').at], [true, 3 * DAY]);
  d.read['en/c/a/2.html'] = 0;
  d.read['en/c/b/1.html'] = 0;
  badges = K.badgesOf(d, J);
  assert.deepEqual([state('reader').earned, state('reader').at], [true, 0]);
  // an `all` rule over nothing (a site without checklists) cannot be earned: not shown
  const none = Object.assign(site(), { checklists: [] });
  assert.equal(K.badgesOf(empty(), none).find((b) => b.badge.id === 'checklists').state.available, false);
});

test('changes: points gained, a new level, badges earned since before', () => {
  const J = site();
  const before = empty();
  const after = JSON.parse(JSON.stringify(before));
  after.read = { 'en/c/a/1.html': 1, 'en/c/a/2.html': 2 };
  after.quizzes['en/c/a/quiz.html'] = { best: 100, passed: true, attempts: 1, first: true, passedAt: 3, perfectAt: 3 };
  const c = K.changes(before, after, J);
  assert.equal(c.gained, 120);
  assert.equal(c.points, 120);
  assert.equal(c.level.name, 'Explorer');
  assert.deepEqual(c.badges.map((b) => b.id), ['module', 'perfect']);
  assert.deepEqual(K.changes(after, after, J), { gained: 0, points: 120, level: null, badges: [] });
});

test('visited lessons from before points existed are counted once, without a date', () => {
  const J = site();
  const d = empty();
  d.visited = { 'en/c/a/1.html': 1, 'en/index.html': 1 };
  assert.equal(K.backfillRead(d, J), true);
  assert.deepEqual(d.read, { 'en/c/a/1.html': 0 });
  assert.equal(K.backfillRead(d, J), false);
  assert.equal(K.pointsOf(d, P), 10);
});

test('strings: CLDR plural forms and placeholders', () => {
  const J = site();
  assert.equal(K.text(J, 'points', {}, 1), '1 point');
  assert.equal(K.text(J, 'points', {}, 1225), '1225 points');
  assert.equal(K.text(J, 'unknown_key'), 'unknown_key');
  const ar = Object.assign(site(), { lang: 'ar', t: { x: { zero: 'z{n}', one: 'o', two: 't', few: 'f{n}', many: 'm{n}', other: 'x{n}' } } });
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => K.text(ar, 'x', {}, n)), ['z0', 'o', 't', 'f3', 'm11', 'x100']);
});

test('export and import: round trip, another site, corrupt files', () => {
  const J = site();
  const d = empty();
  d.read = { 'en/c/a/1.html': 5 };
  d.quizzes.q = { best: 80, passed: true, attempts: 1 };
  const file = K.exportFile(d, J, Date.UTC(2026, 11, 4));
  assert.equal(file.kind, 'kyklos-progress');
  assert.equal(file.exported, '2026-12-04T00:00:00.000Z');
  const back = K.parseImport(JSON.stringify(file), J.scope);
  assert.equal(back.ok, true);
  assert.deepEqual(sanitize(back.progress), d);
  assert.deepEqual(K.parseImport('\uFEFF' + JSON.stringify(file), J.scope).ok, true);
  assert.deepEqual(K.parseImport(JSON.stringify(file), 'kyklos:other'), { ok: false, reason: 'other', site: 'Sample' });
  for (const bad of ['', '{', 'null', '[]', '42', '{"kind":"kyklos-progress","v":2,"progress":{}}', '{"kind":"x","v":1,"progress":{}}',
    '{"kind":"kyklos-progress","v":1,"progress":[]}', '{"kind":"kyklos-progress","v":1}', undefined, 7]) {
    assert.deepEqual(K.parseImport(bad, J.scope), { ok: false, reason: 'bad' }, String(bad));
  }
  // whatever a file holds, the store's cleaning makes it well-formed before a merge
  const hostile = { v: 1, visited: { __proto__: 1, a: 'x' }, quizzes: { q: { best: 1e9, passed: 'yes', attempts: -1, passedAt: 'soon' } }, read: { k: -5 }, lists: { l: { done: 9, total: 3 } } };
  const clean = sanitize(hostile);
  assert.deepEqual(clean.quizzes.q, { best: 100, passed: false, attempts: 0 });
  assert.deepEqual(clean.read, { k: 0 });
  assert.deepEqual(clean.lists.l, { done: 3, total: 3, at: 0 });
});

test('merge never lowers a score and unites what was done', () => {
  const here = empty();
  here.visited = { a: 1 };
  here.read = { a: 100 };
  here.quizzes = { q: { best: 90, passed: true, attempts: 3, first: true, at: 50, passedAt: 40 }, r: { best: 50, passed: false, attempts: 1, at: 10 } };
  const there = empty();
  there.visited = { b: 1 };
  there.read = { a: 20, b: 30 };
  there.quizzes = { q: { best: 60, passed: false, attempts: 1, at: 70 }, r: { best: 100, passed: true, attempts: 2, at: 60, passedAt: 60, perfectAt: 60 }, s: { best: 70, passed: true, attempts: 1 } };
  there.lists = { g: { done: 2, total: 2, at: 9 } };
  const { data, changed } = K.merge(here, there);
  assert.deepEqual(data.visited, { a: 1, b: 1 });
  assert.deepEqual(data.read, { a: 20, b: 30 }, 'the earliest read time is kept');
  assert.deepEqual(data.quizzes.q, { best: 90, passed: true, attempts: 3, first: true, at: 70, passedAt: 40 }, 'a lower score never replaces a better one');
  assert.deepEqual(data.quizzes.r, { best: 100, passed: true, attempts: 2, at: 60, passedAt: 60, perfectAt: 60 });
  assert.deepEqual(data.quizzes.s, { best: 70, passed: true, attempts: 1 });
  assert.deepEqual(data.lists.g, { done: 2, total: 2, at: 9 });
  assert.equal(changed, 5);
  assert.equal(here.quizzes.r.best, 50, 'the inputs are not changed');
  assert.equal(K.merge(data, here).changed, 0, 'merging what is already there changes nothing');
});

test('CSV: one row per lesson and quiz, quoted, no formulas, BOM for spreadsheets', () => {
  const J = site();
  J.courses[0].title = '=HYPERLINK("x")';
  const d = empty();
  d.read = { 'en/c/a/1.html': Date.UTC(2026, 0, 2) };
  d.quizzes['en/c/a/quiz.html'] = { best: 80, passed: true, attempts: 2, passedAt: Date.UTC(2026, 0, 3) };
  const csv = K.toCsv(d, J);
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines.length, 1 + 4 + 2, 'header, four lessons, two quizzes');
  assert.equal(lines[0].split(',')[0], 'Course');
  assert.ok(lines[1].startsWith('"\'=HYPERLINK(""x"")"'), lines[1]);
  assert.ok(lines[1].endsWith(',2026-01-02'), lines[1]);
  assert.ok(lines[3].includes(',80,2,2026-01-03'), lines[3]);
  assert.ok(lines[6].includes('"C, ""the last"""'), lines[6]);
});

test('a date is written with the digits 0–9 and the Gregorian calendar in every language', () => {
  const day = Date.UTC(2026, 11, 6, 12);
  for (const lang of ['fa', 'ar', 'ar-EG', 'ps', 'ur', 'th', 'ja', 'zh-Hant-TW', 'en']) {
    const text = K.formatDate(day, lang);
    assert.match(text, /2026/, `${lang}: ${text}`);
    assert.doesNotMatch(text, /[\u0660-\u0669\u06f0-\u06f9\u0e50-\u0e59\u3007\u4e00-\u4e5d]{2}|1405|2569|令和/, `${lang}: ${text}`);
  }
});
