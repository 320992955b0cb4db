// Tests for themes/default/static/quiz-score.js (run: node --test tests/js/)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { score, normalizeText } = require(path.join(__dirname, '../../themes/default/static/quiz-score.js'));

function sample(overrides) {
  return Object.assign({
    version: 1, key: 'en/course/mod/quiz.html', pass_mark: 70, shuffle_questions: false,
    shuffle_options: true, max_attempts: 0, show_answers: 'after_submit',
    questions: [
      { id: 'q1', type: 'single', points: 1, correct: ['o1'], options: ['o1', 'o2', 'o3'] },
      { id: 'q2', type: 'multiple', points: 2, partial_credit: true, correct: ['o1', 'o3'], options: ['o1', 'o2', 'o3', 'o4'] },
      { id: 'q3', type: 'true_false', points: 1, answer: false },
      { id: 'q4', type: 'fill_in', points: 1, answers: ['6', 'six'], case_sensitive: false },
      { id: 'q5', type: 'matching', points: 1, partial_credit: false, pairs: { l1: 'r1', l2: 'r2', l3: 'r3' } },
      { id: 'q6', type: 'ordering', points: 1, partial_credit: false, order: ['i1', 'i2', 'i3'] }
    ]
  }, overrides);
}

const allRight = {
  q1: 'o1', q2: ['o3', 'o1'], q3: false, q4: ' Six ',
  q5: { l1: 'r1', l2: 'r2', l3: 'r3' }, q6: ['i1', 'i2', 'i3']
};

function one(question, answer, extra) {
  const quiz = sample(Object.assign({ questions: [question] }, extra));
  return score(quiz, { [question.id]: answer });
}

function q(r) { return r.questions[0]; }

test('all answers right gives full marks', () => {
  const r = score(sample(), allRight);
  assert.equal(r.score, 7);
  assert.equal(r.max, 7);
  assert.equal(r.percent, 100);
  assert.equal(r.passed, true);
  assert.equal(r.questions.length, 6);
  for (const x of r.questions) {
    assert.equal(x.correct, true, x.id);
    assert.equal(x.partly, false, x.id);
    assert.equal(x.answered, true, x.id);
    assert.equal(x.score, x.max, x.id);
  }
  assert.deepEqual(r.questions.map((x) => [x.id, x.type]),
    [['q1', 'single'], ['q2', 'multiple'], ['q3', 'true_false'], ['q4', 'fill_in'], ['q5', 'matching'], ['q6', 'ordering']]);
});

test('no answers at all: zero and unanswered everywhere', () => {
  for (const answers of [{}, undefined, null]) {
    const r = score(sample(), answers);
    assert.equal(r.score, 0);
    assert.equal(r.percent, 0);
    assert.equal(r.passed, false);
    for (const x of r.questions) {
      assert.equal(x.answered, false, x.id);
      assert.equal(x.correct, false, x.id);
      assert.equal(x.partly, false, x.id);
      assert.equal(x.score, 0, x.id);
    }
  }
});

test('single choice: right, wrong, unanswered', () => {
  const question = sample().questions[0];
  assert.equal(q(one(question, 'o1')).score, 1);
  assert.equal(q(one(question, 'o1')).correct, true);
  const wrong = q(one(question, 'o2'));
  assert.deepEqual([wrong.score, wrong.correct, wrong.answered], [0, false, true]);
  for (const a of [null, undefined, '']) {
    const r = q(one(question, a));
    assert.deepEqual([r.score, r.answered], [0, false]);
  }
  // several correct options: any of them scores
  const multi = { id: 'q', type: 'single', points: 1, correct: ['a', 'b'], options: ['a', 'b', 'c'] };
  assert.equal(q(one(multi, 'b')).correct, true);
});

test('multiple choice all-or-nothing', () => {
  const question = { id: 'm', type: 'multiple', points: 2, correct: ['o1', 'o3'], options: ['o1', 'o2', 'o3', 'o4'] };
  assert.equal(q(one(question, ['o1', 'o3'])).score, 2);
  assert.equal(q(one(question, ['o3', 'o1', 'o1'])).score, 2, 'duplicates ignored');
  assert.equal(q(one(question, ['o1'])).score, 0);
  assert.equal(q(one(question, ['o1'])).partly, false);
  assert.equal(q(one(question, ['o1', 'o2', 'o3'])).score, 0);
  assert.equal(q(one(question, [])).answered, false);
  assert.equal(q(one(question, null)).answered, false);
});

