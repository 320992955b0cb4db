// kyklos serve: reloads this page when a rebuild changes it, and shows build errors over it.
// Served only by `kyklos serve` (never part of a built site); a file, so a strict CSP holds.
(function () {
  'use strict';
  var script = document.currentScript;
  var seen = { build: Number(script.dataset.build), instance: Number(script.dataset.instance) };
  var KEY = 'kyklos-serve-scroll';

  // The output path of this page: "/en/a/" → "en/a/index.html".
  function here() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, '');
    return p === '' || p.slice(-1) === '/' ? p + 'index.html' : p;
  }

  // A page reloads when it changed itself, or when anything but a page changed (CSS, JS,
  // images), or when builds were missed while the connection was down.
  function affects(status) {
    if (status.instance !== seen.instance || status.build > seen.build + 1) return true;
    var page = here();
    return status.changed.some(function (path) {
      return path === page || !/\.html$/.test(path);
    });
  }

  function reload() {
    if (source) source.close();
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* storage may be off */ }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!saved || saved.path !== location.pathname) return;
    var go = function () { window.scrollTo(saved.x, saved.y); };
    go();
    window.addEventListener('load', go, { once: true });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function showErrors(errors) {
    var old = document.getElementById('kyklos-serve-errors');
    if (old) old.remove();
    if (!errors.length) return;
    if (!document.getElementById('kyklos-serve-css')) {
      var link = el('link');
      link.id = 'kyklos-serve-css';
      link.rel = 'stylesheet';
      link.href = '/__kyklos/overlay.css';
      document.head.appendChild(link);
    }
    var box = el('section', 'kyklos-serve-errors');
    box.id = 'kyklos-serve-errors';
    box.lang = 'en'; // kyklos speaks English in the terminal and here
    box.dir = 'ltr';
    box.setAttribute('role', 'alert');
    box.setAttribute('aria-labelledby', 'kyklos-serve-errors-title');
    var title = el('h2', null, errors.length === 1 ? 'The site could not be rebuilt: 1 error' : 'The site could not be rebuilt: ' + errors.length + ' errors');
    title.id = 'kyklos-serve-errors-title';
    box.appendChild(title);
    box.appendChild(el('p', null, 'This page shows the last good build. Fix the file and save: this message goes away by itself.'));
    var list = el('ul');
    errors.forEach(function (e) {
      var item = el('li');
      item.appendChild(el('code', 'kyklos-serve-place', e.place));
      item.appendChild(el('p', 'kyklos-serve-message', e.message));
      if (e.hint) item.appendChild(el('p', 'kyklos-serve-hint', 'hint: ' + e.hint));
      list.appendChild(item);
    });
    box.appendChild(list);
    var hide = el('button', null, 'Hide');
    hide.type = 'button';
    hide.addEventListener('click', function () { box.remove(); });
    box.appendChild(hide);
    document.body.appendChild(box);
  }

  var source = null;
  restoreScroll();
  if (!window.EventSource) return;
  source = new EventSource('/__kyklos/events');
  window.addEventListener('pagehide', function () { source.close(); });
  source.addEventListener('status', function (event) {
    var status = JSON.parse(event.data);
    showErrors(status.errors);
    if (status.errors.length === 0 && (status.instance !== seen.instance || status.build !== seen.build) && affects(status)) {
      reload();
      return;
    }
    if (status.errors.length === 0) seen = { build: status.build, instance: status.instance };
    document.documentElement.dataset.kyklosBuild = String(seen.build);
  });
})();
