/* kyklos.js — loaded (defer) on every page of a kyklos site.
 *
 * 1. Adds class "js" to <html> so the theme can style script-only controls.
 * 2. window.KyklosProgress: learner progress kept in localStorage under "<scope>:progress"
 *    (scope = body[data-scope]); any storage or data problem falls back to an in-memory store.
 *    { v: 1, visited: {key: 1}, quizzes: {key: {best, passed, attempts, first?, at?, passedAt?,
 *    perfectAt?}}, read?: {lesson key: ms}, lists?: {page key: {done, total, at}} } — the
 *    optional fields feed points and badges (journey.js); older data without them stays valid.
 * 3. Marks the page visited, ticks done items in nav.course-nav (keys from data-key or the
 *    link, see navKey) / ol.cards, fills
 *    .progress-summary[data-progress-keys]. On a course's own page, .progress-tools (reset):
 *    button.progress-reset opens .reset-confirm; its .reset-yes forgets only that course's
 *    keys (data-reset-keys) and says so in .reset-status (body[data-t-reset-done]); and
 *    a.start-course becomes "Continue where you left off" (data-t-continue), leading to the
 *    first lesson or quiz not done yet, once anything of the course is done.
 * 4. On the language chooser (body.kind-languages) redirects a first-time visitor to the
 *    language that best matches navigator.languages and remembers an explicit choice.
 * 5. Checklists (ul.checklist input.check, in guides and training units): ticks are kept in
 *    localStorage under "<scope>:checks:<body[data-key]>" (a JSON array of the ticked ids),
 *    restored on load, saved on change; .checklist-tools is shown and its
 *    button.checklist-reset clears every tick on the page and the stored entry.
 * 6. button.print-page: shows its p.print-action and prints the page.
 * Collections' tag filters are in tag-filters.js (loaded on collection pages only).
 * In node, module.exports = { createProgressStore, sanitize, sanitizeChecks } (no DOM is touched).
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

  function cleanTime(t) {
    return typeof t === 'number' && isFinite(t) && t >= 0 ? Math.floor(t) : 0;
  }

  /** A quiz entry; the journey's fields (first try, times in ms) only when present. */
  function cleanEntry(e) {
    const out = {
      best: cleanPercent(e.best),
      passed: e.passed === true,
      attempts: Number.isInteger(e.attempts) && e.attempts > 0 ? e.attempts : 0
    };
    if (e.first === true) out.first = true;
    ['at', 'passedAt', 'perfectAt'].forEach(function (k) { if (cleanTime(e[k]) > 0) out[k] = cleanTime(e[k]); });
    return out;
  }

  function cleanKey(k) {
    return typeof k === 'string' && k !== '' && k !== '__proto__' && k.length <= 2000;
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
    // The journey (journey.js): lessons read (key → ms, 0 = before times were kept) and
    // checklists of guides (key → { done, total, at }).
    if (isObject(raw.read)) {
      data.read = {};
      Object.keys(raw.read).forEach(function (k) { if (cleanKey(k)) data.read[k] = cleanTime(raw.read[k]); });
    }
    if (isObject(raw.lists)) {
      data.lists = {};
      Object.keys(raw.lists).forEach(function (k) {
        const l = raw.lists[k];
        if (!cleanKey(k) || !isObject(l) || !Number.isInteger(l.total) || l.total < 1 || l.total > 2000) return;
        const done = Number.isInteger(l.done) ? Math.min(l.total, Math.max(0, l.done)) : 0;
        data.lists[k] = { done: done, total: l.total, at: cleanTime(l.at) };
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
      save: write,
      /** Well-formed progress data from anything (an imported file's, say). */
      clean: sanitize,
      /** Marks a page visited; a lesson (`lesson` true) is also "read" at `now` (ms). */
      markVisited: function (key, lesson, now) {
        if (!validKey(key)) return;
        const data = read();
        const newRead = lesson === true && !(data.read && own.call(data.read, key));
        if (data.visited[key] === 1 && !newRead) return;
        data.visited[key] = 1;
        if (newRead) {
          data.read = data.read || {};
          data.read[key] = cleanTime(now);
        }
        write(data);
      },
      /** A guide page's checklist: `done` of `total` ticked; `at` keeps when it was first complete. */
      recordChecklist: function (key, done, total, now) {
        if (!validKey(key) || !Number.isInteger(total) || total < 1) return;
        const data = read();
        const old = data.lists && own.call(data.lists, key) ? data.lists[key] : null;
        const complete = done >= total;
        const at = complete ? (old && old.done >= old.total && old.at ? old.at : cleanTime(now)) : 0;
        if (old && old.done === done && old.total === total && old.at === at) return;
        data.lists = data.lists || {};
        data.lists[key] = { done: done, total: total, at: at };
        write(data);
      },
      recordQuiz: function (key, percent, passed, now) {
        const data = read();
        const entry = cleanEntry(validKey(key) && own.call(data.quizzes, key) ? data.quizzes[key] : {});
        const time = cleanTime(now);
        if (entry.attempts === 0 && passed === true) entry.first = true;
        if (time > 0) {
          entry.at = time;
          if (passed === true && !entry.passed) entry.passedAt = time;
          if (cleanPercent(percent) >= 100 && entry.best < 100) entry.perfectAt = time;
        }
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
      /** Forgets the given keys only (one course's lessons and quizzes). */
      resetKeys: function (keys) {
        const data = read();
        (keys || []).forEach(function (k) {
          if (!validKey(k)) return;
          delete data.visited[k];
          delete data.quizzes[k];
          if (data.read) delete data.read[k];
        });
        write(data);
      },
      reset: function () {
        memory = emptyData();
        if (broken) return;
        try { storage.removeItem(storeKey); } catch (e) { broken = true; }
      }
    };
  }

  // ---- checklists: pure helpers (tested in node) ------------------------------------------

  const MAX_CHECKS = 2000;
  const ID_RE = /^[A-Za-z][\w:.-]{0,199}$/;

  /**
   * The ticked ids stored for a page, from anything: an array of unique, id-like strings,
   * or null when the stored value is missing or not an array (the page's defaults then apply).
   */
  function sanitizeChecks(raw) {
    if (!Array.isArray(raw)) return null;
    const out = [];
    for (let i = 0; i < raw.length && out.length < MAX_CHECKS; i++) {
      const id = raw[i];
      if (typeof id === 'string' && ID_RE.test(id) && out.indexOf(id) === -1) out.push(id);
    }
    return out;
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = {
      createProgressStore: createProgressStore,
      sanitize: sanitize,
      sanitizeChecks: sanitizeChecks
    };
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

  function storageRemove(key) {
    try { safeStorage().removeItem(key); } catch (e) { /* not remembered: fine */ }
  }

  // The key of an item of the course navigation: its data-key, else its link's href resolved
  // against the page's own key (the built-in list writes data-key only where that would not
  // give it back: the list's addresses are relative to the page's folder, keys are
  // "<lang>/<address>").
  function navKey(el, pageKey) {
    if (el.dataset.key) return el.dataset.key;
    const a = el.querySelector(':scope > a');
    const href = a && a.getAttribute('href');
    if (!href || !pageKey) return '';
    try {
      const base = 'http://kyklos.invalid/';
      const url = new URL(href, base + pageKey);
      return url.origin === new URL(base).origin ? decodeURIComponent(url.pathname.slice(1)) : '';
    } catch (e) {
      return '';
    }
  }

  function renderProgress(store) {
    const body = document.body;
    const doneText = body.dataset.tDone || '';
    const doneLang = body.dataset.tDoneLang;
    const pageKey = body.dataset.key || '';
    document.querySelectorAll('nav.course-nav .course-nav-list li, nav.course-nav [data-key], ol.cards [data-key]').forEach(function (el) {
      const done = store.isDone(navKey(el, pageKey));
      el.classList.toggle('is-done', done);
      const target = el.querySelector('a') || el;
      const mark = target.querySelector('.kyklos-done');
      if (done && !mark && doneText) {
        const span = document.createElement('span');
        span.className = 'visually-hidden kyklos-done';
        span.textContent = doneText;
        // On a title shown in another language (not translated yet) the word keeps the page's;
        // a word the page's language lacks says which language it is in.
        const page = document.documentElement;
        const around = target.closest('[lang]');
        if (doneLang) {
          [span.lang, span.dir] = doneLang.split(' ');
        } else if (around && around !== page && around.lang !== page.lang) {
          span.lang = page.lang;
          span.dir = page.dir;
        }
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
      el.replaceChildren(marked(template.replace(/\{percent\}/g, String(percent))
        .replace(/\{done\}/g, String(done)).replace(/\{total\}/g, String(keys.length)), body.dataset.tProgressLang));
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


  // ---- checklists ---------------------------------------------------------------------------

  function checklists(scope) {
    const boxes = Array.from(document.querySelectorAll('ul.checklist input.check[type="checkbox"]'))
      .filter(function (box) { return box.id; });
    if (boxes.length === 0) return;
    const key = scope + ':checks:' + (document.body.dataset.key || root.location.pathname);

    function stored() {
      const text = storageGet(key);
      if (text === null) return null;
      let parsed = null;
      try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
      return sanitizeChecks(parsed);
    }

    function record(ticked) {
      if (root.KyklosProgress && document.body.dataset.key) {
        root.KyklosProgress.recordChecklist(document.body.dataset.key, ticked, boxes.length, Date.now());
      }
    }

    function save() {
      const ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.id; });
      storageSet(key, JSON.stringify(ticked));
      record(ticked.length);
      document.dispatchEvent(new CustomEvent('kyklos:progress'));
    }

    // Set every box explicitly: a stored list decides; without one the page's defaults do
    // (this also overrides the browser's own restoring of form state on reload).
    const ticked = stored();
    boxes.forEach(function (box) {
      box.checked = ticked === null ? box.defaultChecked : ticked.indexOf(box.id) !== -1;
      box.addEventListener('change', save);
    });
    record(boxes.filter(function (b) { return b.checked; }).length);

    document.querySelectorAll('.checklist-tools').forEach(function (tools) {
      tools.hidden = false;
      tools.querySelectorAll('button.checklist-reset').forEach(function (button) {
        button.addEventListener('click', function () {
          boxes.forEach(function (box) { box.checked = false; });
          // Boxes ticked in the page itself ("- [x]") would come back on reload without an
          // entry, so "cleared" is kept as an empty list for them.
          if (boxes.some(function (box) { return box.defaultChecked; })) storageSet(key, '[]');
          else storageRemove(key);
          record(0);
        });
      });
    });
  }

  // ---- print buttons ------------------------------------------------------------------------

  /**
   * The printed page says where and when it was printed (p.print-meta, shown only in print).
   * With the site's base_url the page carries its public address (the build wrote it, and
   * <link rel="canonical">), which is kept: a handout printed from a preview, an intranet copy
   * or a USB stick points to the real site. Without it, the address the page was opened at over
   * http(s), else (file://) the page's path in the site, never a path on someone's disk.
   */
  function printMeta() {
    const url = document.querySelector('.print-meta .print-url');
    const date = document.querySelector('.print-meta .print-date');
    const published = document.querySelector('link[rel="canonical"]');
    function fill() {
      if (url && !published && /^https?:/.test(root.location.href)) url.textContent = root.location.href;
      if (date) {
        let text;
        try {
          // The digits 0–9 and the Gregorian calendar, as every other date of the site.
          text = new Date().toLocaleDateString(document.documentElement.lang || undefined, { year: 'numeric', month: 'long', day: 'numeric', numberingSystem: 'latn', calendar: 'gregory' });
        } catch (e) {
          text = new Date().toISOString().slice(0, 10);
        }
        // A middle dot, not a comma: it reads the same in every script (Arabic writes ، for
        // a comma), and the address before it is isolated left-to-right (dir="ltr").
        date.textContent = ' \u00b7 ' + text;
      }
    }
    fill();
    root.addEventListener('beforeprint', fill);
  }

  function printButtons() {
    document.querySelectorAll('button.print-page').forEach(function (button) {
      if (typeof root.print !== 'function') return;
      const holder = button.closest('.print-action');
      if (holder) holder.hidden = false;
      button.hidden = false;
      button.addEventListener('click', function () { root.print(); });
    });
  }

  // ---- a course's own page: reset (with confirmation) and Start / Continue -------------------

  function courseReset(store) {
    document.querySelectorAll('.progress-tools').forEach(function (tools) {
      const button = tools.querySelector('button.progress-reset');
      const confirm = tools.querySelector('.reset-confirm');
      const status = tools.querySelector('.reset-status');
      if (!button || !confirm) return;
      const keys = (confirm.dataset.resetKeys || '').split(/\s+/).filter(Boolean);
      tools.hidden = false;
      function show(open) {
        confirm.hidden = !open;
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
      }
      button.addEventListener('click', function () {
        if (status) status.textContent = '';
        show(confirm.hidden);
        if (!confirm.hidden) confirm.querySelector('.reset-cancel').focus();
      });
      confirm.querySelector('.reset-cancel').addEventListener('click', function () {
        show(false);
        button.focus();
      });
      confirm.querySelector('.reset-yes').addEventListener('click', function () {
        store.resetKeys(keys);
        show(false);
        renderProgress(store);
        startButton(store);
        if (status) status.replaceChildren(marked(document.body.dataset.tResetDone, document.body.dataset.tResetDoneLang));
        button.focus();
      });
    });
  }

  // A string's text as a node: in a <span lang dir> when the page marks it as another
  // language's (data-t-<name>-lang="it ltr": the site's language lacks that string).
  function marked(text, mark) {
    if (!mark || !text) return document.createTextNode(text || '');
    const [lang, dir] = mark.split(' ');
    return Object.assign(document.createElement('span'), { lang: lang, dir: dir, textContent: text });
  }

  const startLabels = new WeakMap();

  function startButton(store) {
    document.querySelectorAll('a.start-course[data-start-keys]').forEach(function (a) {
      // The label as written (a word the page's language lacks is in a marked span).
      if (!startLabels.has(a)) startLabels.set(a, Array.from(a.childNodes));
      if (!a.dataset.startHref) a.dataset.startHref = a.getAttribute('href');
      const keys = a.dataset.startKeys.split(/\s+/).filter(Boolean);
      const done = keys.filter(function (k) { return store.isDone(k); });
      const next = keys.find(function (k) { return !store.isDone(k); });
      if (done.length > 0 && next && a.dataset.tContinue) {
        a.replaceChildren(marked(a.dataset.tContinue, a.dataset.tContinueLang));
        a.setAttribute('href', (a.dataset.root || '') + next);
      } else {
        a.replaceChildren.apply(a, startLabels.get(a));
        a.setAttribute('href', a.dataset.startHref);
      }
    });
  }

  // A link to a place inside a closed <details> (the status page's "what changed") opens it.
  function openTarget() {
    const raw = (root.location.hash || '').slice(1);
    let id = raw;
    try { id = decodeURIComponent(raw); } catch (e) { /* a fragment such as "#%" stays as written */ }
    const target = id && document.getElementById(id);
    const details = target && target.closest('details');
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function init() {
    const body = document.body;
    const scope = body.dataset.scope || 'kyklos';
    const store = createProgressStore(safeStorage(), scope);
    root.KyklosProgress = store;
    store.before = store.load(); // what this page changes is announced by journey.js
    if (body.dataset.key && !body.classList.contains('kind-quiz')) {
      store.markVisited(body.dataset.key, body.classList.contains('kind-lesson'), Date.now());
    }
    renderProgress(store);
    courseReset(store);
    startButton(store);
    document.addEventListener('kyklos:quiz-scored', function () { renderProgress(store); });
    languageChooser(scope);
    checklists(scope);
    printButtons();
    printMeta();
    openTarget();
    root.addEventListener('hashchange', openTarget);
  }

  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init);
})(this);
