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

  function pointsText(points) {
    return t('points', { n: points }, points);
  }

  function levelText(level) {
    return t('journey_level', { level: level.number, name: level.name });
  }

  // ---- header and announcements -------------------------------------------------------------

  function header(data) {
    const chip = $('.journey-chip');
    if (!chip) return;
    const points = K.pointsOf(data, J.points);
    const level = K.levelOf(points, J.levels);
    $('.journey-chip-text', chip).textContent = t('progress_header_points', { points: pointsText(points), level: levelText(level) });
    chip.hidden = false;
  }

  function announce(before, after) {
    const region = $('.journey-announce');
    if (!region) return;
    const c = K.changes(before, after, J);
    const parts = [];
    if (c.gained > 0) parts.push(t('journey_earned', { n: c.gained }, c.gained) + ' ' + pointsText(c.points) + '.');
    if (c.level) parts.push(t('journey_level_up', { name: levelText(c.level) }));
    c.badges.forEach(function (b) { parts.push(t('journey_badge_new', { name: b.name })); });
    if (parts.length === 0) return;
    // Set after the page has settled, so screen readers notice the change.
    root.setTimeout(function () { region.textContent = parts.join(' '); }, 400);
  }

  // ---- My progress ----------------------------------------------------------------------------

  function stateText(m) {
    if (!m.hasQuiz) return t('progress_no_quiz');
    if (m.passed) return t('progress_passed');
    return m.taken ? t('progress_not_passed') : t('progress_not_taken');
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
      svg.appendChild(label);
    });
    box.replaceChildren(svg);
  }

  function progressPage(data) {
    const page = $('[data-journey-page="progress"]');
    if (!page) return;
    const points = K.pointsOf(data, J.points);
    const level = K.levelOf(points, J.levels);
    $('.journey-total', page).textContent = pointsText(points);
    $('.journey-level', page).textContent = levelText(level);
    $('.journey-next', page).textContent = level.next
      ? t('journey_next', { n: level.next.min - points, name: level.next.name }, level.next.min - points)
      : t('journey_top');
    J.courses.forEach(function (course, ci) {
      const section = $$('.journey-course', page).find(function (s) { return s.dataset.course === course.key; });
      if (!section) return;
      const state = K.courseState(course, data, J.points);
      state.modules.forEach(function (m) {
        const row = $$('tr[data-module]', section).find(function (r) { return r.dataset.module === m.key; });
        if (!row) return;
        $('.j-lessons', row).textContent = t('progress_lessons_of', { read: m.read, total: m.total });
        $('.j-best', row).textContent = m.best === null ? '–' : t('percent', { percent: m.best });
        $('.j-state', row).textContent = stateText(m);
        $('.j-last', row).textContent = m.last ? K.formatDate(m.last, lang) : m.read || m.taken ? '–' : t('progress_never');
        $('.j-points', row).textContent = String(m.points);
      });
      const fig = $('.journey-chart', section);
      if (fig) {
        fig.hidden = false;
        chart($('.chart-box', fig), course, state);
      }
      const link = $('.journey-cert-link', section);
      $('.journey-cert-state', section).textContent = state.complete ? t('certificate_ready') : t('certificate_locked', { n: state.left }, state.left);
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
        p.textContent = b.state.at ? t('badge_earned_on', { date: K.formatDate(b.state.at, lang) }) : t('badge_earned');
      } else {
        p.textContent = t('badge_not_yet') + ' ' + b.state.needs.map(function (n) {
          return t('need_' + n.fact, { have: n.have, need: n.need });
        }).join('; ');
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
      status.textContent = t('export_done', { file: name });
    });
    $('.journey-export-csv', box).addEventListener('click', function () {
      const name = fileName('csv');
      download(name, 'text/csv;charset=utf-8', K.toCsv(load(), J));
      status.textContent = t('export_done', { file: name });
    });
    const input = $('.journey-import-file', box);
    input.addEventListener('change', function () {
      const file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (body) {
        const r = K.parseImport(body, J.scope);
        if (!r.ok) {
          status.textContent = r.reason === 'other' ? t('import_other_site', { site: r.site }) : t('import_bad');
          return;
        }
        const before = load();
        // kyklos.js's own cleaning makes any file's data well-formed before it is merged.
        const incoming = store.clean(r.progress);
        const merged = K.merge(before, incoming);
        store.save(merged.data);
        status.textContent = merged.changed > 0 ? t('import_done', { n: merged.changed }, merged.changed) : t('import_nothing');
        refresh(before);
      }, function () {
        status.textContent = t('import_bad');
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
      status.textContent = t('reset_all_done');
      open.focus();
    });
  }

  // ---- certificate ----------------------------------------------------------------------------

  function certificatePage(data) {
    const page = $('[data-journey-page="certificate"]');
    if (!page) return;
    const controls = $('.cert-controls', page);
    const select = $('.cert-course', page);
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
      return valid ? id : select ? select.value : articles.length ? articles[0].id : '';
    }

    function show() {
      doc.body.classList.toggle('paper-letter', paper.value === 'letter');
      const id = chosen();
      if (select) select.value = id;
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
          status.textContent = ok ? t('certificate_open') : t('certificate_locked', { n: state ? state.left : 0 }, state ? state.left : 0);
        }
        if (!state) return;
        state.modules.forEach(function (m) {
          const row = $$('tr[data-module]', a).find(function (r) { return r.dataset.module === m.key; });
          if (row) $('.j-best', row).textContent = m.best === null ? t('progress_passed') : t('percent', { percent: m.best });
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
          cell.textContent = m.hasQuiz ? stateText(m) : t('progress_lessons_of', { read: m.read, total: m.total });
          cell.classList.toggle('is-done', m.complete);
        });
      });
    }

    if (select) {
      select.addEventListener('change', function () {
        try { root.history.replaceState(null, '', '#' + select.value); } catch (e) { root.location.hash = select.value; }
        show();
      });
    }
    nameInput.addEventListener('input', show);
    paper.addEventListener('change', show);
    root.addEventListener('hashchange', show);
    $('.cert-print', page).addEventListener('click', function () {
      if (!nameInput.value.trim()) {
        status.textContent = t('certificate_name_missing');
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
