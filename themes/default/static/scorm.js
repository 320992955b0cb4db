/* kyklos scorm.js — the SCORM runtime of a package's launch page (templates/sco.html).
 *
 * The launch page holds the one LMS session of a SCO; the module's pages run in its iframe and
 * report to it through package-bridge.js (postMessage: "visited" on every page, "quiz" when the
 * quiz is scored). This script:
 * 1. finds the LMS API by walking parent windows (up to 500), then the opener and its parents
 *    (`API` for SCORM 1.2, `API_1484_11` for 2004, as body[data-version] says);
 * 2. initialises once, reads entry, suspend_data and location, sets "incomplete" when the SCO
 *    was not attempted, and opens the iframe at the saved location (else the first page);
 * 3. reports progress (1.2 "incomplete" until the quiz is submitted, then passed/failed; a
 *    module without a quiz "completed" once every lesson was visited; 2004 completion only
 *    once the lessons were read and the quiz passed) and the quiz (interactions, status, then
 *    score: raw 0–100 with min 0 and max 100, 2004 also scaled), committing right away and
 *    the status before the score (Moodle reads the score against the stored status);
 * 4. keeps location and progress in suspend_data (compact JSON, well under 4,096 characters);
 * 5. commits when the page is hidden, and on pagehide/beforeunload sets session_time and exit
 *    (suspend unless finished) and terminates exactly once. No dialog, no unload handler.
 * Without an LMS it shows the page's note and the lessons work as on the site; when the LMS
 * is there but refuses Initialize it says so, with the LMS's error code (not "no LMS").
 * In node, module.exports exposes the pure helpers for tests (no DOM is touched).
 */
