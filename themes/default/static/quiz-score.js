/* kyklos quiz-score.js — pure quiz scoring, shared by the browser (window.KyklosQuizScore)
 * and node (module.exports). No DOM access.
 *
 * score(quiz, answers) -> { score, max, percent, passed, questions: [{ id, type, score, max,
 *   correct, partly, answered }] }
 * quiz follows the JSON contract version 1 emitted by the builder (data-quiz); other versions
 * throw. answers is an object keyed by question id; malformed answers never throw, they count
 * as unanswered or wrong.
 */
(function (root) {
  'use strict';

  const EPSILON = 1e-9;

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function strings(v) {
    return Array.isArray(v) ? v.filter(function (s) { return typeof s === 'string'; }) : [];
  }

  function round2(n) {
    return Math.round(n * 100) / 100;
  }

  // Marks that keyboards and smart punctuation type differently for the same text: a phone
  // turns "сім'ю" into "сім’ю", a Ukrainian layout types "сімʼю" (U+02BC). Each kind is compared
  // as its ASCII form. The exports list the same answers in each spelling (src/export/spellings.rs).
  const APOSTROPHES = /['\u2018\u2019\u201A\u201B\u02BC\u2039\u203A]/g; // ' ‘ ’ ‚ ‛ ʼ ‹ ›
  const QUOTES = /["\u201C\u201D\u201E\u201F\u00AB\u00BB]/g; // " “ ” „ ‟ « »
  const DASHES = /[\u2010-\u2015\u2212]/g; // ‐ ‑ ‒ – — ― −
  const ELLIPSIS = /\u2026/g; // …
  // Full-width ASCII (１９９５, Ｊａｐａｎ, （）！？) that a Japanese, Chinese or Korean input method
  // types, and half-width katakana (ﾆｹﾞﾙ): compared in their ordinary width (NFKC of these only;
  // CJK numerals such as 一九九五 stay another answer).
  const WIDTHS = /[\uFF01-\uFF5E\uFF61-\uFFDC\uFFE0-\uFFEE]+/g;

  /** Unicode NFC, full-width and half-width forms in their ordinary width, one form of each
   * apostrophe, quote, dash and ellipsis, trim, collapse whitespace, and case-fold unless
   * caseSensitive. */
  function normalizeText(text, caseSensitive) {
    if (typeof text !== 'string') return '';
    let s = text.replace(WIDTHS, function (w) { return w.normalize('NFKC'); }).normalize('NFC').replace(APOSTROPHES, "'").replace(QUOTES, '"').replace(DASHES, '-')
      .replace(ELLIPSIS, '...').trim().replace(/\s+/g, ' ');
    if (!caseSensitive) s = s.toLowerCase().normalize('NFC');
    return s;
  }

  // Each rule returns { answered, fraction } with fraction in [0, 1].
  const rules = {
    single: function (q, a) {
      if (typeof a !== 'string' || a === '') return { answered: false, fraction: 0 };
      return { answered: true, fraction: strings(q.correct).indexOf(a) >= 0 ? 1 : 0 };
    },
    multiple: function (q, a) {
      const chosen = Array.from(new Set(strings(a).filter(Boolean)));
      if (chosen.length === 0) return { answered: false, fraction: 0 };
      const correct = new Set(strings(q.correct));
      const right = chosen.filter(function (o) { return correct.has(o); }).length;
      const wrong = chosen.length - right;
      if (correct.size === 0) return { answered: true, fraction: 0 };
      if (q.partial_credit === true) {
        return { answered: true, fraction: Math.max(0, (right - wrong) / correct.size) };
      }
      return { answered: true, fraction: right === correct.size && wrong === 0 ? 1 : 0 };
    },
    true_false: function (q, a) {
      if (typeof a !== 'boolean') return { answered: false, fraction: 0 };
      return { answered: true, fraction: a === q.answer ? 1 : 0 };
    },
    fill_in: function (q, a) {
      const cs = q.case_sensitive === true;
      const given = normalizeText(a, cs);
      if (given === '') return { answered: false, fraction: 0 };
      const ok = strings(q.answers).some(function (s) {
        const accepted = normalizeText(s, cs);
        return accepted !== '' && accepted === given;
      });
      return { answered: true, fraction: ok ? 1 : 0 };
    },
    matching: function (q, a) {
      const pairs = isObject(q.pairs) ? q.pairs : {};
      const lefts = Object.keys(pairs);
      if (!isObject(a)) return { answered: false, fraction: 0 };
      const given = lefts.filter(function (l) {
        return Object.prototype.hasOwnProperty.call(a, l) && typeof a[l] === 'string' && a[l] !== '';
      });
      if (given.length === 0 || lefts.length === 0) return { answered: false, fraction: 0 };
      const right = given.filter(function (l) { return a[l] === pairs[l]; }).length;
      return grade(q, right, lefts.length);
    },
    ordering: function (q, a) {
      const order = strings(q.order);
      if (!Array.isArray(a) || order.length === 0) return { answered: false, fraction: 0 };
      if (!a.some(function (x) { return typeof x === 'string' && x !== ''; })) {
        return { answered: false, fraction: 0 };
      }
      let right = 0;
      order.forEach(function (item, i) { if (a[i] === item) right += 1; });
      return grade(q, right, order.length);
    }
  };

  function grade(q, right, total) {
    if (q.partial_credit === true) return { answered: true, fraction: right / total };
    return { answered: true, fraction: right === total ? 1 : 0 };
  }

  function points(q) {
    return typeof q.points === 'number' && isFinite(q.points) && q.points >= 0 ? q.points : 1;
  }

  function score(quiz, answers) {
    if (!isObject(quiz)) throw new TypeError('kyklos quiz: not a quiz object');
    if (quiz.version !== 1) {
      throw new Error('kyklos quiz: unsupported quiz version ' + String(quiz.version));
    }
    const given = isObject(answers) ? answers : {};
    const questions = Array.isArray(quiz.questions) ? quiz.questions.filter(isObject) : [];
    let total = 0;
    let max = 0;
    const results = questions.map(function (q) {
      const rule = rules[q.type];
      const a = Object.prototype.hasOwnProperty.call(given, q.id) ? given[q.id] : undefined;
      let r = { answered: false, fraction: 0 };
      try {
        if (rule) r = rule(q, a);
      } catch (e) {
        r = { answered: false, fraction: 0 };
      }
      const fraction = Math.min(1, Math.max(0, Number(r.fraction) || 0));
      const p = points(q);
      const s = p * fraction;
      total += s;
      max += p;
      return {
        id: q.id,
        type: q.type,
        score: round2(s),
        max: p,
        correct: r.answered && fraction >= 1 - EPSILON,
        partly: r.answered && fraction > EPSILON && fraction < 1 - EPSILON,
        answered: r.answered
      };
    });
    const ratio = max > 0 ? (100 * total) / max : 0;
    const passMark = typeof quiz.pass_mark === 'number' && isFinite(quiz.pass_mark) ? quiz.pass_mark : 0;
    return {
      score: round2(total),
      max: round2(max),
      percent: Math.floor(ratio + 1e-9), // floor: 69.5 % never shows as a passing 70 %
      passed: ratio >= passMark - EPSILON,
      questions: results
    };
  }

  const api = { score: score, normalizeText: normalizeText };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.KyklosQuizScore = api;
})(this);
