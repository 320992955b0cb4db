/* kyklos.js — loaded (defer) on every page of a kyklos site.
 *
 * 1. Adds class "js" to <html> so the theme can style script-only controls.
 * 2. window.KyklosProgress: learner progress kept in localStorage under "<scope>:progress"
 *    (scope = body[data-scope]); any storage or data problem falls back to an in-memory store.
 * 3. Marks the page visited, ticks done items in nav.course-nav / ol.cards, fills
 *    .progress-summary[data-progress-keys] and wires button.progress-reset.
 * 4. On the language chooser (body.kind-languages) redirects a first-time visitor to the
 *    language that best matches navigator.languages and remembers an explicit choice.
 * In node, module.exports = { createProgressStore, sanitize } (no DOM is touched).
 */
(function (root) {
  'use strict';

  if (typeof document !== 'undefined' && document.documentElement) {
    document.documentElement.classList.add('js');
  }

  const own = Object.prototype.hasOwnProperty;

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function emptyData() {
    return { v: 1, visited: {}, quizzes: {} };
  }

  function cleanPercent(n) {
    return typeof n === 'number' && isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
  }

  function cleanEntry(e) {
    return {
      best: cleanPercent(e.best),
      passed: e.passed === true,
      attempts: Number.isInteger(e.attempts) && e.attempts > 0 ? e.attempts : 0
    };
  }

  /** Returns well-formed progress data from anything (parsed JSON, null, garbage). */
  function sanitize(raw) {
    const data = emptyData();
    if (!isObject(raw) || raw.v !== 1) return data;
    if (isObject(raw.visited)) {
      Object.keys(raw.visited).forEach(function (k) {
        if (k && k !== '__proto__' && (raw.visited[k] === 1 || raw.visited[k] === true)) data.visited[k] = 1;
      });
    }
    if (isObject(raw.quizzes)) {
      Object.keys(raw.quizzes).forEach(function (k) {
        if (k && k !== '__proto__' && isObject(raw.quizzes[k])) data.quizzes[k] = cleanEntry(raw.quizzes[k]);
      });
    }
    return data;
  }

  /** A progress store over a Storage-like object ({ getItem, setItem, removeItem }). */
  function createProgressStore(storage, scope) {
    const storeKey = (scope || 'kyklos') + ':progress';
    let memory = emptyData();
    let broken = !storage; // once storage fails, keep everything in memory for this page

    function read() {
      if (!broken) {
        try {
          const text = storage.getItem(storeKey);
          let parsed = null;
          try { parsed = text == null ? null : JSON.parse(text); } catch (e) { parsed = null; }
          memory = sanitize(parsed);
        } catch (e) {
          broken = true;
        }
      }
      return sanitize(memory);
    }

    function write(data) {
      memory = sanitize(data);
      if (broken) return;
      try { storage.setItem(storeKey, JSON.stringify(memory)); } catch (e) { broken = true; }
    }

    function validKey(key) {
      return typeof key === 'string' && key !== '' && key !== '__proto__';
    }

    return {
      load: read,
      markVisited: function (key) {
        if (!validKey(key)) return;
        const data = read();
        if (data.visited[key] === 1) return;
        data.visited[key] = 1;
        write(data);
      },
      recordQuiz: function (key, percent, passed) {
        const data = read();
        const entry = cleanEntry(validKey(key) && own.call(data.quizzes, key) ? data.quizzes[key] : {});
        entry.best = Math.max(entry.best, cleanPercent(percent));
        entry.passed = entry.passed || passed === true;
        entry.attempts += 1;
        if (validKey(key)) {
          data.quizzes[key] = entry;
          write(data);
        }
        return cleanEntry(entry);
      },
      quiz: function (key) {
        const data = read();
        return validKey(key) && own.call(data.quizzes, key) ? data.quizzes[key] : null;
      },
      isDone: function (key) {
        const data = read();
        if (!validKey(key)) return false;
        return own.call(data.visited, key) || (own.call(data.quizzes, key) && data.quizzes[key].passed);
      },
      reset: function () {
        memory = emptyData();
        if (broken) return;
        try { storage.removeItem(storeKey); } catch (e) { broken = true; }
      }
    };
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { createProgressStore: createProgressStore, sanitize: sanitize };
    return;
  }

  // ---- browser page behaviour -------------------------------------------------------------

  function safeStorage() {
    try {
      const s = root.localStorage;
      return s && typeof s.getItem === 'function' ? s : null;
    } catch (e) {
      return null;
    }
  }

  function storageGet(key) {
    try { return safeStorage().getItem(key); } catch (e) { return null; }
  }

  function storageSet(key, value) {
    try { safeStorage().setItem(key, value); } catch (e) { /* not remembered: fine */ }
  }

  function renderProgress(store) {
    const body = document.body;
    const doneText = body.dataset.tDone || '';
    document.querySelectorAll('nav.course-nav [data-key], ol.cards [data-key]').forEach(function (el) {
      const done = store.isDone(el.dataset.key);
      el.classList.toggle('is-done', done);
      const target = el.querySelector('a') || el;
      const mark = target.querySelector('.kyklos-done');
      if (done && !mark && doneText) {
        const span = document.createElement('span');
        span.className = 'visually-hidden kyklos-done';
        span.textContent = doneText;
        target.appendChild(span);
      } else if (!done && mark) {
        mark.remove();
      }
    });
    const template = body.dataset.tProgress || '{percent}%';
    document.querySelectorAll('.progress-summary[data-progress-keys]').forEach(function (el) {
      const keys = el.dataset.progressKeys.split(/\s+/).filter(Boolean);
      if (keys.length === 0) return;
      const done = keys.filter(function (k) { return store.isDone(k); }).length;
      const percent = Math.round((100 * done) / keys.length);
      el.textContent = template.replace(/\{percent\}/g, String(percent))
        .replace(/\{done\}/g, String(done)).replace(/\{total\}/g, String(keys.length));
      el.style.setProperty('--progress', percent + '%'); // for a CSS progress bar, if wanted
      el.hidden = false;
    });
  }

  function bestLanguageLink(links, preferred) {
    const lower = function (s) { return String(s || '').toLowerCase(); };
    const primary = function (s) { return lower(s).split('-')[0]; };
    for (const want of preferred) {
      const exact = links.find(function (a) { return lower(a.dataset.lang) === lower(want); });
      if (exact) return exact;
      const near = links.find(function (a) { return primary(a.dataset.lang) === primary(want); });
      if (near) return near;
    }
    return null;
  }

  function languageChooser(scope) {
    const langKey = scope + ':lang';
    document.querySelectorAll('a[data-lang], .lang-switch a[hreflang]').forEach(function (a) {
      a.addEventListener('click', function () {
        storageSet(langKey, a.dataset.lang || a.getAttribute('hreflang'));
      });
    });
    if (!document.body.classList.contains('kind-languages')) return;
    const links = Array.from(document.querySelectorAll('a[data-lang]'));
    if (links.length < 2 || storageGet(langKey) !== null) return;
    const nav = root.navigator || {};
    const preferred = (nav.languages && nav.languages.length ? Array.from(nav.languages) : [nav.language])
      .filter(Boolean);
    const link = bestLanguageLink(links, preferred);
    if (link) root.location.replace(link.href);
  }

  function init() {
    const body = document.body;
    const scope = body.dataset.scope || 'kyklos';
    const store = createProgressStore(safeStorage(), scope);
    root.KyklosProgress = store;
    if (body.dataset.key && !body.classList.contains('kind-quiz')) store.markVisited(body.dataset.key);
    renderProgress(store);
    document.querySelectorAll('button.progress-reset').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        store.reset();
        renderProgress(store);
      });
    });
    document.addEventListener('kyklos:quiz-scored', function () { renderProgress(store); });
    languageChooser(scope);
  }

  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init);
})(this);