test('multiple choice partial credit', () => {
  const question = sample().questions[1];
  const half = q(one(question, ['o1']));
  assert.deepEqual([half.score, half.partly, half.correct, half.answered], [1, true, false, true]);
  const netZero = q(one(question, ['o1', 'o2']));
  assert.deepEqual([netZero.score, netZero.partly, netZero.correct], [0, false, false]);
  const negative = q(one(question, ['o2', 'o4']));
  assert.equal(negative.score, 0, 'never below zero');
  const mixed = q(one(question, ['o1', 'o3', 'o4']));
  assert.equal(mixed.score, 1);
  const thirds = { id: 't', type: 'multiple', points: 1, partial_credit: true, correct: ['a', 'b', 'c'], options: ['a', 'b', 'c', 'd'] };
  assert.equal(q(one(thirds, ['a'])).score, 0.33, 'rounded to 2 decimals');
  assert.equal(q(one(thirds, ['a', 'b'])).score, 0.67);
});

test('true/false', () => {
  const question = { id: 'tf', type: 'true_false', points: 1, answer: true };
  assert.equal(q(one(question, true)).correct, true);
  assert.equal(q(one(question, false)).correct, false);
  assert.equal(q(one(question, false)).answered, true);
  assert.equal(q(one(question, null)).answered, false);
  assert.equal(q(one(question, 'true')).answered, false, 'strings are not booleans');
  const f = { id: 'tf', type: 'true_false', points: 1, answer: false };
  assert.equal(q(one(f, false)).correct, true);
});

test('fill in: folding of case, spaces and Unicode normalisation', () => {
  const question = { id: 'f', type: 'fill_in', points: 1, answers: ['Café au lait'], case_sensitive: false };
  for (const a of ['Café au lait', 'café au lait', '  CAFÉ   au\tlait \n', 'Cafe\u0301 au lait', 'CAFE\u0301 AU LAIT']) {
    assert.equal(q(one(question, a)).correct, true, JSON.stringify(a));
  }
  for (const a of ['Cafe au lait', 'Caféaulait', 'Café au laitx']) {
    const r = q(one(question, a));
    assert.deepEqual([r.correct, r.answered], [false, true], a);
  }
  for (const a of ['', '   ', null, undefined]) {
    assert.equal(q(one(question, a)).answered, false, JSON.stringify(a));
  }
  const decomposedKey = { id: 'f', type: 'fill_in', points: 1, answers: ['e\u0301t\u00e9'] };
  assert.equal(q(one(decomposedKey, '\u00e9t\u00e9')).correct, true);
  const several = sample().questions[3];
  assert.equal(q(one(several, '6')).correct, true);
  assert.equal(q(one(several, 'SIX')).correct, true);
  assert.equal(q(one(several, '7')).correct, false);
});

test('fill in: case sensitive answers', () => {
  const question = { id: 'f', type: 'fill_in', points: 1, answers: ['NaCl'], case_sensitive: true };
  assert.equal(q(one(question, ' NaCl ')).correct, true);
  assert.equal(q(one(question, 'nacl')).correct, false);
  assert.equal(q(one(question, 'NACL')).correct, false);
});

test('fill in: every apostrophe, quotation mark, dash and ellipsis a keyboard types', () => {
  // A phone's smart punctuation types ’ for ', a Ukrainian layout ʼ (U+02BC).
  const uk = { id: 'f', type: 'fill_in', points: 1, answers: ["сім'ю"], case_sensitive: true };
  for (const a of ["сім'ю", 'сім\u2019ю', 'сім\u02BCю', 'сім\u2018ю', 'сім\u201Bю']) {
    assert.equal(q(one(uk, a)).correct, true, a);
  }
  assert.equal(q(one(uk, 'сімю')).correct, false);
  assert.equal(q(one(uk, 'сім"ю')).correct, false, 'a double quote is not an apostrophe');
  const typographic = { id: 'f', type: 'fill_in', points: 1, answers: ['сім\u2019ю', '\u201EJa\u201C', '1914\u20131918', 'usw\u2026'] };
  for (const a of ["сім'ю", '"ja"', '«Ja»', '\u201CJa\u201D', '1914-1918', '1914\u20141918', '1914\u22121918', 'usw...']) {
    assert.equal(q(one(typographic, a)).correct, true, a);
  }
  assert.equal(q(one(typographic, '1914 1918')).correct, false);
  assert.equal(normalizeText("L\u2019eau \u00ABd\u2019ici\u00BB \u2013 oui\u2026"), 'l\'eau "d\'ici" - oui...');
});

