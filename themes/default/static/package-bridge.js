/* kyklos package-bridge.js — loaded (defer, after kyklos.js and quiz.js) by every page rendered
 * for a SCORM package (body[data-package="1"]). Inside the launch page's frame it tells
 * scorm.js what happens, by postMessage to the parent window:
 *   { source: 'kyklos', type: 'visited', key }                         when the page is shown
 *   { source: 'kyklos', type: 'quiz', key, quiz, answers, result }     when quiz.js scores
 * and opens links to the web in a new tab, so the package frame never leaves the package.
 * Opened on its own (not in a frame), the page works exactly as on the site.
 */
(function () {
  'use strict';

  const body = document.body;
  if (!body || body.dataset.package !== '1' || window.parent === window) return;

  function send(message) {
    try {
      window.parent.postMessage(message, '*');
    } catch (e) { /* no parent to tell: nothing is tracked */ }
  }

  send({ source: 'kyklos', type: 'visited', key: body.dataset.key || '' });

  document.addEventListener('kyklos:quiz-scored', function (e) {
    const d = e.detail || {};
    send({ source: 'kyklos', type: 'quiz', key: d.key, quiz: d.quiz, answers: d.answers, result: d.result });
  });

  document.querySelectorAll('a[href]').forEach(function (a) {
    if (/^(https?:)?\/\//i.test(a.getAttribute('href'))) {
      a.target = '_blank';
      a.relList.add('noopener');
    }
  });
})();
