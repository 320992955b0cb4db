/* journey.js — the rules of the learner's journey, with no server: points, levels, badges,
 * course completion, certificate eligibility, export (JSON, CSV) and import (merge).
 *
 * Pure functions over two values: the progress data kept by kyklos.js (see its header) and
 * the site's journey data J (self.kyklosJourney, from <lang>/journey-data.js: points, levels,
 * courses → modules → lessons and quizzes, badges with rules, strings). journey-ui.js shows
 * them on pages. In node, module.exports holds every function (tested in tests/js/).
 */
(function (root) {
  'use strict';

  const own = Object.prototype.hasOwnProperty;
  const FACTS = ['points', 'lessons', 'quizzes', 'perfect', 'first_try', 'modules', 'courses', 'checklists'];
  const FILE_KIND = 'kyklos-progress';

  function has(map, key) {
    return !!map && own.call(map, key);
  }

  function quizOf(data, key) {
    return has(data.quizzes, key) ? data.quizzes[key] : null;
  }

  /** Points of the data: lessons read, quizzes passed, first-try and 100% bonuses. */
  function pointsOf(data, P) {
    return pointEvents(data, P).reduce(function (sum, e) { return sum + e.points; }, 0);
  }

  /** Each thing that earned points, with its time (ms; 0 = unknown). */
  function pointEvents(data, P) {
    const out = [];
    Object.keys(data.read || {}).forEach(function (k) {
      if (P.lesson) out.push({ at: data.read[k], points: P.lesson });
    });
    Object.keys(data.quizzes || {}).forEach(function (k) {
      const q = data.quizzes[k];
      if (q.passed) {
        const p = P.quiz + (q.first ? P.first_try : 0);
        if (p) out.push({ at: q.passedAt || 0, points: p });
      }
      if (q.best >= 100 && P.perfect) out.push({ at: q.perfectAt || 0, points: P.perfect });
    });
    return out;
  }

  /** The level for `points`: { number (1-based), min, name, next: { min, name } | null }. */
  function levelOf(points, levels) {
    let i = 0;
    for (let j = 0; j < levels.length; j++) if (points >= levels[j].min) i = j;
    const lv = levels[i] || { min: 0, name: '' };
    const next = levels[i + 1] || null;
    return { number: i + 1, min: lv.min, name: lv.name, next: next ? { min: next.min, name: next.name } : null };
  }

  function maxTime(times) {
    if (times.length === 0) return 0;
    return times.some(function (t) { return !t; }) ? 0 : Math.max.apply(null, times);
  }

  /** One module's state: lessons read, best score, passed, last activity, points, done. */
  function moduleState(m, data, P) {
    const readTimes = [];
    let read = 0;
    let last = 0;
    m.lessons.forEach(function (k) {
      if (has(data.read, k) || has(data.visited, k)) {
        read += 1;
        const t = has(data.read, k) ? data.read[k] : 0;
        readTimes.push(t);
        last = Math.max(last, t);
      }
    });
    let points = P ? read * P.lesson : 0;
    let best = null;
    let taken = false;
    let passed = m.quizzes.length > 0;
    const passTimes = [];
    m.quizzes.forEach(function (qd) {
      const q = quizOf(data, qd.key);
      if (q && q.attempts > 0) {
        taken = true;
        best = best === null ? q.best : Math.max(best, q.best);
        last = Math.max(last, q.at || 0);
      }
      if (q && q.passed) passTimes.push(q.passedAt || 0);
      else passed = false;
      if (q && P) points += (q.passed ? P.quiz + (q.first ? P.first_try : 0) : 0) + (q.best >= 100 ? P.perfect : 0);
    });
    const allRead = read === m.lessons.length;
    const done = allRead && (m.quizzes.length === 0 || passed);
    // A course counts a module once its quiz is passed (a module without a quiz: once read).
    const complete = m.quizzes.length > 0 ? passed : allRead && m.lessons.length > 0;
    return {
      key: m.key,
      read: read,
      total: m.lessons.length,
      best: best,
      taken: taken,
      passed: m.quizzes.length > 0 && passed,
      hasQuiz: m.quizzes.length > 0,
      last: last,
      points: points,
      done: done,
      doneAt: done ? maxTime(readTimes.concat(passTimes)) : 0,
      complete: complete,
      completeAt: complete ? maxTime(m.quizzes.length > 0 ? passTimes : readTimes) : 0,
      percent: percentOf(m, read, data)
    };
  }

  /** How much of a module is done: its lessons read and quizzes passed, in percent. */
  function percentOf(m, read, data) {
    const total = m.lessons.length + m.quizzes.length;
    if (total === 0) return 0;
    const passed = m.quizzes.filter(function (q) { const e = quizOf(data, q.key); return e && e.passed; }).length;
    return Math.round((100 * (read + passed)) / total);
  }

  /** A course's state: its modules, whether complete (certificate), what is left. */
  function courseState(c, data, P) {
    const modules = c.modules.map(function (m) { return moduleState(m, data, P); });
    const left = modules.filter(function (m) { return !m.complete; }).length;
    return {
      key: c.key,
      modules: modules,
      complete: modules.length > 0 && left === 0,
      left: left,
      completeAt: left === 0 ? maxTime(modules.map(function (m) { return m.completeAt; })) : 0,
      last: Math.max.apply(null, [0].concat(modules.map(function (m) { return m.last; }))),
      points: modules.reduce(function (s, m) { return s + m.points; }, 0)
    };
  }

  /**
   * The facts badge rules speak of, each as { have, total, times } (times: when each one
   * happened, ms, 0 = unknown; total: how many there are on the site, for `all`).
   */
  function factsOf(data, J) {
    const P = J.points;
    const f = {};
    FACTS.forEach(function (k) { f[k] = { have: 0, total: 0, times: [] }; });
    const courses = (J.courses || []).map(function (c) { return courseState(c, data, P); });
    const quizKeys = [];
    (J.courses || []).forEach(function (c) {
      c.modules.forEach(function (m) {
        f.lessons.total += m.lessons.length;
        m.quizzes.forEach(function (q) { quizKeys.push(q.key); });
      });
    });
    Object.keys(data.read || {}).forEach(function (k) { f.lessons.times.push(data.read[k]); });
    Object.keys(data.quizzes || {}).forEach(function (k) {
      const q = data.quizzes[k];
      if (q.passed) f.quizzes.times.push(q.passedAt || 0);
      if (q.passed && q.first) f.first_try.times.push(q.passedAt || 0);
      if (q.best >= 100) f.perfect.times.push(q.perfectAt || 0);
    });
    f.quizzes.total = f.perfect.total = f.first_try.total = quizKeys.length;
    courses.forEach(function (c) {
      c.modules.forEach(function (m) {
        f.modules.total += 1;
        if (m.done) f.modules.times.push(m.doneAt);
      });
      f.courses.total += 1;
      if (c.complete) f.courses.times.push(c.completeAt);
    });
    (J.checklists || []).forEach(function (k) {
      f.checklists.total += 1;
      const l = has(data.lists, k) ? data.lists[k] : null;
      if (l && l.done >= l.total) f.checklists.times.push(l.at || 0);
    });
    const events = pointEvents(data, P);
    f.points.have = events.reduce(function (s, e) { return s + e.points; }, 0);
    f.points.events = events;
    FACTS.forEach(function (k) {
      if (k !== 'points') {
        f[k].times.sort(function (a, b) { return a - b; });
        f[k].have = f[k].times.length;
      }
    });
    return f;
  }

  /** When the points first reached `need` (ms; 0 = unknown). */
  function pointsReachedAt(events, need) {
    if (events.some(function (e) { return !e.at; })) return 0;
    const sorted = events.slice().sort(function (a, b) { return a.at - b.at; });
    let sum = 0;
    for (const e of sorted) {
      sum += e.points;
      if (sum >= need) return e.at;
    }
    return 0;
  }

  /**
   * A badge against the facts: { earned, at (ms, 0 = unknown), available (an `all` rule over
   * nothing cannot be earned: hidden), needs: [{ fact, have, need }] for what is missing }.
   */
  function badgeState(badge, facts) {
    const needs = [];
    const times = [];
    let available = true;
    Object.keys(badge.rule || {}).forEach(function (fact) {
      const f = facts[fact];
      if (!f) { available = false; return; }
      const want = badge.rule[fact];
      const need = want === 'all' ? f.total : Number(want);
      if (want === 'all' && f.total === 0) available = false;
      if (f.have >= need) {
        times.push(fact === 'points' ? pointsReachedAt(f.events || [], need) : f.times[need - 1] || 0);
      } else {
        needs.push({ fact: fact, have: f.have, need: need });
      }
    });
    const earned = available && needs.length === 0 && Object.keys(badge.rule || {}).length > 0;
    return { earned: earned, at: earned ? maxTime(times) : 0, available: available, needs: needs };
  }

  /** Every badge of J with its state. */
  function badgesOf(data, J) {
    const facts = factsOf(data, J);
    return (J.badges || []).map(function (b) { return { badge: b, state: badgeState(b, facts) }; });
  }

  /** What changed between two progress data: points gained, a new level, new badges. */
  function changes(before, after, J) {
    const p0 = pointsOf(before, J.points);
    const p1 = pointsOf(after, J.points);
    const l0 = levelOf(p0, J.levels);
    const l1 = levelOf(p1, J.levels);
    const b0 = badgesOf(before, J);
    const b1 = badgesOf(after, J);
    const earned = b1.filter(function (b, i) { return b.state.earned && !b0[i].state.earned; }).map(function (b) { return b.badge; });
    return { gained: p1 - p0, points: p1, level: l1.number > l0.number ? l1 : null, badges: earned };
  }

  /** Lessons the data knows as visited but not as read (kept before points existed). */
  function backfillRead(data, J) {
    let changed = false;
    (J.courses || []).forEach(function (c) {
      c.modules.forEach(function (m) {
        m.lessons.forEach(function (k) {
          if (has(data.visited, k) && !has(data.read, k)) {
            data.read = data.read || {};
            data.read[k] = 0;
            changed = true;
          }
        });
      });
    });
    return changed;
  }

  // ---- strings --------------------------------------------------------------------------

  /** The text of `key` (CLDR plural form for `n` when given) with {name} filled in. */
  function text(J, key, args, n) {
    const forms = (J.t && J.t[key]) || { other: key };
    let form = 'other';
    if (typeof n === 'number') {
      // A string this language lacks has the forms of the language it is in (J.tl).
      const other = ((J.tl && J.tl[key]) || '').split(' ')[0];
      try { form = new Intl.PluralRules(other || J.lang).select(n); } catch (e) { form = n === 1 ? 'one' : 'other'; }
    }
    let s = forms[form] !== undefined ? forms[form] : forms.other !== undefined ? forms.other : key;
    const all = Object.assign({}, args || {});
    if (typeof n === 'number' && all.n === undefined) all.n = n;
    Object.keys(all).forEach(function (k) { s = s.split('{' + k + '}').join(String(all[k])); });
    return s;
  }

  /** A date in the page's language with the digits 0–9 and the Gregorian calendar, as every
   *  other number and date of the site (a Persian page's default would be "۱۵ آذر ۱۴۰۵"). */
  function formatDate(ms, lang) {
    if (!ms) return '';
    try {
      return new Date(ms).toLocaleDateString(lang || undefined, { year: 'numeric', month: 'long', day: 'numeric', numberingSystem: 'latn', calendar: 'gregory' });
    } catch (e) {
      return new Date(ms).toISOString().slice(0, 10);
    }
  }

  // ---- export and import ------------------------------------------------------------------

  /** The exported file: documented in the README ("Take your progress along"). */
  function exportFile(data, J, now) {
    return {
      kind: FILE_KIND,
      v: 1,
      scope: J.scope,
      site: J.site,
      exported: new Date(now || 0).toISOString(),
      progress: data
    };
  }

  /**
   * Reads an exported file: { ok: true, progress } (progress still to be sanitized), or
   * { ok: false, reason: 'bad' | 'other', site } for a damaged file or another site's.
   */
  function parseImport(textValue, scope) {
    let parsed;
    try {
      if (typeof textValue !== 'string' || textValue.length > 20 * 1024 * 1024) return { ok: false, reason: 'bad' };
      parsed = JSON.parse(textValue.replace(/^\uFEFF/, ''));
    } catch (e) {
      return { ok: false, reason: 'bad' };
    }
    if (!parsed || typeof parsed !== 'object' || parsed.kind !== FILE_KIND || parsed.v !== 1) return { ok: false, reason: 'bad' };
    if (!parsed.progress || typeof parsed.progress !== 'object' || Array.isArray(parsed.progress)) return { ok: false, reason: 'bad' };
    if (parsed.scope !== scope) return { ok: false, reason: 'other', site: typeof parsed.site === 'string' ? parsed.site.slice(0, 200) : '' };
    return { ok: true, progress: parsed.progress };
  }

  function minKnown(a, b) {
    if (!a) return b || 0;
    if (!b) return a;
    return Math.min(a, b);
  }

  /**
   * Merges sanitized progress `incoming` into `current`; never lowers anything: visits and
   * lessons read are united, a quiz keeps the best score, "passed" once passed, the most
   * attempts; earliest times for firsts, latest for last activity. Returns { data, changed }.
   */
  function merge(current, incoming) {
    const out = JSON.parse(JSON.stringify(current));
    let changed = 0;
    Object.keys(incoming.visited || {}).forEach(function (k) {
      if (!has(out.visited, k)) { out.visited[k] = 1; changed += 1; }
    });
    Object.keys(incoming.read || {}).forEach(function (k) {
      out.read = out.read || {};
      if (!has(out.read, k)) { out.read[k] = incoming.read[k]; changed += 1; } else out.read[k] = minKnown(out.read[k], incoming.read[k]);
    });
    Object.keys(incoming.quizzes || {}).forEach(function (k) {
      const b = incoming.quizzes[k];
      const a = has(out.quizzes, k) ? out.quizzes[k] : null;
      if (!a) { out.quizzes[k] = b; changed += 1; return; }
      if (b.best > a.best || (b.passed && !a.passed)) changed += 1;
      const m = { best: Math.max(a.best, b.best), passed: a.passed || b.passed, attempts: Math.max(a.attempts, b.attempts) };
      if (a.first || b.first) m.first = true;
      const at = Math.max(a.at || 0, b.at || 0);
      if (at) m.at = at;
      const passedAt = minKnown(a.passedAt, b.passedAt);
      if (passedAt && m.passed) m.passedAt = passedAt;
      const perfectAt = minKnown(a.perfectAt, b.perfectAt);
      if (perfectAt && m.best >= 100) m.perfectAt = perfectAt;
      out.quizzes[k] = m;
    });
    Object.keys(incoming.lists || {}).forEach(function (k) {
      const b = incoming.lists[k];
      out.lists = out.lists || {};
      const a = has(out.lists, k) ? out.lists[k] : null;
      if (!a || b.done > a.done) { out.lists[k] = b; changed += 1; }
    });
    return { data: out, changed: changed };
  }

  function csvCell(v) {
    let s = String(v === null || v === undefined ? '' : v);
    // A spreadsheet must not run a cell as a formula.
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** A CSV a coordinator opens in a spreadsheet: one row per lesson and quiz of every course. */
  function toCsv(data, J) {
    const t = function (k) { return text(J, k); };
    const rows = [[t('csv_course'), t('csv_module'), t('csv_item'), t('csv_kind'), t('csv_state'), t('csv_score'), t('csv_attempts'), t('csv_date')]];
    const day = function (ms) { return ms ? new Date(ms).toISOString().slice(0, 10) : ''; };
    (J.courses || []).forEach(function (c) {
      c.modules.forEach(function (m) {
        m.lessons.forEach(function (k) {
          const read = has(data.read, k) || has(data.visited, k);
          rows.push([c.title, m.title, k, t('csv_lesson'), read ? t('progress_read') : '', '', '', read && has(data.read, k) ? day(data.read[k]) : '']);
        });
        m.quizzes.forEach(function (qd) {
          const q = quizOf(data, qd.key);
          const state = !q || q.attempts === 0 ? t('progress_not_taken') : q.passed ? t('progress_passed') : t('progress_not_passed');
          rows.push([c.title, m.title, qd.title, t('csv_quiz'), state, q ? q.best : '', q ? q.attempts : '', q ? day(q.passedAt || q.at) : '']);
        });
      });
    });
    return '\uFEFF' + rows.map(function (r) { return r.map(csvCell).join(','); }).join('\r\n') + '\r\n';
  }

  const api = {
    FACTS: FACTS,
    pointsOf: pointsOf,
    pointEvents: pointEvents,
    levelOf: levelOf,
    moduleState: moduleState,
    courseState: courseState,
    factsOf: factsOf,
    badgeState: badgeState,
    badgesOf: badgesOf,
    changes: changes,
    backfillRead: backfillRead,
    text: text,
    formatDate: formatDate,
    exportFile: exportFile,
    parseImport: parseImport,
    merge: merge,
    toCsv: toCsv
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.KyklosJourney = api;
})(this);