test('fill in: full-width and half-width forms a Japanese, Chinese or Korean IME types', () => {
  // An IME in full-width mode types １９９５ and Ｊａｐａｎｅｓｅ; a half-width katakana keyboard ﾆｹﾞﾙ.
  const year = { id: 'f', type: 'fill_in', points: 1, answers: ['1995'] };
  for (const a of ['1995', '１９９５', '\u3000１９９５\u3000', '１995']) {
    assert.equal(q(one(year, a)).correct, true, a);
  }
  assert.equal(q(one(year, '一九九五')).correct, false, 'CJK numerals are another answer');
  const word = { id: 'f', type: 'fill_in', points: 1, answers: ['Plain Japanese', 'ニゲル'] };
  for (const a of ['Ｐｌａｉｎ\u3000Ｊａｐａｎｅｓｅ', 'ｐｌａｉｎ japanese', 'ﾆｹﾞﾙ']) {
    assert.equal(q(one(word, a)).correct, true, a);
  }
  const fullKey = { id: 'f', type: 'fill_in', points: 1, answers: ['Ａ－５'], case_sensitive: true };
  assert.equal(q(one(fullKey, 'A-5')).correct, true, 'a key written full-width takes half-width too');
  assert.equal(q(one(fullKey, 'a-5')).correct, false);
  assert.equal(normalizeText('（１）！？'), '(1)!?');
});

test('normalizeText', () => {
  assert.equal(normalizeText('  A\u00a0 B\tc  '), 'a b c');
  assert.equal(normalizeText('E\u0301'), '\u00e9');
  assert.equal(normalizeText('E\u0301', true), '\u00c9');
  assert.equal(normalizeText(null), '');
  assert.equal(normalizeText(42), '');
});

test('matching: all-or-nothing and partial credit', () => {
  const question = sample().questions[4];
  assert.equal(q(one(question, { l1: 'r1', l2: 'r2', l3: 'r3' })).correct, true);
  const two = q(one(question, { l1: 'r1', l2: 'r2', l3: 'r1' }));
  assert.deepEqual([two.score, two.correct, two.partly, two.answered], [0, false, false, true]);
  const partial = Object.assign({}, question, { partial_credit: true, points: 3 });
  const r = q(one(partial, { l1: 'r1', l2: 'r3', l3: 'r3' }));
  assert.deepEqual([r.score, r.partly, r.correct], [2, true, false]);
  const incomplete = q(one(partial, { l1: 'r1' }));
  assert.equal(incomplete.score, 1, 'missing pairs count as wrong');
  assert.equal(q(one(question, {})).answered, false);
  assert.equal(q(one(question, { l1: '' })).answered, false);
  assert.equal(q(one(question, { zz: 'r1' })).answered, false, 'unknown left items are ignored');
});

test('ordering: exact order and partial credit', () => {
  const question = sample().questions[5];
  assert.equal(q(one(question, ['i1', 'i2', 'i3'])).correct, true);
  assert.equal(q(one(question, ['i2', 'i1', 'i3'])).score, 0);
  assert.equal(q(one(question, ['i1', 'i2', null])).score, 0);
  const partial = Object.assign({}, question, { partial_credit: true, points: 3 });
  const r = q(one(partial, ['i2', 'i1', 'i3']));
  assert.deepEqual([r.score, r.partly, r.correct], [1, true, false]);
  assert.equal(q(one(partial, ['i1', null, 'i3'])).score, 2, 'unset positions are wrong');
  assert.equal(q(one(partial, ['i3', 'i1', 'i2'])).score, 0);
  assert.equal(q(one(question, [null, null, null])).answered, false);
  assert.equal(q(one(question, [])).answered, false);
});

test('percent is rounded down, so a failing score never shows the pass mark', () => {
  // 139 of 200 points = 69.5 %: shows 69 and does not pass a 70 % mark
  const question = { id: 'm', type: 'multiple', points: 200, partial_credit: true,
    correct: Array.from({ length: 200 }, (_, i) => 'c' + i), options: [] };
  const chosen = Array.from({ length: 139 }, (_, i) => 'c' + i);
  const r = one(question, chosen);
  assert.equal(r.score, 139);
  assert.equal(r.percent, 69);
  assert.equal(r.passed, false);
  const exactly = one(question, Array.from({ length: 140 }, (_, i) => 'c' + i));
  assert.equal(exactly.percent, 70);
  assert.equal(exactly.passed, true, 'exactly the pass mark passes');
});

