/* kyklos quiz.js — the quiz page UI (loaded with defer after kyklos.js and quiz-score.js).
 *
 * Enhances form.quiz[data-quiz] (rendered by the builder): shuffles when the quiz asks for it,
 * scores on submit with KyklosQuizScore, shows per-question results, feedback, explanations and
 * (depending on show_answers) the correct answers, records progress in KyklosProgress, limits
 * attempts, and dispatches "kyklos:quiz-scored" on document with
 * { key, quiz, answers, result } so a SCORM runtime can report the attempt.
 * Shows the submit button (hidden in the page: without this script it would do nothing) and
 * hides the note that scoring needs JavaScript; a quiz it cannot score gets class
 * "quiz-unscored", which shows the note again.
 * Only toggles `hidden`, classes, attributes and textContent: all page text comes from the builder.
 */
(function () {
  'use strict';

  const form = document.querySelector('form.quiz[data-quiz]');
  if (!form) return;
  const scorer = window.KyklosQuizScore;

  let quiz = null;
  try {
    quiz = JSON.parse(form.dataset.quiz);
    if (!quiz || quiz.version !== 1 || !Array.isArray(quiz.questions)) throw new Error('bad quiz');
    quiz.questions = quiz.questions.filter(function (q) { return q && typeof q === 'object' && !Array.isArray(q); });
  } catch (e) {
    quiz = null;
  }
  if (!quiz || !scorer) {
    // The quiz cannot be scored: the submit button stays hidden and the note shows again.
    form.classList.add('quiz-unscored');
    return;
  }

  const key = quiz.key || document.body.dataset.key || '';
  const noProgress = { recordQuiz: function () { return null; }, quiz: function () { return null; } };
  const progress = window.KyklosProgress || noProgress;
  const list = form.querySelector('.quiz-questions');
  const submit = form.querySelector('.quiz-submit');
  const retry = form.querySelector('.quiz-retry');
  const resultBox = form.querySelector('.quiz-result') || form.appendChild(document.createElement('div'));
  const bestBox = form.querySelector('.quiz-best');
  const attemptsBox = form.querySelector('.quiz-attempts');
  const maxAttempts = Number.isInteger(quiz.max_attempts) && quiz.max_attempts > 0 ? quiz.max_attempts : 0;
  const STATE_CLASSES = ['is-correct', 'is-incorrect', 'is-partly', 'is-unanswered', 'is-answer',
    'is-passed', 'is-failed', 'is-scored'];

  function $$(selector, scope) {
    return Array.from((scope || form).querySelectorAll(selector));
  }

  function msg(name, vars) {
    const text = form.dataset['msg' + name] || '';
    return text.replace(/\{(\w+)\}/g, function (all, k) {
      return vars && Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : all;
    });
  }

  // A message as a node: in a <span lang dir> when the page's language lacks it and it is
  // another language's (data-msg-<name>-lang="it ltr"); plural forms share their message's.
  function marked(text, name) {
    const mark = form.dataset['msg' + name + 'Lang'];
    if (!mark || !text) return document.createTextNode(text || '');
    const [lang, dir] = mark.split(' ');
    return Object.assign(document.createElement('span'), { lang: lang, dir: dir, textContent: text });
  }

  let plurals = null;
  try {
    plurals = new Intl.PluralRules(form.dataset.plural || document.documentElement.lang || undefined);
  } catch (e) {
    plurals = null;
  }

  /** msg() in the CLDR plural form for n (data-msg-<name>-one, -few, …: "1 Punkt", "1,5 бала"),
   * else the message itself, which is the "other" form. n is rounded as num() shows it. */
  function msgFor(name, n, vars) {
    const category = plurals ? plurals.select(Math.round(Number(n) * 100) / 100) : 'other';
    const plural = name + category.charAt(0).toUpperCase() + category.slice(1);
    return msg(category !== 'other' && form.dataset['msg' + plural] !== undefined ? plural : name, vars);
  }

  /** A number as the builder writes it: at most two decimals, the separator of the language
   * of the message it goes into (data-msg-<name>-decimal where another language lends the
   * message, else the page's data-decimal: "0,5" in German), digits 0-9 as on the rest of the page. */
  function num(n, name) {
    const r = Math.round(Number(n) * 100) / 100;
    if (!isFinite(r)) return '0';
    return String(r === 0 ? 0 : r).replace('.', form.dataset['msg' + name + 'Decimal'] || form.dataset.decimal || '.');
  }

  function shuffled(items) {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  const questionEls = new Map($$('.quiz-question').map(function (li) { return [li.dataset.qid, li]; }));
  function questionEl(id) {
    return questionEls.get(id) || null;
  }

  function sameOrder(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  function shuffleQuestion(q, li) {
    if (q.type === 'single' || q.type === 'multiple') {
      const box = li.querySelector('.q-options');
      if (box) shuffled(Array.from(box.children)).forEach(function (el) { box.appendChild(el); });
    } else if (q.type === 'matching') {
      // one shuffled order of the right-hand choices, shared by every select of the question
      const selects = $$('select', li);
      if (!selects.length) return;
      const order = shuffled(Array.from(selects[0].options).slice(1).map(function (o) { return o.value; }));
      selects.forEach(function (sel) {
        const byValue = {};
        Array.from(sel.options).slice(1).forEach(function (o) { byValue[o.value] = o; });
        order.forEach(function (v) { if (byValue[v]) sel.appendChild(byValue[v]); });
      });
    } else if (q.type === 'ordering') {
      // scramble the items (never into the right order); positions stay 1…n in each select
      const rows = $$('.q-order', li);
      if (rows.length < 2) return;
      const parent = rows[0].parentNode;
      let next = shuffled(rows);
      const ids = function (els) { return els.map(function (r) { return r.dataset.item; }); };
      for (let tries = 0; tries < 5 && sameOrder(ids(next), q.order || []); tries++) next = shuffled(rows);
      if (sameOrder(ids(next), q.order || [])) next.push(next.shift());
      next.forEach(function (r) { parent.appendChild(r); });
    }
  }

  function shuffle() {
    if (quiz.shuffle_options === true) {
      quiz.questions.forEach(function (q) {
        const li = questionEl(q.id);
        if (li) shuffleQuestion(q, li);
      });
    }
    if (quiz.shuffle_questions === true && list) {
      shuffled($$('.quiz-question', list)).forEach(function (li) { list.appendChild(li); });
      $$('.quiz-question', list).forEach(function (li, i) {
        const n = li.querySelector('.q-number');
        if (n) n.textContent = n.textContent.replace(/\d+/, String(i + 1));
      });
    }
  }

  function collect(q, li) {
    if (q.type === 'single' || q.type === 'true_false') {
      const checked = li.querySelector('input[type="radio"]:checked');
      if (!checked) return null;
      return q.type === 'true_false' ? checked.value === 'true' : checked.value;
    }
    if (q.type === 'multiple') {
      return $$('input[type="checkbox"]:checked', li).map(function (i) { return i.value; });
    }
    if (q.type === 'fill_in') {
      const input = li.querySelector('.q-fill input');
      return input ? input.value : '';
    }
    if (q.type === 'matching') {
      const answer = {};
      $$('select[data-left]', li).forEach(function (s) { if (s.value) answer[s.dataset.left] = s.value; });
      return answer;
    }
    if (q.type === 'ordering') {
      const selects = $$('select[data-item]', li);
      const order = selects.map(function () { return null; });
      selects.forEach(function (s) {
        const pos = parseInt(s.value, 10) - 1;
        if (pos >= 0 && pos < order.length && order[pos] === null) order[pos] = s.dataset.item;
      });
      return order;
    }
    return null;
  }

  function showAnswers(result) {
    const mode = quiz.show_answers === undefined ? 'after_submit' : quiz.show_answers;
    return mode === 'after_submit' || (mode === 'after_pass' && result.passed);
  }

  function markOptions(q, li, reveal) {
    const correct = q.type === 'true_false' ? [String(q.answer)] : (q.correct || []);
    $$('.q-option', li).forEach(function (opt) {
      const input = opt.querySelector('input');
      const right = correct.indexOf(opt.dataset.oid) >= 0;
      if (input && input.checked) {
        opt.classList.add(right ? 'is-correct' : 'is-incorrect');
        const fb = opt.querySelector('.feedback');
        if (fb && fb.textContent.trim()) {
          fb.hidden = false;
          if (fb.id) input.setAttribute('aria-describedby', fb.id);
        }
      }
      if (reveal && right) opt.classList.add('is-answer');
    });
  }

  function markRows(q, li) {
    $$('select[data-left]', li).forEach(function (s) {
      if (s.value) s.parentNode.classList.add(s.value === (q.pairs || {})[s.dataset.left] ? 'is-correct' : 'is-incorrect');
    });
    $$('select[data-item]', li).forEach(function (s) {
      const pos = parseInt(s.value, 10) - 1;
      if (s.value) s.parentNode.classList.add((q.order || [])[pos] === s.dataset.item ? 'is-correct' : 'is-incorrect');
    });
    const fill = li.querySelector('.q-fill');
    const input = fill && fill.querySelector('input');
    if (input && q.type === 'fill_in' && input.value.trim()) {
      fill.classList.add(li.classList.contains('is-correct') ? 'is-correct' : 'is-incorrect');
    }
  }

  function showQuestion(q, r, li, reveal) {
    li.classList.add(r.correct ? 'is-correct' : r.partly ? 'is-partly' : 'is-incorrect');
    if (!r.answered) li.classList.add('is-unanswered');
    const state = !r.answered ? 'Unanswered' : r.correct ? 'Correct' : r.partly ? 'Partly' : 'Incorrect';
    const parts = [marked(msg(state), state)];
    if ((r.max > 0 && r.max !== 1) || r.partly) {
      parts.push(' — ', marked(msgFor('Points', r.max, { score: num(r.score, 'Points'), max: num(r.max, 'Points') }), 'Points'));
    }
    const out = li.querySelector('.q-result');
    if (out) { out.replaceChildren.apply(out, parts); out.hidden = false; }
    markOptions(q, li, reveal);
    markRows(q, li);
    $$('.explanation', li).forEach(function (el) { el.hidden = false; });
    if (reveal) $$('.q-answer', li).forEach(function (el) { el.hidden = false; });
  }

  function setControlsDisabled(disabled) {
    $$('.quiz-questions input, .quiz-questions select, .quiz-questions textarea').forEach(function (c) {
      c.disabled = disabled;
    });
  }

  function renderBest() {
    const entry = progress.quiz(key);
    if (bestBox && entry && entry.attempts > 0 && form.dataset.msgBest) {
      bestBox.replaceChildren(marked(msg('Best', { percent: num(entry.best, 'Best') }), 'Best'));
      bestBox.hidden = false;
    }
    const used = entry ? entry.attempts : 0;
    const left = maxAttempts - used;
    if (maxAttempts && attemptsBox) {
      attemptsBox.replaceChildren(left > 0 ? marked(msg('AttemptsLeft', { n: left }), 'AttemptsLeft') : marked(msg('NoAttempts'), 'NoAttempts'));
      attemptsBox.hidden = false;
    }
    return maxAttempts === 0 || left > 0;
  }

  function onSubmit(event) {
    event.preventDefault();
    if (form.classList.contains('is-scored') || (submit && submit.disabled)) return;
    const answers = {};
    quiz.questions.forEach(function (q) {
      const li = questionEl(q.id);
      answers[q.id] = li ? collect(q, li) : null;
    });
    const result = scorer.score(quiz, answers);
    const reveal = showAnswers(result);
    result.questions.forEach(function (r, i) {
      const li = questionEl(r.id);
      if (li) showQuestion(quiz.questions[i], r, li, reveal); // same order as quiz.questions
    });
    setControlsDisabled(true);
    form.classList.add('is-scored', result.passed ? 'is-passed' : 'is-failed');
    const verdict = result.passed ? 'Passed' : 'Failed';
    const vars = { percent: num(result.percent, verdict), pass: num(quiz.pass_mark || 0, verdict) };
    resultBox.textContent = '';
    resultBox.classList.add(result.passed ? 'is-passed' : 'is-failed');
    const line = document.createElement('p');
    line.className = 'quiz-result-summary';
    line.appendChild(marked(msg(verdict, vars), verdict));
    const pts = document.createElement('p');
    pts.className = 'quiz-result-points';
    pts.appendChild(marked(msgFor('Points', result.max, { score: num(result.score, 'Points'), max: num(result.max, 'Points') }), 'Points'));
    resultBox.appendChild(line);
    if (pts.textContent) resultBox.appendChild(pts);
    // The questions not fully right, each a link to itself.
    const wrong = result.questions.filter(function (r) { return !r.correct; });
    if (wrong.length > 0 && form.dataset.msgReview) {
      const review = document.createElement('div');
      review.className = 'quiz-review';
      const head = document.createElement('p');
      head.appendChild(marked(msg('Review'), 'Review'));
      const ul = document.createElement('ul');
      wrong.forEach(function (r) {
        const li = questionEl(r.id);
        if (!li) return;
        const a = document.createElement('a');
        a.href = '#' + li.id;
        const number = li.querySelector('.q-number');
        // The question's number as the page shows it (marked where its words are another
        // language's).
        const label = number && number.lang ? Object.assign(document.createElement('span'), { lang: number.lang, dir: number.dir }) : a;
        label.textContent = number ? number.textContent : r.id;
        if (label !== a) a.appendChild(label);
        const item = document.createElement('li');
        item.appendChild(a);
        ul.appendChild(item);
      });
      review.appendChild(head);
      review.appendChild(ul);
      resultBox.appendChild(review);
    }
    progress.recordQuiz(key, result.percent, result.passed, Date.now());
    const more = renderBest();
    if (submit) submit.disabled = true;
    if (retry) retry.hidden = !more;
    document.dispatchEvent(new CustomEvent('kyklos:quiz-scored', {
      detail: { key: key, quiz: quiz, answers: answers, result: result }
    }));
    resultBox.setAttribute('tabindex', '-1');
    resultBox.focus();
  }

  function onRetry() {
    form.reset();
    setControlsDisabled(false);
    $$('.feedback, .q-result, .explanation, .q-answer').forEach(function (el) { el.hidden = true; });
    $$('.q-result').forEach(function (el) { el.textContent = ''; });
    $$('[aria-describedby^="fb-"]').forEach(function (el) { el.removeAttribute('aria-describedby'); });
    [form].concat($$('*')).forEach(function (el) { el.classList.remove.apply(el.classList, STATE_CLASSES); });
    resultBox.textContent = '';
    retry.hidden = true;
    const canSubmit = renderBest();
    if (submit) submit.disabled = !canSubmit;
    shuffle();
    const first = form.querySelector('.quiz-questions input:not([disabled]), .quiz-questions select:not([disabled])');
    if (first) first.focus();
  }

  $$('.quiz-noscript').forEach(function (el) { el.hidden = true; });
  if (submit) submit.hidden = false;
  shuffle();
  if (!renderBest() && submit) submit.disabled = true;
  form.addEventListener('submit', onSubmit);
  if (retry) retry.addEventListener('click', onRetry);
})();
