/* tag-filters.js — loaded (defer, after kyklos.js) on a collection's page (good practices).
 *
 * The collection's tag links (nav.tag-filters) become toggle buttons (role="button",
 * aria-pressed) that show only the cards (li.card-practice[data-tags]) matching the
 * selection: any selected value of a group (OR), and every group (AND); each .tag-count says
 * how many that value would show; p.filter-status says how many are shown (body[data-t-filter],
 * with {shown} and {total}, else "N / M"); button.filter-reset shows all again. The selection
 * is kept in the URL (#tags=group:value,group:value), so reload, back and forward keep it.
 * Without JS the tag links lead to the per-tag pages. Needs nothing from the other scripts.
 * In node, module.exports = { parseTagHash, tagHash, matchesFilters, withOnly,
 * filterStatusText } (no DOM is touched).
 */
(function (root) {
  'use strict';

  // ---- pure helpers (tested in node) --------------------------------------------------------

  const TAG_RE = /^[^\s,:#]+:[^\s,#]+$/;

  /** `#tags=country:greece,sector:x` → ['country:greece', 'sector:x'] (unique, well-formed). */
  function parseTagHash(hash) {
    let text = String(hash || '');
    if (text.charAt(0) === '#') text = text.slice(1);
    const m = /(?:^|&)tags=([^&]*)/.exec(text);
    if (!m) return [];
    let value = m[1];
    try { value = decodeURIComponent(value); } catch (e) { /* keep it as it is */ }
    const out = [];
    value.split(',').forEach(function (t) {
      const tag = t.trim();
      if (tag && TAG_RE.test(tag) && out.indexOf(tag) === -1 && out.length < 100) out.push(tag);
    });
    return out;
  }

  /** ['country:greece', 'sector:x'] → '#tags=country:greece,sector:x' ('' for none). */
  function tagHash(tags) {
    const list = (tags || []).filter(function (t) { return typeof t === 'string' && TAG_RE.test(t); });
    if (list.length === 0) return '';
    return '#tags=' + list.map(function (t) {
      return encodeURIComponent(t).replace(/%3A/gi, ':');
    }).join(',');
  }

  /**
   * Whether a card's data-tags ("a:b c:d") matches the selection: within one group (the part
   * before ":") any selected value will do (OR), across groups every group must match (AND).
   */
  function matchesFilters(dataTags, selected) {
    const have = String(dataTags || '').split(/\s+/).filter(Boolean);
    const groups = {};
    (selected || []).forEach(function (t) {
      const g = t.split(':')[0];
      (groups[g] = groups[g] || []).push(t);
    });
    return Object.keys(groups).every(function (g) {
      return groups[g].some(function (t) { return have.indexOf(t) !== -1; });
    });
  }

  /** The selection as it would be with `tag` chosen as its group's only value. */
  function withOnly(selected, tag) {
    const g = tag.split(':')[0];
    return (selected || []).filter(function (t) { return t.split(':')[0] !== g; }).concat(tag);
  }

  /** "3 of 7 practices" from a template with {shown} and {total}, else "3 / 7". */
  function filterStatusText(template, shown, total) {
    if (typeof template === 'string' && template.indexOf('{shown}') !== -1) {
      return template.replace(/\{shown\}/g, String(shown)).replace(/\{total\}/g, String(total));
    }
    return shown + ' / ' + total;
  }

  // A string's text as a node: in a <span lang dir> when the page marks it as another
  // language's (data-t-<name>-lang="it ltr": the site's language lacks that string).
  function marked(text, mark) {
    if (!mark || !text) return document.createTextNode(text || '');
    const [lang, dir] = mark.split(' ');
    return Object.assign(document.createElement('span'), { lang: lang, dir: dir, textContent: text });
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = {
      parseTagHash: parseTagHash,
      tagHash: tagHash,
      matchesFilters: matchesFilters,
      withOnly: withOnly,
      filterStatusText: filterStatusText
    };
    return;
  }

  // ---- the filters on the page ---------------------------------------------------------------

  function tagFilters() {
    const nav = document.querySelector('nav.tag-filters');
    if (!nav) return;
    const links = Array.from(nav.querySelectorAll('a.tag[data-tag]'));
    const cards = Array.from(document.querySelectorAll('li.card-practice[data-tags]'))
      .filter(function (card) { return !card.closest('.related'); });
    if (links.length === 0 || cards.length === 0) return;
    const known = links.map(function (a) { return a.dataset.tag; });
    const status = nav.querySelector('.filter-status');
    const reset = nav.querySelector('button.filter-reset');
    const template = document.body.dataset.tFilter;
    let selected = [];

    function fromUrl() {
      return parseTagHash(root.location.hash).filter(function (t) { return known.indexOf(t) !== -1; });
    }

    function setUrl(tags) {
      const url = root.location.pathname + root.location.search + tagHash(tags);
      try {
        root.history.pushState(null, '', url || root.location.pathname);
      } catch (e) {
        // pushState refused (some file:// setups): the hash alone still records it
        root.location.hash = tagHash(tags) || '';
      }
    }

    function apply(tags, announce) {
      selected = tags.slice();
      links.forEach(function (a) {
        a.setAttribute('aria-pressed', selected.indexOf(a.dataset.tag) !== -1 ? 'true' : 'false');
      });
      let shown = 0;
      cards.forEach(function (card) {
        const match = matchesFilters(card.dataset.tags, selected);
        card.hidden = !match;
        if (match) shown += 1;
      });
      // Each filter's count: how many practices it would show with the other groups' choices.
      links.forEach(function (a) {
        const count = a.querySelector('.tag-count');
        if (!count) return;
        const wanted = withOnly(selected, a.dataset.tag);
        const n = cards.filter(function (card) { return matchesFilters(card.dataset.tags, wanted); }).length;
        count.textContent = '(' + n + ')';
      });
      if (status) {
        const text = selected.length > 0 || announce ? filterStatusText(template, shown, cards.length) : '';
        status.replaceChildren(marked(text, template && template.indexOf('{shown}') !== -1 ? document.body.dataset.tFilterLang : ''));
      }
      if (reset) reset.hidden = selected.length === 0;
    }

    function toggle(tag) {
      const next = selected.indexOf(tag) === -1
        ? selected.concat(tag)
        : selected.filter(function (t) { return t !== tag; });
      apply(next, true);
      setUrl(next);
    }

    links.forEach(function (a) {
      // A toggle, not a way to another page: announced as a button with a pressed state.
      a.setAttribute('role', 'button');
      a.addEventListener('click', function (e) {
        // a modified click (new tab or window) still opens the tag's own page
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        toggle(a.dataset.tag);
      });
      a.addEventListener('keydown', function (e) {
        // buttons are pressed with Space as well as Enter
        if (e.key === ' ' || e.key === 'Spacebar') {
          e.preventDefault();
          toggle(a.dataset.tag);
        }
      });
    });

    if (reset) {
      reset.addEventListener('click', function () {
        apply([], true);
        setUrl([]);
        links[0].focus(); // the reset button hides itself: keep the focus in the filters
      });
    }

    // Back, forward or an edited URL; a jump to an anchor (#main, a heading) is not a
    // change of selection and leaves the filters alone.
    function sync() {
      const hash = root.location.hash;
      if (hash && hash !== '#' && !/^#(?:.*&)?tags=/.test(hash)) return;
      apply(fromUrl(), selected.length > 0);
    }
    root.addEventListener('popstate', sync);
    root.addEventListener('hashchange', sync);
    apply(fromUrl(), false);
  }

  if (document.body) tagFilters();
  else document.addEventListener('DOMContentLoaded', tagFilters);
})(this);
