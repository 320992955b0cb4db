// Tests for the progress store in themes/default/static/kyklos.js (run: node --test tests/js/)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createProgressStore, sanitize } = require(path.join(__dirname, '../../themes/default/static/kyklos.js'));

const SCOPE = 'kyklos:1a2b3c4d';
const KEY = SCOPE + ':progress';

/** A minimal in-memory localStorage. */
function fakeStorage(initial) {
  const data = new Map(Object.entries(initial || {}));
  return {
    data,
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => { data.set(k, String(v)); },
    removeItem: (k) => { data.delete(k); }
  };
}

function throwingStorage(which) {
  const s = fakeStorage();
  const fail = () => { throw new Error('SecurityError'); };
  for (const m of which) s[m] = fail;
  return s;
}

const EMPTY = { v: 1, visited: {}, quizzes: {} };

test('empty storage loads an empty store', () => {
  const store = createProgressStore(fakeStorage(), SCOPE);
  assert.deepEqual(store.load(), EMPTY);
  assert.equal(store.quiz('a'), null);
  assert.equal(store.isDone('a'), false);
});

test('markVisited persists under <scope>:progress', () => {
  const storage = fakeStorage();
  const store = createProgressStore(storage, SCOPE);
  store.markVisited('en/course/lesson.html');
  store.markVisited('en/course/lesson.html');
  assert.deepEqual(JSON.parse(storage.data.get(KEY)),
    { v: 1, visited: { 'en/course/lesson.html': 1 }, quizzes: {} });
  assert.equal(store.isDone('en/course/lesson.html'), true);
  // a second store over the same storage (next page) sees it
  assert.equal(createProgressStore(storage, SCOPE).isDone('en/course/lesson.html'), true);
  // another site's scope does not
  assert.equal(createProgressStore(storage, 'kyklos:other').isDone('en/course/lesson.html'), false);
});

test('recordQuiz keeps the best percent, passed ever, and counts attempts', () => {
  const storage = fakeStorage();
  const store = createProgressStore(storage, SCOPE);
  const k = 'en/course/mod/quiz.html';
  assert.deepEqual(store.recordQuiz(k, 50, false), { best: 50, passed: false, attempts: 1 });
  assert.equal(store.isDone(k), false, 'a failed quiz is not done');
  assert.deepEqual(store.recordQuiz(k, 90, true), { best: 90, passed: true, attempts: 2 });
  assert.deepEqual(store.recordQuiz(k, 40, false), { best: 90, passed: true, attempts: 3 });
  assert.deepEqual(store.quiz(k), { best: 90, passed: true, attempts: 3 });
  assert.equal(store.isDone(k), true);
  assert.deepEqual(JSON.parse(storage.data.get(KEY)).quizzes[k], { best: 90, passed: true, attempts: 3 });
  // odd percent values are clamped
  assert.equal(store.recordQuiz('x', 250, false).best, 100);
  assert.equal(store.recordQuiz('y', NaN, false).best, 0);
  assert.equal(store.recordQuiz('y', '80', 'yes').passed, false);
});

test('the returned entry is a copy', () => {
  const store = createProgressStore(fakeStorage(), SCOPE);
  const entry = store.recordQuiz('q', 60, false);
  entry.best = 100;
  assert.equal(store.quiz('q').best, 60);
});

test('corrupt JSON falls back to an empty store and is overwritten on write', () => {
  for (const bad of ['{not json', '', 'null', '42', '"text"', '[]', 'true']) {
    const storage = fakeStorage({ [KEY]: bad });
    const store = createProgressStore(storage, SCOPE);
    assert.deepEqual(store.load(), EMPTY, JSON.stringify(bad));
    store.markVisited('a');
    assert.deepEqual(JSON.parse(storage.data.get(KEY)), { v: 1, visited: { a: 1 }, quizzes: {} });
  }
});

test('an old or unknown version is ignored', () => {
  for (const v of [0, 2, '1', null, undefined]) {
    const storage = fakeStorage({ [KEY]: JSON.stringify({ v, visited: { a: 1 }, quizzes: {} }) });
    assert.deepEqual(createProgressStore(storage, SCOPE).load(), EMPTY, String(v));
  }
});