test('floating point error does not fail an exact pass mark', () => {
  // 7 of 10 questions with partial thirds adding up to exactly 70 %
  const qs = [];
  for (let i = 0; i < 10; i++) qs.push({ id: 'q' + i, type: 'multiple', points: 1, partial_credit: true, correct: ['a', 'b', 'c'] });
  const answers = {};
  for (let i = 0; i < 7; i++) answers['q' + i] = ['a', 'b', 'c'];
  const r = score(sample({ questions: qs, pass_mark: 70 }), answers);
  assert.equal(r.passed, true);
  const thirds = score(sample({ questions: qs.slice(0, 3), pass_mark: 100 / 3 }), { q0: ['a', 'b', 'c'] });
  assert.equal(thirds.passed, true);
});

test('fractional totals are rounded to two decimals', () => {
  const qs = [0, 1, 2].map((i) => ({ id: 'q' + i, type: 'multiple', points: 1, partial_credit: true, correct: ['a', 'b', 'c'] }));
  const r = score(sample({ questions: qs }), { q0: ['a'], q1: ['a'], q2: ['a'] });
  assert.equal(r.score, 1);
  const r2 = score(sample({ questions: qs }), { q0: ['a'], q1: ['a'] });
  assert.equal(r2.score, 0.67);
  assert.equal(r2.percent, 22);
});

test('zero-max quiz', () => {
  const empty = score(sample({ questions: [] }), {});
  assert.deepEqual([empty.score, empty.max, empty.percent], [0, 0, 0]);
  assert.equal(empty.passed, false);
  const zeroPoints = score(sample({ questions: [{ id: 'a', type: 'single', points: 0, correct: ['x'] }], pass_mark: 0 }), { a: 'x' });
  assert.deepEqual([zeroPoints.score, zeroPoints.max, zeroPoints.percent, zeroPoints.passed], [0, 0, 0, true]);
  assert.equal(zeroPoints.questions[0].correct, true);
});

test('points default to 1', () => {
  const r = score(sample({ questions: [{ id: 'a', type: 'single', correct: ['x'] }] }), { a: 'x' });
  assert.deepEqual([r.score, r.max], [1, 1]);
});

test('malformed answers never throw', () => {
  const weird = [undefined, null, 0, 1, NaN, true, false, '', 'x', [], [null], [1, {}], {}, { l1: 5 },
    { l1: null }, () => 1, Symbol('s'), new Date(0), Object.create(null)];
  for (const w of weird) {
    const answers = {};
    for (const question of sample().questions) answers[question.id] = w;
    assert.doesNotThrow(() => score(sample(), answers), String(typeof w));
    const r = score(sample(), answers);
    assert.ok(r.score >= 0 && r.score <= r.max);
    assert.equal(r.passed, false);
  }
  assert.doesNotThrow(() => score(sample(), 'nonsense'));
  assert.doesNotThrow(() => score(sample(), [1, 2]));
  const proto = JSON.parse('{"__proto__": {"q1": "o1"}}');
  assert.equal(score(sample(), proto).score, 0);
});

test('malformed questions are scored as zero instead of throwing', () => {
  const quiz = sample({ questions: [null, { id: 'x', type: 'essay', points: 2 },
    { id: 'y', type: 'matching', pairs: null }, { id: 'z', type: 'multiple', correct: 'o1' },
    { id: 'w', type: 'ordering', order: 'abc' }] });
  const r = score(quiz, { x: 'text', y: { a: 'b' }, z: ['o1'], w: ['a'] });
  assert.equal(r.questions.length, 4);
  assert.equal(r.score, 0);
  assert.equal(r.max, 5);
});

test('unknown or missing version throws', () => {
  assert.throws(() => score(sample({ version: 2 }), allRight), /version/);
  assert.throws(() => score(sample({ version: '1' }), allRight), /version/);
  const noVersion = sample();
  delete noVersion.version;
  assert.throws(() => score(noVersion, allRight), /version/);
  assert.throws(() => score(null, allRight));
  assert.throws(() => score('quiz', allRight));
});
