/*
 * kyklos search: the query side of the index that `kyklos build` writes under
 * search/<lang>/ (format: src/search/shards.rs).
 *
 * - The index files are scripts that call kyklosSearch.add(lang, name, data); they are loaded
 *   by inserting <script src> elements, only once the learner types a query, and only the
 *   shards the query needs (the manifest, the term shard of each word, the page shards of
 *   the results shown). No fetch, no XHR, no eval, no WebAssembly: works from file:// and
 *   under a strict Content-Security-Policy.
 * - Words are split and folded exactly as the index did (tests/search-vectors.json checks
 *   both sides). Stemming happened at build time: the index maps every word form found in
 *   the site to its stem, so the browser only looks words up.
 * - A query finds pages that contain all its words; the last word also matches as a prefix
 *   while it is being typed, and a Korean word always (its particles are written onto it).
 *
 * In node, module.exports exposes the pure parts for tests (no DOM is touched).
 */
(function () {
  'use strict';

  // ---- normalisation (keep in step with src/search/normalize.rs) ----------------------------

  const MAX_WORD = 40;
  const MARKS = /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640\u200c\u200d\u00ad]/g;
  const LETTERS = {
    'ς': 'σ', '\u06cc': '\u064a', '\u0649': '\u064a', '\u06a9': '\u0643', '\u0671': '\u0627',
    '\u06c1': '\u0647', '\u06c3': '\u0629',
    'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ø': 'o', 'ı': 'i', 'ħ': 'h'
  };
  // Arabic-Indic and Persian digits as 0-9.
  for (let d = 0; d < 10; d++) {
    LETTERS[String.fromCharCode(0x0660 + d)] = String(d);
    LETTERS[String.fromCharCode(0x06f0 + d)] = String(d);
  }
  const LETTER_RE = /[ς\u06cc\u0649\u06a9\u06c1\u06c3\u0671ßæœłđøıħ\u0660-\u0669\u06f0-\u06f9]/g;
  const ASCII = /^[\x00-\x7f]*$/;
  const WORDY = /[\p{Alphabetic}\p{N}]/u;
  const APOSTROPHES = /['\u2019\u02bc]/;
  // Ideographs and hiragana are one word each in the index (Unicode word boundaries, UAX #29),
  // where the browser's dictionary joins them ("震災", "やさしい"): split them the same way.
  const ONE_EACH = /[\p{Script=Han}\p{Script=Hiragana}]/u;
  const HANGUL = /^\p{Script=Hangul}+$/u;

  /** A word as the index stores it: folded case, diacritics and Arabic-script variants. */
  function normalize(word) {
    if (ASCII.test(word)) return word.toLowerCase();
    return word.normalize('NFKD').toLowerCase().replace(MARKS, '')
      .replace(LETTER_RE, (c) => LETTERS[c]).normalize('NFC');
  }

  let segmenter = null;
  function getSegmenter() {
    if (segmenter === null) {
      segmenter = (typeof Intl === 'object' && Intl.Segmenter)
        ? new Intl.Segmenter('und', { granularity: 'word' }) : false;
    }
    return segmenter;
  }

  /** Words of a text with their offsets, one at a time: { word, start, end }. */
  function* spanIter(text) {
    function* piece(part, start) {
      if (part && WORDY.test(part) && [...part].length <= MAX_WORD) {
        yield { word: part, start, end: start + part.length };
      }
    }
    /** A part cut before and after each ideograph and hiragana, as the index cuts it. */
    function* cjk(part, start) {
      if (!ONE_EACH.test(part)) {
        yield* piece(part, start);
        return;
      }
      let run = start;
      let at = start;
      for (const c of part) {
        if (ONE_EACH.test(c)) {
          yield* piece(text.slice(run, at), run);
          yield* piece(c, at);
          run = at + c.length;
        }
        at += c.length;
      }
      yield* piece(text.slice(run, at), run);
    }
    function* parts(w, start) {
      let at = start;
      for (const part of w.split(APOSTROPHES)) {
        yield* cjk(part, at);
        at += part.length + 1;
      }
    }
    const seg = getSegmenter();
    if (seg) {
      for (const s of seg.segment(text)) if (s.isWordLike) yield* parts(s.segment, s.index);
    } else {
      const re = /[\p{L}\p{M}\p{N}_'\u2019\u02bc]+/gu;
      let m;
      while ((m = re.exec(text))) yield* parts(m[0], m.index);
    }
  }

  /** Words of a text with their offsets: [{ word, start, end }]. */
  function wordSpans(text) {
    return [...spanIter(text)];
  }

  function words(text) {
    return wordSpans(text).map((s) => s.word);
  }

  // ---- the index --------------------------------------------------------------------------

  /** The query's words, folded, without stop words; the last one is a prefix while typing. */
  function parseQuery(query, stop) {
    const list = words(query).map(normalize).filter((w) => w && !(stop && stop.has(w)));
    const seen = new Set();
    const terms = [];
    for (const w of list) if (!seen.has(w)) { seen.add(w); terms.push({ word: w, prefix: false }); }
    if (terms.length && !/\s$/.test(query)) {
      const last = terms[terms.length - 1];
      if ([...last.word].length >= 2 && list[list.length - 1] === last.word) last.prefix = true;
    }
    // A Korean word is written with its particle (주민과, 주민들은), so each word of two or more
    // Hangul syllables also finds the longer forms, wherever it stands in the query.
    for (const t of terms) if (HANGUL.test(t.word) && [...t.word].length >= 2) t.prefix = true;
    return terms;
  }

  /** The last shard whose first word is <= word. */
  function shardOf(firsts, word) {
    let lo = 0;
    let hi = firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Term shards a query needs: its words' and, for a prefix, at most one more. */
  function shardsFor(manifest, terms) {
    const need = new Set();
    for (const t of terms) {
      const i = shardOf(manifest.terms, t.word);
      need.add(i);
      if (t.prefix && i + 1 < manifest.terms.length && manifest.terms[i + 1].startsWith(t.word)) need.add(i + 1);
    }
    return [...need].sort((a, b) => a - b);
  }

  function decode(list) {
    const out = new Map();
    let doc = 0;
    for (let i = 0; i + 1 < list.length; i += 2) {
      doc += list[i];
      out.set(doc, list[i + 1]);
    }
    return out;
  }

  function asArray(v) {
    return Array.isArray(v) ? v : [v];
  }

  /**
   * Scores pages for the parsed terms against loaded term shards ({ index: data }).
   * Returns { hits: [{ doc, score }], words: Set of matched word forms }.
   */
  function score(manifest, shards, terms) {
    const n = manifest.n || 1;
    const matched = new Set();
    let result = null;
    for (const t of terms) {
      const perDoc = new Map();
      const add = (shard, word, factor) => {
        for (const s of asArray(shard.w[word])) {
          const postings = shard.p[s];
          if (!postings) continue;
          const idf = 1 + Math.log(n / (postings.length / 2 + 1));
          let doc = 0;
          for (let i = 0; i + 1 < postings.length; i += 2) {
            doc += postings[i];
            const value = postings[i + 1] * idf * factor;
            if (!(perDoc.get(doc) >= value)) perDoc.set(doc, value);
          }
          // Other forms of the same stem in this shard are matches too (for highlighting).
          for (const other of Object.keys(shard.w)) {
            if (asArray(shard.w[other]).includes(s)) matched.add(other);
          }
        }
      };
      for (const [, shard] of Object.entries(shards)) {
        if (Object.prototype.hasOwnProperty.call(shard.w, t.word)) add(shard, t.word, 1);
        if (t.prefix) {
          let taken = 0;
          for (const word of Object.keys(shard.w)) {
            if (word !== t.word && word.startsWith(t.word) && taken < 50) {
              taken += 1;
              matched.add(word);
              add(shard, word, 0.5);
            }
          }
        }
      }
      matched.add(t.word);
      if (result === null) {
        result = perDoc;
      } else {
        const next = new Map();
        for (const [doc, s] of result) if (perDoc.has(doc)) next.set(doc, s + perDoc.get(doc));
        result = next;
      }
      if (!result.size) break;
    }
    const hits = result ? [...result].map(([doc, s]) => ({ doc, score: s })) : [];
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { hits, words: matched };
  }

  /** The page shard holding page `doc` and the page's place in it. */
  function docShardOf(manifest, doc) {
    let start = 0;
    for (let i = 0; i < manifest.docs.length; i += 1) {
      if (doc < start + manifest.docs[i]) return { shard: i, offset: doc - start };
      start += manifest.docs[i];
    }
    return null;
  }

  /**
   * A short passage of `text` around the first matched word, as [{ text, mark }] pieces.
   * `isMatch(normalizedWord)` says whether a word matched the query.
   */
  function snippet(text, isMatch, size) {
    const max = size || 180;
    // Words are split lazily up to the first match; then only the passage shown (from a
    // little before it, so that a word cut at its start is seen whole) is split again.
    let first = null;
    for (const s of spanIter(text)) {
      if (isMatch(normalize(s.word))) { first = s; break; }
    }
    let from = first ? Math.max(0, first.start - Math.floor(max / 3)) : 0;
    const base = Math.max(0, from - 4 * MAX_WORD);
    const spans = wordSpans(text.slice(base, from + max + 4 * MAX_WORD))
      .map((s) => ({ word: s.word, start: s.start + base, end: s.end + base }));
    const hits = spans.filter((s) => isMatch(normalize(s.word)));
    if (from > 0) {
      const next = spans.find((s) => s.start >= from);
      from = next ? next.start : from;
    }
    let to = Math.min(text.length, from + max);
    if (to < text.length) {
      const last = spans.filter((s) => s.end <= to).pop();
      if (last && last.end > from) to = last.end;
    }
    const pieces = [];
    if (from > 0) pieces.push({ text: '… ', mark: false });
    let at = from;
    for (const h of hits) {
      if (h.start < from || h.end > to) continue;
      if (h.start > at) pieces.push({ text: text.slice(at, h.start), mark: false });
      const prev = pieces[pieces.length - 1];
      // Matches side by side (the characters of 震災, each a word) are one mark.
      if (prev && prev.mark && h.start === at) prev.text += text.slice(h.start, h.end);
      else pieces.push({ text: text.slice(h.start, h.end), mark: true });
      at = h.end;
    }
    if (at < to) pieces.push({ text: text.slice(at, to), mark: false });
    if (to < text.length) pieces.push({ text: ' …', mark: false });
    return pieces;
  }

  /** A matcher for snippets: matched forms, or a word starting with the prefix being typed. */
  function matcher(terms, matchedWords) {
    const prefixes = terms.filter((t) => t.prefix).map((t) => t.word);
    return (w) => matchedWords.has(w) || prefixes.some((p) => w.startsWith(p));
  }

  const api = { normalize, words, wordSpans, parseQuery, shardOf, shardsFor, decode, score, docShardOf, snippet, matcher };

  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }
  if (typeof document === 'undefined') return;

  // ---- loading index files ----------------------------------------------------------------

  const registry = window.kyklosSearch || (window.kyklosSearch = { data: {}, waiting: {} });
  registry.data = registry.data || {};
  registry.waiting = registry.waiting || {};
  registry.add = function (lang, name, data) {
    const key = lang + '/' + name;
    registry.data[key] = data;
  };

  const loading = {};
  function load(root, lang, name) {
    const key = lang + '/' + name;
    if (registry.data[key]) return Promise.resolve(registry.data[key]);
    if (!loading[key]) {
      loading[key] = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = root + 'search/' + lang + '/' + name + '.js';
        s.async = true;
        s.onload = () => (registry.data[key] ? resolve(registry.data[key]) : reject(new Error(key)));
        s.onerror = () => { delete loading[key]; reject(new Error(key)); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }

  // ---- the search box and its results -------------------------------------------------------

  const PAGE = 10;

  // A string's text as a node: in a <span lang dir> when the page marks it as another
  // language's (data-t-<name>-lang="it ltr": the site's language lacks that string).
  function marked(text, mark) {
    if (!mark || !text) return document.createTextNode(text || '');
    const [lang, dir] = mark.split(' ');
    return Object.assign(document.createElement('span'), { lang: lang, dir: dir, textContent: text });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  }

  function init(box) {
    const root = box.getAttribute('data-root') || '';
    const lang = box.getAttribute('data-lang') || 'en';
    const t = (k) => box.getAttribute('data-t-' + k) || '';
    const tl = (k) => box.getAttribute('data-t-' + k + '-lang') || '';
    const form = box.querySelector('form');
    const input = box.querySelector('input[type="search"]');
    const status = box.querySelector('.search-status');
    const panel = box.querySelector('.search-panel');
    const count = box.querySelector('.search-count');
    const list = box.querySelector('.search-results');
    const more = box.querySelector('.search-more');
    if (!form || !input || !status || !panel || !list || !more || !count) return;
    box.classList.add('is-ready');

    let manifest = null;
    let generation = 0;
    let current = null;

    function close() {
      panel.hidden = true;
    }

    function say(text, k) {
      status.replaceChildren(marked(text, k && tl(k)));
      count.replaceChildren(marked(text, k && tl(k)));
    }

    async function run() {
      const query = input.value;
      const mine = ++generation;
      if (!query.trim()) {
        close();
        list.textContent = '';
        say('');
        return;
      }
      try {
        if (!manifest) {
          say(t('loading'), 'loading');
          manifest = await load(root, lang, 'index');
          manifest.stopSet = new Set(manifest.stop || []);
        }
        const terms = parseQuery(query, manifest.stopSet);
        const shards = {};
        if (terms.length) {
          const need = shardsFor(manifest, terms);
          const loaded = await Promise.all(need.map((i) => load(root, lang, 't' + i)));
          need.forEach((i, k) => { shards[i] = loaded[k]; });
        }
        if (mine !== generation) return;
        const found = terms.length ? score(manifest, shards, terms) : { hits: [], words: new Set() };
        current = { query, terms, found, shown: 0 };
        list.textContent = '';
        panel.hidden = false;
        if (!found.hits.length) {
          say(fill(t('none'), { query: query.trim() }), 'none');
          more.hidden = true;
          panel.setAttribute('data-query', query);
          return;
        }
        say(fill(t('count'), { n: String(found.hits.length) }), 'count');
        await showMore(mine);
        // Which query the results shown answer (tests and benchmarks wait for it).
        if (mine === generation) panel.setAttribute('data-query', query);
      } catch (e) {
        if (mine !== generation) return;
        panel.hidden = false;
        say(t('error'), 'error');
      }
    }

    async function showMore(mine) {
      const c = current;
      const slice = c.found.hits.slice(c.shown, c.shown + PAGE);
      const places = slice.map((h) => docShardOf(manifest, h.doc));
      const names = [...new Set(places.filter(Boolean).map((p) => p.shard))];
      const loaded = await Promise.all(names.map((i) => load(root, lang, 'd' + i)));
      if (mine !== generation) return;
      const docShards = {};
      names.forEach((i, k) => { docShards[i] = loaded[k]; });
      const isMatch = matcher(c.terms, c.found.words);
      const first = c.shown;
      slice.forEach((h, k) => {
        const p = places[k];
        const doc = p && docShards[p.shard] && docShards[p.shard][p.offset];
        if (doc) list.appendChild(result(doc, isMatch));
      });
      c.shown += slice.length;
      more.hidden = c.shown >= c.found.hits.length;
      return first;
    }

    function result(doc, isMatch) {
      const [url, title, kind, place, fallback, text] = doc;
      const li = document.createElement('li');
      li.className = 'search-result';
      const a = document.createElement('a');
      a.href = root + lang + '/' + url;
      a.className = 'search-result-title';
      appendMarked(a, snippet(title, isMatch, 400));
      li.appendChild(a);
      const meta = document.createElement('p');
      meta.className = 'search-result-meta';
      const kindEl = document.createElement('span');
      kindEl.className = 'search-result-kind';
      // A label the site's language lacks is another language's: marked as such.
      kindEl.appendChild(marked((manifest.kinds && manifest.kinds[kind]) || kind, manifest.kind_langs && manifest.kind_langs[kind]));
      meta.appendChild(kindEl);
      if (place && place.length) {
        // A title the index writes as [title] shows the default language's text.
        const where = document.createElement('span');
        where.className = 'search-result-place';
        place.forEach((p, i) => {
          if (i > 0) where.appendChild(document.createTextNode(' › '));
          if (Array.isArray(p)) {
            const span = document.createElement('span');
            span.textContent = p[0];
            const fl = manifest.fallback || {};
            if (fl.lang) {
              span.lang = fl.lang;
              span.dir = fl.dir || 'ltr';
            }
            where.appendChild(span);
          } else {
            where.appendChild(document.createTextNode(p));
          }
        });
        meta.appendChild(where);
      }
      if (fallback) {
        const fb = document.createElement('span');
        fb.className = 'search-result-fallback';
        fb.appendChild(marked(t('fallback'), tl('fallback')));
        meta.appendChild(fb);
        const fl = manifest.fallback || {};
        if (fl.lang) {
          a.lang = fl.lang;
          a.dir = fl.dir || 'ltr';
        }
      }
      li.appendChild(meta);
      if (text) {
        const p = document.createElement('p');
        p.className = 'search-result-snippet';
        appendMarked(p, snippet(text, isMatch));
        if (fallback && manifest.fallback && manifest.fallback.lang) {
          p.lang = manifest.fallback.lang;
          p.dir = manifest.fallback.dir || 'ltr';
        }
        li.appendChild(p);
      }
      return li;
    }

    function appendMarked(el, pieces) {
      for (const piece of pieces) {
        if (piece.mark) {
          const m = document.createElement('mark');
          m.textContent = piece.text;
          el.appendChild(m);
        } else {
          el.appendChild(document.createTextNode(piece.text));
        }
      }
    }

    function links() {
      return [...list.querySelectorAll('a.search-result-title')];
    }

    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(timer);
      run().then(() => {
        const first = links()[0];
        if (first && !panel.hidden) first.focus();
      });
    });
    more.addEventListener('click', async () => {
      const before = links().length;
      await showMore(generation);
      const next = links()[before];
      if (next) next.focus();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        const first = links()[0];
        if (first) { e.preventDefault(); first.focus(); }
      } else if (e.key === 'Escape') {
        if (!panel.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ''; run(); }
      }
    });
    panel.addEventListener('keydown', (e) => {
      const all = links();
      const i = all.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && i >= 0) {
        e.preventDefault();
        if (i + 1 < all.length) all[i + 1].focus(); else if (!more.hidden) more.focus();
      } else if (e.key === 'ArrowUp' && (i >= 0 || document.activeElement === more)) {
        e.preventDefault();
        const at = i >= 0 ? i : all.length;
        if (at > 0) all[at - 1].focus(); else input.focus();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
        input.focus();
      }
    });
    input.addEventListener('focus', () => {
      if (input.value.trim() && list.children.length) {
        panel.hidden = false;
      }
    });
    document.addEventListener('click', (e) => {
      if (!box.contains(e.target)) close();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const el = e.target;
      const tag = el && el.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el && el.isContentEditable)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  function start() {
    for (const box of document.querySelectorAll('[data-search]')) init(box);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