test('wrong types are sanitized field by field', () => {
  const raw = {
    v: 1,
    visited: { a: 1, b: true, c: 'yes', d: 0, e: null, f: {}, '': 1 },
    quizzes: {
      good: { best: 80, passed: true, attempts: 2 },
      strings: { best: '80', passed: 'true', attempts: '2' },
      range: { best: 400, passed: 1, attempts: -3 },
      fraction: { best: -5, passed: false, attempts: 1.5 },
      notObject: 5,
      list: [1, 2],
      nil: null
    },
    extra: 'ignored'
  };
  const storage = fakeStorage({ [KEY]: JSON.stringify(raw) });
  const data = createProgressStore(storage, SCOPE).load();
  assert.deepEqual(data, {
    v: 1,
    visited: { a: 1, b: 1 },
    quizzes: {
      good: { best: 80, passed: true, attempts: 2 },
      strings: { best: 0, passed: false, attempts: 0 },
      range: { best: 100, passed: false, attempts: 0 },
      fraction: { best: 0, passed: false, attempts: 0 }
    }
  });
  const notMaps = fakeStorage({ [KEY]: JSON.stringify({ v: 1, visited: ['a'], quizzes: 'x' }) });
  assert.deepEqual(createProgressStore(notMaps, SCOPE).load(), EMPTY);
});

test('__proto__ keys do not pollute anything', () => {
  const text = '{"v":1,"visited":{"__proto__":1,"a":1},"quizzes":{"__proto__":{"best":1,"passed":true,"attempts":1}}}';
  const store = createProgressStore(fakeStorage({ [KEY]: text }), SCOPE);
  const data = store.load();
  assert.deepEqual(Object.keys(data.visited), ['a']);
  assert.deepEqual(Object.keys(data.quizzes), []);
  assert.equal(store.isDone('__proto__'), false);
  assert.equal(store.isDone('toString'), false, 'inherited names are not progress');
  assert.equal(store.quiz('constructor'), null);
  store.markVisited('__proto__');
  assert.equal(({}).a, undefined);
});

test('sanitize accepts anything', () => {
  for (const x of [undefined, null, 1, 'a', [], () => 1, { v: 1 }, { v: 1, visited: null, quizzes: null }]) {
    assert.deepEqual(sanitize(x), EMPTY);
  }
});

test('storage that throws on read falls back to memory', () => {
  const store = createProgressStore(throwingStorage(['getItem', 'setItem', 'removeItem']), SCOPE);
  assert.deepEqual(store.load(), EMPTY);
  store.markVisited('a');
  assert.equal(store.isDone('a'), true, 'kept in memory for this page');
  assert.deepEqual(store.recordQuiz('q', 70, true), { best: 70, passed: true, attempts: 1, first: true });
  assert.deepEqual(store.recordQuiz('q', 50, false), { best: 70, passed: true, attempts: 2, first: true });
  store.reset();
  assert.deepEqual(store.load(), EMPTY);
});

test('storage that throws on write (quota) keeps working in memory', () => {
  const storage = fakeStorage({ [KEY]: JSON.stringify({ v: 1, visited: { old: 1 }, quizzes: {} }) });
  storage.setItem = () => { throw new Error('QuotaExceededError'); };
  const store = createProgressStore(storage, SCOPE);
  store.markVisited('new');
  assert.equal(store.isDone('old'), true);
  assert.equal(store.isDone('new'), true, 'not lost although it could not be saved');
  assert.equal(store.recordQuiz('q', 10, false).attempts, 1);
  assert.equal(store.recordQuiz('q', 20, false).attempts, 2);
});

test('no storage at all (null) works in memory', () => {
  const store = createProgressStore(null, '');
  store.markVisited('a');
  assert.equal(store.isDone('a'), true);
});

test('reset clears the stored progress', () => {
  const storage = fakeStorage({ other: 'kept' });
  const store = createProgressStore(storage, SCOPE);
  store.markVisited('a');
  store.recordQuiz('q', 100, true);
  store.reset();
  assert.deepEqual(store.load(), EMPTY);
  assert.equal(storage.data.has(KEY), false);
  assert.equal(storage.data.get('other'), 'kept');
  assert.equal(store.isDone('q'), false);
});

test('invalid keys are ignored', () => {
  const storage = fakeStorage();
  const store = createProgressStore(storage, SCOPE);
  for (const k of [undefined, null, '', 5, {}]) {
    assert.doesNotThrow(() => store.markVisited(k));
    assert.equal(store.isDone(k), false);
    assert.equal(store.quiz(k), null);
  }
  assert.deepEqual(store.load(), EMPTY);
});

test('loading kyklos.js with a fake document adds the js class only', () => {
  // the page behaviour is not run under node (module.exports exists), but the class is added
  const classes = new Set();
  const fakeDocument = { documentElement: { classList: { add: (c) => classes.add(c) } } };
  const vm = require('node:vm');
  const fs = require('node:fs');
  const src = fs.readFileSync(path.join(__dirname, '../../themes/default/static/kyklos.js'), 'utf8');
  const mod = { exports: {} };
  vm.runInNewContext(src, { document: fakeDocument, module: mod });
  assert.ok(classes.has('js'));
  assert.equal(typeof mod.exports.createProgressStore, 'function');
});