(function (root) {
  'use strict';

  // ---- pure helpers --------------------------------------------------------------------------

  const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const TARGETS = '123456789abcdefghijklmnopqrstuvwxyz0';

  const VERSIONS = {
    '1.2': {
      api: 'API', initialize: 'LMSInitialize', terminate: 'LMSFinish', get: 'LMSGetValue',
      set: 'LMSSetValue', commit: 'LMSCommit', error: 'LMSGetLastError',
      entry: 'cmi.core.entry', location: 'cmi.core.lesson_location', exit: 'cmi.core.exit',
      sessionTime: 'cmi.core.session_time', status: 'cmi.core.lesson_status', score: 'cmi.core.score',
      response: 'student_response', wrong: 'wrong', locationMax: 255, suspendMax: 4096
    },
    '2004': {
      api: 'API_1484_11', initialize: 'Initialize', terminate: 'Terminate', get: 'GetValue',
      set: 'SetValue', commit: 'Commit', error: 'GetLastError',
      entry: 'cmi.entry', location: 'cmi.location', exit: 'cmi.exit',
      sessionTime: 'cmi.session_time', status: 'cmi.completion_status', score: 'cmi.score',
      response: 'learner_response', wrong: 'incorrect', locationMax: 1000, suspendMax: 64000
    }
  };

  /** The API object `name` in `win` or one of its parents (at most 500 steps), else null. */
  function searchUp(win, name) {
    let w = win;
    for (let i = 0; w && i <= 500; i++) {
      try {
        if (w[name] && typeof w[name] === 'object') return w[name];
      } catch (e) { /* another origin: keep walking */ }
      let parent = null;
      try { parent = w.parent; } catch (e) { parent = null; }
      if (!parent || parent === w) break;
      w = parent;
    }
    return null;
  }

  /** Finds the LMS API from `win`: its parents first, then its top window's opener and its parents. */
  function findApi(win, name) {
    const found = searchUp(win, name);
    if (found) return found;
    let opener = null;
    try { opener = (win.top && win.top.opener) || win.opener || null; } catch (e) { opener = null; }
    return opener ? searchUp(opener, name) : null;
  }

  function pad(n, width) {
    let s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }

  /** SCORM 1.2 CMITimespan HHHH:MM:SS.SS (hours capped at 9999). */
  function timespan12(ms) {
    const cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 359999);
    const h = Math.floor(cs / 360000);
    const m = Math.floor(cs / 6000) % 60;
    const s = Math.floor(cs / 100) % 60;
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(cs % 100, 2);
  }

  /** SCORM 2004 ISO 8601 duration, at most two decimals on seconds: PT1H5M3.25S, PT0S. */
  function timespan2004(ms) {
    const cs = Math.max(0, Math.round(ms / 10));
    const h = Math.floor(cs / 360000);
    const m = Math.floor(cs / 6000) % 60;
    const s = (cs % 6000) / 100;
    let out = 'PT';
    if (h) out += h + 'H';
    if (m) out += m + 'M';
    if (s || (!h && !m)) out += String(Number(s.toFixed(2))) + 'S';
    return out;
  }

  /** SCORM 1.2 CMITime HH:MM:SS, local time. */
  function time12(d) {
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2);
  }

  /** SCORM 2004 time(second,10,0): YYYY-MM-DDThh:mm:ss, local time. */
  function timestamp2004(d) {
    return pad(d.getFullYear(), 4) + '-' + pad(d.getMonth() + 1, 2) + '-' + pad(d.getDate(), 2) +
      'T' + time12(d);
  }

  /** "o3" → 3 (the builder numbers options o1…, left sides l1…, right sides r1…, items i1…). */
  function indexOf(id) {
    const m = /^[a-z](\d+)$/.exec(String(id));
    return m ? parseInt(m[1], 10) : 0;
  }

  /** SCORM 1.2 responses are single characters 0-9 a-z; ids beyond 36 stay as they are. */
  function char12(id, alphabet) {
    const i = indexOf(id);
    return i >= 1 && i <= alphabet.length ? alphabet[i - 1] : String(id);
  }

  /** A fill-in text as a SCORM 2004 localized string: no "[,]" delimiters, no leading "{", ≤ 250. */
  function text2004(s) {
    return String(s).trim().replace(/\[[,.]\]/g, ',').replace(/^\{/, '(').slice(0, 250);
  }

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function stringList(v) {
    return Array.isArray(v) ? v.filter(function (x) { return typeof x === 'string' && x !== ''; }) : [];
  }

  /**
   * One question as a SCORM interaction: { type, response (null when unanswered), patterns }.
   * q follows the quiz JSON contract (version 1), answer the quiz UI's answer for q.
   */
  function interaction(version, q, answer) {
    const v12 = version === '1.2';
    const list = function (ids, alphabet) {
      return ids.map(function (id) { return v12 ? char12(id, alphabet) : id; }).join(v12 ? ',' : '[,]');
    };
    const pairs = function (map, lefts) {
      return lefts.filter(function (l) { return typeof map[l] === 'string' && map[l] !== ''; })
        .map(function (l) {
          return v12 ? char12(l, CHARS) + '.' + char12(map[l], TARGETS) : l + '[.]' + map[l];
        }).join(v12 ? ',' : '[,]');
    };
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const chosen = q.type === 'single' ? stringList([answer]) : stringList(answer);
        return { type: 'choice', response: chosen.length ? list(chosen, CHARS) : null, patterns: [list(stringList(q.correct), CHARS)] };
      }
      case 'true_false': {
        const word = function (b) { return v12 ? (b ? 't' : 'f') : String(b); };
        return { type: 'true-false', response: typeof answer === 'boolean' ? word(answer) : null, patterns: [word(q.answer === true)] };
      }
      case 'fill_in': {
        const clean = function (s) { return v12 ? String(s).trim().slice(0, 255) : text2004(s); };
        const seen = {};
        const patterns = stringList(q.answers).map(clean).filter(function (s) {
          if (s === '' || seen[s]) return false;
          seen[s] = true;
          return true;
        }).slice(0, 10);
        const given = typeof answer === 'string' ? clean(answer) : '';
        return { type: 'fill-in', response: given === '' ? null : given, patterns: patterns };
      }
      case 'matching': {
        const key = isObject(q.pairs) ? q.pairs : {};
        const lefts = Object.keys(key);
        const given = isObject(answer) ? pairs(answer, lefts) : '';
        return { type: 'matching', response: given === '' ? null : given, patterns: [pairs(key, lefts)] };
      }
      case 'ordering': {
        const given = stringList(answer);
        return { type: 'sequencing', response: given.length ? list(given, CHARS) : null, patterns: [list(stringList(q.order), CHARS)] };
      }
      default:
        return null;
    }
  }

  /** An interaction id: the question id, percent-encoded when it is not plain ASCII. */
  function interactionId(qid) {
    return encodeURIComponent(String(qid)).slice(0, 250) || 'q';
  }

  /** One quiz's record: [best, passed, attempts] in suspend_data. */
  function quizRecord(r) {
    return [r.best, r.passed ? 1 : 0, r.attempts];
  }

  function readRecord(q) {
    const r = { best: 0, passed: false, attempts: 0 };
    if (!Array.isArray(q) || q.length !== 3) return r;
    const best = Number(q[0]);
    const attempts = Number(q[2]);
    if (isFinite(best) && Number.isInteger(attempts) && attempts > 0) {
      r.best = Math.min(100, Math.max(0, best));
      r.passed = q[1] === 1;
      r.attempts = attempts;
    }
    return r;
  }

  /**
   * Progress as suspend_data: {"v":1,"n":lessons,"p":"0110","q":…}; q is [best,passed,attempts]
   * for a SCO with one quiz (once attempted), a list of them (0 = not attempted) for several.
   */
  function encodeState(state, count) {
    let bits = '';
    for (let i = 0; i < count; i++) bits += state.visited[i] ? '1' : '0';
    const data = { v: 1, n: count, p: bits };
    const quizzes = state.quizzes;
    if (quizzes.length === 1 && quizzes[0].attempts > 0) data.q = quizRecord(quizzes[0]);
    else if (quizzes.length > 1 && quizzes.some(function (r) { return r.attempts > 0; })) {
      data.q = quizzes.map(function (r) { return r.attempts > 0 ? quizRecord(r) : 0; });
    }
    return JSON.stringify(data);
  }

  /** The inverse of encodeState; anything unreadable (or for another lesson count) gives a fresh state. */
  function decodeState(text, count, quizCount) {
    const n = quizCount === undefined ? 1 : quizCount;
    const state = { visited: [], quizzes: [] };
    for (let i = 0; i < count; i++) state.visited.push(false);
    for (let i = 0; i < n; i++) state.quizzes.push(readRecord(null));
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    if (!isObject(data) || data.v !== 1) return state;
    if (data.n === count && typeof data.p === 'string') {
      for (let i = 0; i < count; i++) state.visited[i] = data.p.charAt(i) === '1';
    }
    if (n === 1) state.quizzes[0] = readRecord(data.q);
    else if (Array.isArray(data.q) && data.q.length === n) state.quizzes = data.q.map(readRecord);
    return state;
  }

  /**
   * What a SCO reports for its quizzes together: attempted (every quiz submitted), passed
   * (every quiz passed), any (one submitted) and score: the mean of the modules' scores,
   * each module's the mean of its quizzes' best scores (a quiz not yet submitted counting 0),
   * both rounded. `modules` names each quiz's module (omitted: all in one). So every module
   * weighs the same however many quizzes it has: a course's score is the mean of the scores
   * its modules report (its objectives in SCORM 2004, its SCOs in SCORM 1.2), and a module
   * without a quiz does not count.
   */
  function summary(quizzes, modules) {
    const mean = function (list) { return list.reduce(function (a, b) { return a + b; }, 0) / list.length; };
    const byModule = new Map();
    quizzes.forEach(function (r, i) {
      const m = modules ? String(modules[i] || '') : '';
      if (!byModule.has(m)) byModule.set(m, []);
      byModule.get(m).push(r.best);
    });
    const scores = Array.from(byModule.values()).map(function (list) { return Math.round(mean(list)); });
    return {
      attempted: quizzes.length > 0 && quizzes.every(function (r) { return r.attempts > 0; }),
      passed: quizzes.every(function (r) { return r.passed; }),
      any: quizzes.some(function (r) { return r.attempts > 0; }),
      score: scores.length ? Math.round(mean(scores)) : 0
    };
  }

  const helpers = {
    findApi: findApi, timespan12: timespan12, timespan2004: timespan2004, time12: time12,
    timestamp2004: timestamp2004, interaction: interaction, interactionId: interactionId,
    encodeState: encodeState, decodeState: decodeState, summary: summary, VERSIONS: VERSIONS
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = helpers;
    return;
  }

  // ---- the launch page -------------------------------------------------------------------------

  function start() {
    const body = document.body;
    const frame = document.querySelector('iframe.sco-frame');
    if (!frame) return;
    const version = body.dataset.version === '2004' ? '2004' : '1.2';
    const names = VERSIONS[version];
    const lessons = Array.from(document.querySelectorAll('.sco-lessons [data-key]')).map(function (el) {
      return { key: el.dataset.key, url: el.dataset.url };
    });
    const quizzes = Array.from(document.querySelectorAll('.sco-quiz[data-key]')).map(function (el) {
      return {
        key: el.dataset.key,
        url: el.dataset.url,
        passMark: Number(el.dataset.passMark) || 0,
        ids: (el.dataset.questions || '').split(/\s+/).filter(Boolean),
        module: el.dataset.module || ''
      };
    });
    // A course SCO (SCORM 2004) reports each module as an objective: lessons and quizzes name it.
    const modules = version === '2004' ? Array.from(document.querySelectorAll('.sco-modules [data-module]')).map(function (el) {
      return { id: el.dataset.module, index: -1 };
    }) : [];
    lessons.forEach(function (l, i) {
      const el = document.querySelectorAll('.sco-lessons [data-key]')[i];
      l.module = (el && el.dataset.module) || '';
    });
    const startUrl = frame.dataset.start || (lessons[0] && lessons[0].url) || '';
    const began = Date.now();

    let api = findApi(window, names.api);
    let live = false; // initialised and not yet terminated
    let finished = false; // terminated (never twice)
    let state = decodeState('', lessons.length, quizzes.length);
    let bookmark = '';
    let interactionCount = 0;
    const lmsStatus = {}; // what the LMS held at launch

    function call(method, a, b) {
      if (!live) return '';
      try {
        const r = b === undefined ? api[method](a) : api[method](a, b);
        return r === undefined || r === null ? '' : String(r);
      } catch (e) {
        return '';
      }
    }
    const get = function (el) { return call(names.get, el); };
    const set = function (el, value) { return call(names.set, el, String(value)) === 'true'; };
    const commit = function () { return call(names.commit, ''); };

    function showNote() {
      document.querySelectorAll('.sco-note').forEach(function (el) { el.hidden = false; });
    }

    /** The LMS is there but refused Initialize: say so, with its error code (not "no LMS"). */
    function showRefusal(code) {
      const shown = /^\d{1,4}$/.test(code) ? code : '?';
      document.querySelectorAll('.sco-refused').forEach(function (el) {
        el.textContent = el.textContent.replace('{code}', shown);
        el.hidden = false;
      });
    }

    function allVisited() {
      return lessons.length === 0 || state.visited.every(Boolean);
    }

    function isFinished() {
      return allVisited() && summary(state.quizzes).passed;
    }

    /** Sets a status unless the LMS already holds a better one (progress never goes back). */
    function setStatus(element, value, ranks) {
      const held = ranks[lmsStatus[element]] || 0;
      if ((ranks[value] || 0) >= held) set(element, value);
    }

    /**
     * Status elements for the current progress. With a quiz, the module is only finished once
     * the quiz is passed: SCORM 1.2 stays "incomplete" until the quiz is submitted, then
     * "passed" or "failed" (never "completed", which Moodle's default rule would count as done
     * for a learner who failed); SCORM 2004 keeps completion_status "incomplete" until every
     * lesson was opened and the quiz passed, success_status "unknown" until it is submitted.
     */
    function writeStatus() {
      const quiz = summary(state.quizzes);
      const hasQuiz = quizzes.length > 0;
      if (version === '1.2') {
        const status = quiz.attempted ? (quiz.passed ? 'passed' : 'failed') : (!hasQuiz && allVisited() ? 'completed' : 'incomplete');
        setStatus(names.status, status, { incomplete: 1, completed: 2, failed: 2, passed: 3 });
      } else {
        setStatus('cmi.completion_status', isFinished() ? 'completed' : 'incomplete', { incomplete: 1, completed: 2 });
        const measure = progressMeasure(function () { return true; });
        if (measure !== null && !(lmsStatus['cmi.completion_status'] === 'completed' && measure < 1)) set('cmi.progress_measure', measure);
        if (hasQuiz) setStatus('cmi.success_status', quiz.attempted ? (quiz.passed ? 'passed' : 'failed') : 'unknown', { unknown: 0, failed: 1, passed: 2 });
        writeObjectives();
      }
    }

    /**
     * 2004 progress of the lessons and quizzes `mine` accepts (by module id): lessons opened,
     * and each quiz once passed, out of all of them (4 decimals); null when there is nothing.
     */
    function progressMeasure(mine) {
      let total = 0;
      let done = 0;
      lessons.forEach(function (l, i) {
        if (!mine(l.module)) return;
        total += 1;
        if (state.visited[i]) done += 1;
      });
      quizzes.forEach(function (q, i) {
        if (!mine(q.module)) return;
        total += 1;
        if (state.quizzes[i].passed) done += 1;
      });
      return total ? Math.round(10000 * done / total) / 10000 : null;
    }

    const written = {}; // objective elements as last set, so only changes are sent
    function setOnce(element, value) {
      if (written[element] === String(value)) return;
      if (set(element, value)) written[element] = String(value);
    }

    /** A course SCO: one cmi.objectives entry per module, with its own status and score. */
    function writeObjectives() {
      modules.forEach(function (m) {
        const mine = function (id) { return id === m.id; };
        const ownQuizzes = state.quizzes.filter(function (r, i) { return quizzes[i].module === m.id; });
        const quiz = summary(ownQuizzes);
        const measure = progressMeasure(mine);
        if (m.index < 0) {
          const counted = parseInt(get('cmi.objectives._count'), 10);
          const n = Number.isInteger(counted) && counted >= 0 ? counted : 0;
          if (!set('cmi.objectives.' + n + '.id', m.id)) return;
          m.index = n;
        }
        const p = 'cmi.objectives.' + m.index + '.';
        const read = lessons.some(function (l, i) { return l.module === m.id && state.visited[i]; });
        const done = measure === 1;
        setOnce(p + 'completion_status', done ? 'completed' : (read || quiz.any ? 'incomplete' : 'not attempted'));
        if (measure !== null) setOnce(p + 'progress_measure', measure);
        if (ownQuizzes.length) {
          setOnce(p + 'success_status', quiz.attempted ? (quiz.passed ? 'passed' : 'failed') : 'unknown');
          if (quiz.any) {
            setOnce(p + 'score.min', '0');
            setOnce(p + 'score.max', '100');
            setOnce(p + 'score.raw', quiz.score);
            setOnce(p + 'score.scaled', quiz.score / 100);
          }
        }
      });
    }

    /** Finds the objectives the LMS already holds for this SCO's modules (a resumed course). */
    function findObjectives() {
      if (!modules.length) return;
      const counted = parseInt(get('cmi.objectives._count'), 10);
      for (let n = 0; Number.isInteger(counted) && n < counted && n < 1000; n++) {
        const id = get('cmi.objectives.' + n + '.id');
        modules.forEach(function (m) { if (m.id === id) m.index = n; });
      }
    }

    function writeScore() {
      const quiz = summary(state.quizzes, quizzes.map(function (q) { return q.module; }));
      if (!quiz.any) return;
      set(names.score + '.min', '0');
      set(names.score + '.max', '100');
      set(names.score + '.raw', quiz.score);
      if (version === '2004') set('cmi.score.scaled', quiz.score / 100);
    }

    function writeProgress() {
      const data = encodeState(state, lessons.length);
      if (data.length <= names.suspendMax) set('cmi.suspend_data', data);
      if (bookmark && bookmark.length <= names.locationMax) set(names.location, bookmark);
    }

    function writeInteractions(quiz, detail) {
      const questions = isObject(detail.quiz) && Array.isArray(detail.quiz.questions) ? detail.quiz.questions : [];
      const results = {};
      (isObject(detail.result) && Array.isArray(detail.result.questions) ? detail.result.questions : []).forEach(function (r) {
        if (isObject(r)) results[r.id] = r;
      });
      const answers = isObject(detail.answers) ? detail.answers : {};
      const now = new Date();
      const counted = parseInt(get('cmi.interactions._count'), 10);
      let n = Number.isInteger(counted) && counted >= interactionCount ? counted : interactionCount;
      questions.forEach(function (q) {
        if (!isObject(q) || (quiz.ids.length && quiz.ids.indexOf(q.id) < 0)) return;
        // in a course SCO question ids repeat between modules: the module names them apart
        const id = modules.length && quiz.module ? quiz.module + '.' + q.id : q.id;
        const it = interaction(version, q, answers[q.id]);
        if (!it) return;
        const r = results[q.id] || {};
        const p = 'cmi.interactions.' + n + '.';
        if (!set(p + 'id', interactionId(id))) return;
        if (modules.length && quiz.module) set(p + 'objectives.0.id', quiz.module);
        set(p + 'type', it.type);
        if (it.response !== null) set(p + names.response, it.response);
        it.patterns.forEach(function (pattern, i) { set(p + 'correct_responses.' + i + '.pattern', pattern); });
        if (typeof q.points === 'number' && isFinite(q.points)) set(p + 'weighting', q.points);
        set(p + 'result', r.correct === true ? 'correct' : names.wrong);
        set(p + (version === '1.2' ? 'time' : 'timestamp'), version === '1.2' ? time12(now) : timestamp2004(now));
        n += 1;
      });
      interactionCount = n;
    }

    function onVisited(key) {
      const i = lessons.findIndex(function (l) { return l.key === key; });
      const q = quizzes.find(function (x) { return x.key === key; });
      if (i >= 0) {
        bookmark = lessons[i].url;
        state.visited[i] = true;
      } else if (q) {
        bookmark = q.url;
      } else {
        return;
      }
      writeStatus();
      writeProgress();
      commit();
    }

    function onQuiz(data) {
      const at = quizzes.findIndex(function (x) { return x.key === data.key; });
      if (at < 0 || !isObject(data.result)) return;
      const quiz = quizzes[at];
      const record = state.quizzes[at];
      const percent = Number(data.result.percent);
      if (!isFinite(percent)) return;
      const clamped = Math.min(100, Math.max(0, Math.floor(percent)));
      const passed = typeof data.result.passed === 'boolean' ? data.result.passed : clamped >= quiz.passMark;
      record.best = record.attempts > 0 ? Math.max(record.best, clamped) : clamped;
      record.passed = record.passed || passed;
      record.attempts += 1;
      writeInteractions(quiz, data);
      writeStatus();
      writeProgress();
      commit(); // the status first: Moodle checks a new score against the stored status
      writeScore();
      commit();
    }

    function onMessage(event) {
      if (event.source !== frame.contentWindow) return;
      const data = event.data;
      if (!isObject(data) || data.source !== 'kyklos' || !live) return;
      if (data.type === 'visited' && typeof data.key === 'string') onVisited(data.key);
      else if (data.type === 'quiz') onQuiz(data);
    }

    function save() {
      if (!live) return;
      writeProgress();
      commit();
    }

    function finish() {
      if (finished || !live) return;
      finished = true;
      writeProgress();
      const elapsed = Date.now() - began;
      set(names.sessionTime, version === '1.2' ? timespan12(elapsed) : timespan2004(elapsed));
      set(names.exit, isFinished() ? (version === '1.2' ? '' : 'normal') : 'suspend');
      call(names.terminate, ''); // stores everything: no extra Commit while the page closes
      live = false;
    }

    function knownUrl(url) {
      return lessons.some(function (l) { return l.url === url; }) || quizzes.some(function (q) { return q.url === url; });
    }

    let resumeAt = '';
    let refused = null; // the LMS's error code when it has an API but would not initialise
    if (api && typeof api[names.initialize] === 'function') {
      let ok = false;
      try { ok = String(api[names.initialize]('')) === 'true'; } catch (e) { ok = false; }
      live = ok;
      if (!ok) {
        try { refused = String(api[names.error]()); } catch (e) { refused = ''; }
      }
    }
    if (live) {
      state = decodeState(get('cmi.suspend_data'), lessons.length, quizzes.length);
      const saved = get(names.location);
      if (saved && knownUrl(saved)) {
        resumeAt = saved;
        bookmark = saved;
      }
      get(names.entry); // read for the record: resume data is used whenever the LMS gives it
      findObjectives();
      lmsStatus[names.status] = get(names.status);
      if (version === '2004') lmsStatus['cmi.success_status'] = get('cmi.success_status');
      const status = lmsStatus[names.status];
      if (status === '' || status === 'not attempted' || status === 'unknown') {
        set(names.status, 'incomplete');
        commit();
      }
    } else {
      api = null;
      if (refused === null) showNote();
      else showRefusal(refused);
    }

    window.addEventListener('message', onMessage);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') save();
    });
    window.addEventListener('pagehide', finish);
    window.addEventListener('beforeunload', finish); // never returns a value: no dialog
    frame.src = resumeAt || startUrl;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(this);
