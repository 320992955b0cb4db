/* journey-ui.js — shows the learner's journey on the pages of a kyklos site (never inside a
 * SCORM package, where the learning platform keeps the record). Needs kyklos.js
 * (window.KyklosProgress), journey.js (window.KyklosJourney) and <lang>/journey-data.js
 * (self.kyklosJourney), all loaded before it with `defer`.
 *
 * - a.journey-chip in the header: "120 points · Level 2: Explorer", a link to My progress;
 * - p.journey-announce (role=status, polite): points, level and badges earned on this page
 *   (reading a lesson, passing a quiz, ticking a checklist), never a pop-up or focus move;
 * - [data-journey-page=progress]: summary, per course a chart (inline SVG with a text
 *   equivalent) and a table by module, badges (date or what is needed), certificate links,
 *   export (JSON, CSV) and import, reset of everything with confirmation;
 * - [data-journey-page=certificate]: the certificate of the chosen course (#c0, #c1 …) once
 *   complete: the learner types a name, picks A4 or Letter and prints; before, what it needs
 *   module by module and what is done (which is what prints then).
 */
(function (root) {
  'use strict';

  const J = root.kyklosJourney;
  const K = root.KyklosJourney;
  const store = root.KyklosProgress;
  if (!J || !K || !store || document.body.dataset.package) return;
  const doc = document;
  const lang = J.lang;
  const t = function (key, args, n) { return K.text(J, key, args, n); };
  const $ = function (sel, el) { return (el || doc).querySelector(sel); };
  const $$ = function (sel, el) { return Array.from((el || doc).querySelectorAll(sel)); };

  function load() {
    return store.load();
  }

  // ---- text with its language ---------------------------------------------------------------
  // A string this language lacks is shown in another's (J.tl[key] = "it ltr"): what the script
  // writes from it goes in a <span lang dir>. An argument given as a node (a level's name, a
  // line made of other strings) keeps its own mark inside; a text of the page's own (a
  // module's title, a file name) inside a marked sentence gets the page's language back.

  function span(mark, text) {
    const [l, d] = mark.split(' ');
    const el = Object.assign(doc.createElement('span'), { lang: l, dir: d });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function own(text) {
    return span(doc.documentElement.lang + ' ' + doc.documentElement.dir, String(text));
  }

  /** `key`'s text as a node, marked when it is another language's. */
  function tn(key, args, n) {
    const mark = (J.tl || {})[key];
    const nodes = {};
    const plain = {};
    Object.keys(args || {}).forEach(function (k) {
      const v = args[k];
      if (v && typeof v === 'object' && 'nodeType' in v) {
        // A fragment is the page's own words (a marked text is a span): inside a sentence
        // another language lends, it says so.
        nodes[k] = mark && v.nodeType === 11 ? own('') : v;
        if (nodes[k] !== v) nodes[k].replaceChildren(v);
        plain[k] = '\u0000' + k + '\u0000';
      } else {
        plain[k] = v;
      }
    });
    const out = mark ? span(mark) : doc.createDocumentFragment();
    t(key, plain, n).split('\u0000').forEach(function (piece, i) {
      out.append(i % 2 ? nodes[piece] : piece);
    });
    return out;
  }

  /** The language `key`'s text is in: the page's, or the one it is marked with. A date or
   * number inside that text is written the way its language writes it. */
  function langOfKey(key) {
    const mark = (J.tl || {})[key];
    return mark ? mark.split(' ')[0] : lang;
  }

  /** A text of the page's own as an argument of `key`: marked with the page's language when
   * `key`'s text is another language's. */
  function ownIn(key, text) {
    return (J.tl || {})[key] ? own(text) : String(text);
  }

  /** Writes `node` into `el` (a phone table's written-out cell label stays first). */
  function put(el, node) {
    const label = el.querySelector(':scope > .cell-label');
    el.replaceChildren.apply(el, label ? [label, node] : [node]);
  }

  function pointsText(points) {
    return tn('points', { n: points }, points);
  }

  function levelText(level) {
    const name = (J.tl || {})['level_' + level.number] ? span(J.tl['level_' + level.number], level.name) : level.name;
    return tn('journey_level', { level: level.number, name: name });
  }

  // ---- header and announcements -------------------------------------------------------------

  function header(data) {
    const chip = $('.journey-chip');
    if (!chip) return;
    const points = K.pointsOf(data, J.points);
    const level = K.levelOf(points, J.levels);
    put($('.journey-chip-text', chip), tn('progress_header_points', { points: pointsText(points), level: levelText(level) }));
    chip.hidden = false;
  }

  function announce(before, after) {
    const region = $('.journey-announce');
    if (!region) return;
    const c = K.changes(before, after, J);
    const parts = [];
    if (c.gained > 0) parts.push(tn('journey_earned', { n: c.gained }, c.gained), ' ', pointsText(c.points), '.', ' ');
    if (c.level) parts.push(tn('journey_level_up', { name: levelText(c.level) }), ' ');
    c.badges.forEach(function (b) { parts.push(tn('journey_badge_new', { name: badgeName(b) }), ' '); });
    if (parts.length === 0) return;
    parts.pop();
    // Set after the page has settled, so screen readers notice the change.
    root.setTimeout(function () { region.replaceChildren.apply(region, parts); }, 400);
  }

  // ---- My progress ----------------------------------------------------------------------------

  function stateText(m) {
    if (!m.hasQuiz) return tn('progress_no_quiz');
    if (m.passed) return tn('progress_passed');
    return m.taken ? tn('progress_not_passed') : tn('progress_not_taken');
  }

  /** A badge's name: a built-in badge's is an interface string, a site's may be the default
   * language's (name_fallback) — marked as the progress page marks it. */
  function badgeName(b) {
    const mark = (J.tl || {})['badge_' + b.id];
    if (mark) return span(mark, b.name);
    return b.name_fallback && J.fallback ? span(J.fallback, b.name) : b.name;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svgEl(name, attrs) {
    const el = doc.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    return el;
  }

  /** A bar per module (share done); labelled by a sentence that says the same numbers. */
  function chart(box, course, state) {
    const rtl = doc.documentElement.dir === 'rtl';
    const rowH = 34;
    // Drawn at the width it is shown at, so its text stays readable on a phone.
    const width = Math.max(280, Math.min(700, Math.round(box.clientWidth || 600)));
    const labelW = 0;
    const height = state.modules.length * rowH + 8;
    const items = state.modules.map(function (m, i) { return t('progress_chart_item', { module: course.modules[i].title, percent: m.percent }); });
    const svg = svgEl('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', class: 'chart', focusable: 'false' });
    const title = svgEl('title', {});
    title.textContent = t('progress_chart_label', { items: items.join('; ') });
    // An SVG title holds text only: it takes the language of its sentence.
    if ((J.tl || {}).progress_chart_label) title.setAttribute('lang', J.tl.progress_chart_label.split(' ')[0]);
    svg.appendChild(title);
    state.modules.forEach(function (m, i) {
      const y = 4 + i * rowH;
      const full = width - labelW - 100;
      const w = Math.round((full * m.percent) / 100);
      const x0 = rtl ? width - labelW - full : labelW;
      svg.appendChild(svgEl('rect', { x: x0, y: y + 4, width: full, height: rowH - 12, rx: 4, class: 'chart-track' }));
      if (w > 0) svg.appendChild(svgEl('rect', { x: rtl ? x0 + full - w : x0, y: y + 4, width: w, height: rowH - 12, rx: 4, class: m.complete ? 'chart-bar is-complete' : 'chart-bar' }));
      const label = svgEl('text', { x: rtl ? 90 : width - 90, y: y + rowH / 2 + 5, 'text-anchor': rtl ? 'end' : 'start', class: 'chart-value', 'aria-hidden': 'true' });
      label.textContent = (i + 1) + ' · ' + t('percent', { percent: m.percent });
      if ((J.tl || {}).percent) label.setAttribute('lang', J.tl.percent.split(' ')[0]);
      svg.appendChild(label);
    });
    box.replaceChildren(svg);
  }

  function progressPage(data) {
    const page = $('[data-journey-page="progress"]');
    if (!page) return;
    const points = K.pointsOf(data, J.points);
    const level = K.levelOf(points, J.levels);
    put($('.journey-total', page), pointsText(points));
    put($('.journey-level', page), levelText(level));
    const nextName = level.next && (J.tl || {})['level_' + (level.number + 1)] ? span(J.tl['level_' + (level.number + 1)], level.next.name) : level.next && level.next.name;
    put($('.journey-next', page), level.next
      ? tn('journey_next', { n: level.next.min - points, name: nextName }, level.next.min - points)
      : tn('journey_top'));
    J.courses.forEach(function (course, ci) {
      const section = $$('.journey-course', page).find(function (s) { return s.dataset.course === course.key; });
      if (!section) return;
      const state = K.courseState(course, data, J.points);
      state.modules.forEach(function (m) {
        const row = $$('tr[data-module]', section).find(function (r) { return r.dataset.module === m.key; });
        if (!row) return;
        put($('.j-lessons', row), tn('progress_lessons_of', { read: m.read, total: m.total }));
        put($('.j-best', row), m.best === null ? '–' : tn('percent', { percent: m.best }));
        put($('.j-state', row), stateText(m));
        put($('.j-last', row), m.last ? K.formatDate(m.last, lang) : m.read || m.taken ? '–' : tn('progress_never'));
        put($('.j-points', row), String(m.points));
      });
      const fig = $('.journey-chart', section);
      if (fig) {
        fig.hidden = false;
        chart($('.chart-box', fig), course, state);
      }
      const link = $('.journey-cert-link', section);
      put($('.journey-cert-state', section), state.complete ? tn('certificate_ready') : tn('certificate_locked', { n: state.left }, state.left));
      if (link) {
        link.hidden = !state.complete;
        $('a', link).setAttribute('href', 'certificate.html#c' + ci);
      }
    });
    K.badgesOf(data, J).forEach(function (b) {
      const li = $$('.jbadge', page).find(function (el) { return el.dataset.badge === b.badge.id; });
      if (!li) return;
      li.hidden = !b.state.available;
      li.classList.toggle('is-earned', b.state.earned);
      const p = $('.jbadge-state', li);
      if (b.state.earned) {
        put(p, b.state.at ? tn('badge_earned_on', { date: K.formatDate(b.state.at, langOfKey('badge_earned_on')) }) : tn('badge_earned'));
      } else {
        const parts = [tn('badge_not_yet')];
        b.state.needs.forEach(function (n, i) {
          parts.push(i ? '; ' : ' ', tn('need_' + n.fact, { have: n.have, need: n.need }));
        });
        p.replaceChildren.apply(p, parts);
      }
    });
  }

  function download(name, type, body) {
    const url = URL.createObjectURL(new Blob([body], { type: type }));
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    doc.body.appendChild(a);
    a.click();
    a.remove();
    root.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function fileName(ext) {
    const day = new Date().toISOString().slice(0, 10);
    return 'progress-' + J.scope.replace(/[^a-z0-9]+/gi, '-') + '-' + day + '.' + ext;
  }

  function transfer(page) {
    const box = $('.journey-transfer', page);
    if (!box) return;
    const status = $('.journey-transfer-status', box);
    box.hidden = false;
    $('.journey-export-json', box).addEventListener('click', function () {
      const name = fileName('json');
      download(name, 'application/json', JSON.stringify(K.exportFile(load(), J, Date.now()), null, 1));
      put(status, tn('export_done', { file: ownIn('export_done', name) }));
    });
    $('.journey-export-csv', box).addEventListener('click', function () {
      const name = fileName('csv');
      download(name, 'text/csv;charset=utf-8', K.toCsv(load(), J));
      put(status, tn('export_done', { file: ownIn('export_done', name) }));
    });
    const input = $('.journey-import-file', box);
    input.addEventListener('change', function () {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (body) {
        const r = K.parseImport(body, J.scope);
        if (!r.ok) {
          put(status, r.reason === 'other' ? tn('import_other_site', { site: ownIn('import_other_site', r.site) }) : tn('import_bad'));
          return;
        }
        const before = load();
        // kyklos.js's own cleaning makes any file's data well-formed before it is merged.
        const incoming = store.clean(r.progress);
        const merged = K.merge(before, incoming);
        store.save(merged.data);
        put(status, merged.changed > 0 ? tn('import_done', { n: merged.changed }, merged.changed) : tn('import_nothing'));
        refresh(before);
      }, function () {
        put(status, tn('import_bad'));
      }).finally(function () { input.value = ''; });
    });
  }

  function resetAll(page) {
    const box = $('.journey-reset', page);
    if (!box) return;
    const open = $('.journey-reset-open', box);
    const confirm = $('.reset-confirm', box);
    const status = $('.journey-reset-status', box);
    box.hidden = false;
    function show(on) {
      confirm.hidden = !on;
      open.setAttribute('aria-expanded', on ? 'true' : 'false');
    }
    open.addEventListener('click', function () {
      status.textContent = '';
      show(confirm.hidden);
      if (!confirm.hidden) $('.journey-reset-cancel', box).focus();
    });
    $('.journey-reset-cancel', box).addEventListener('click', function () { show(false); open.focus(); });
    $('.journey-reset-yes', box).addEventListener('click', function () {
      store.reset();
      show(false);
      refresh(null);
      put(status, tn('reset_all_done'));
      open.focus();
    });
  }

  // ---- certificate ----------------------------------------------------------------------------

  function certificatePage(data) {
    const page = $('[data-journey-page="certificate"]');
    if (!page) return;
    const controls = $('.cert-controls', page);
    const choices = $$('.cert-course input[type="radio"]', page);
    const form = $('.cert-form', page);
    const status = $('.cert-status', page);
    const nameInput = $('.cert-name-input', page);
    const paper = $('.cert-paper', page);
    const articles = $$('.certificate', page);
    const needs = $$('.cert-needs', page);
    controls.hidden = false;
    // Letter in the Americas' habits, A4 elsewhere; the learner can change it.
    if (/-(US|CA|MX|PH|CL|CO|VE)$/i.test(root.navigator.language || '')) paper.value = 'letter';

    function chosen() {
      const id = (root.location.hash || '').slice(1);
      const valid = articles.some(function (a) { return a.id === id; });
      const picked = choices.find(function (c) { return c.checked; });
      return valid ? id : picked ? picked.value : articles.length ? articles[0].id : '';
    }

    function show() {
      doc.body.classList.toggle('paper-letter', paper.value === 'letter');
      const id = chosen();
      choices.forEach(function (c) { c.checked = c.value === id; });
      const now = load();
      articles.forEach(function (a) {
        const course = J.courses.find(function (c) { return c.key === a.dataset.course; });
        const state = course ? K.courseState(course, now, J.points) : null;
        const mine = a.id === id;
        const ok = mine && state && state.complete;
        a.hidden = !ok;
        if (mine) {
          form.hidden = !ok;
          // Printed, the page is the certificate alone once earned; before, it is what the
          // certificate needs and what is done (journey.css).
          doc.body.classList.toggle('cert-earned', Boolean(ok));
          put(status, ok ? tn('certificate_open') : tn('certificate_locked', { n: state ? state.left : 0 }, state ? state.left : 0));
        }
        if (!state) return;
        state.modules.forEach(function (m) {
          const row = $$('tr[data-module]', a).find(function (r) { return r.dataset.module === m.key; });
          if (row) put($('.j-best', row), m.best === null ? tn('progress_passed') : tn('percent', { percent: m.best }));
        });
        $('.cert-date', a).textContent = K.formatDate(state.completeAt || Date.now(), lang);
        $('.cert-name', a).textContent = nameInput.value.trim();
      });
      showNeeds(id, now);
    }

    /** What each course's certificate needs, and what is done: shown for the chosen course
     * until its certificate is earned. */
    function showNeeds(id, now) {
      needs.forEach(function (section) {
        const course = J.courses.find(function (c) { return c.key === section.dataset.course; });
        const state = course ? K.courseState(course, now, J.points) : null;
        section.hidden = section.id !== id + '-needs' || !state || state.complete;
        if (!state) return;
        state.modules.forEach(function (m) {
          const row = $$('tr[data-module]', section).find(function (r) { return r.dataset.module === m.key; });
          if (!row) return;
          const cell = $('.j-done', row);
          put(cell, m.hasQuiz ? stateText(m) : tn('progress_lessons_of', { read: m.read, total: m.total }));
          cell.classList.toggle('is-done', m.complete);
        });
      });
    }

    choices.forEach(function (choice) {
      choice.addEventListener('change', function () {
        try { root.history.replaceState(null, '', '#' + choice.value); } catch (e) { root.location.hash = choice.value; }
        show();
      });
    });
    nameInput.addEventListener('input', show);
    paper.addEventListener('change', show);
    root.addEventListener('hashchange', show);
    $('.cert-print', page).addEventListener('click', function () {
      if (!nameInput.value.trim()) {
        put(status, tn('certificate_name_missing'));
        nameInput.focus();
        return;
      }
      show();
      root.print();
    });
    show();
    void data;
  }

  // ---- everything -----------------------------------------------------------------------------

  function refresh(before) {
    const now = load();
    header(now);
    progressPage(now);
    if (before) announce(before, now);
  }

  function init() {
    const data = load();
    if (K.backfillRead(data, J)) store.save(data);
    const before = store.before || data;
    refresh(before);
    const page = $('[data-journey-page="progress"]');
    if (page) {
      transfer(page);
      resetAll(page);
    }
    certificatePage(data);
    let last = load();
    function changed() {
      const now = load();
      header(now);
      announce(last, now);
      last = now;
    }
    doc.addEventListener('kyklos:quiz-scored', changed);
    doc.addEventListener('kyklos:progress', changed);
  }

  init();
})(this);
