/* media.js — loaded (defer) on pages with a video or audio player (figure.media).
 *
 * 1. The track marked data-default (captions in the page's language) is shown.
 * 2. Browsers refuse <track> caption files on pages opened from disk (file:// pages are each
 *    their own origin), so a site on a USB stick would play its videos without captions.
 *    Each player carries its cues in inert <template class="media-cues" data-srclang="…">
 *    elements. On file:// every <track> is replaced, before it is ever loaded, by a text
 *    track with the same kind, label and language made from those cues; over http(s) a
 *    <track> that fails to load is replaced the same way.
 * In node, module.exports = { parseSettings, cueTimes } (no DOM is touched).
 */
(function (root) {
  'use strict';

  /* WebVTT cue settings ("line:90% align:start position:10%,line-left size:80%") → the
   * values a VTTCue takes. Unknown or malformed settings are left out (kyklos checked them). */
  function parseSettings(text) {
    const out = {};
    for (const word of String(text || '').split(/[ \t]+/)) {
      const i = word.indexOf(':');
      if (i <= 0) continue;
      const name = word.slice(0, i);
      const [value, extra] = word.slice(i + 1).split(',');
      const pct = /^\d+(\.\d+)?%$/.test(value) ? parseFloat(value) : null;
      if (name === 'line') {
        if (pct !== null) { out.snapToLines = false; out.line = pct; } else if (/^-?\d+$/.test(value)) out.line = parseInt(value, 10);
        if (['start', 'center', 'end'].includes(extra)) out.lineAlign = extra;
      } else if (name === 'position' && pct !== null) {
        out.position = pct;
        if (['line-left', 'center', 'line-right'].includes(extra)) out.positionAlign = extra;
      } else if (name === 'size' && pct !== null) {
        out.size = pct;
      } else if (name === 'align' && ['start', 'center', 'end', 'left', 'right'].includes(value)) {
        out.align = value;
      } else if (name === 'vertical' && (value === 'rl' || value === 'lr')) {
        out.vertical = value;
      }
    }
    return out;
  }

  /* data-start / data-end (seconds as text) → numbers, or null when unusable. */
  function cueTimes(start, end) {
    const s = Number(start);
    const e = Number(end);
    return Number.isFinite(s) && Number.isFinite(e) && e > s ? { start: s, end: e } : null;
  }

  function replaceTrack(media, track) {
    if (track.dataset.replaced) return;
    track.dataset.replaced = '1';
    const figure = media.closest('figure.media');
    const lang = track.srclang;
    const source = figure && Array.from(figure.querySelectorAll('template.media-cues')).find((t) => t.dataset.srclang === lang);
    if (!source || typeof VTTCue === 'undefined') return;
    const wanted = track.hasAttribute('data-default') || (track.track && track.track.mode === 'showing');
    const text = media.addTextTrack(track.kind || 'captions', track.label, lang);
    for (const p of source.content.querySelectorAll('p')) {
      const t = cueTimes(p.dataset.start, p.dataset.end);
      if (!t) continue;
      const cue = new VTTCue(t.start, t.end, p.textContent);
      const settings = parseSettings(p.dataset.settings);
      for (const key of Object.keys(settings)) {
        try { cue[key] = settings[key]; } catch (e) { /* a value this browser does not take */ }
      }
      text.addCue(cue);
    }
    track.remove();
    text.mode = wanted ? 'showing' : 'hidden';
  }

  function init() {
    for (const media of document.querySelectorAll('figure.media video, figure.media audio')) {
      for (const track of media.querySelectorAll('track')) {
        if (location.protocol === 'file:') {
          replaceTrack(media, track);
          continue;
        }
        track.addEventListener('error', () => replaceTrack(media, track));
        if (track.readyState === 3) replaceTrack(media, track);
        else if (track.hasAttribute('data-default') && track.track) track.track.mode = 'showing';
      }
    }
  }

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { parseSettings, cueTimes };
    return;
  }
  if (document.readyState !== 'loading') init();
  else document.addEventListener('DOMContentLoaded', init);
})(this);
