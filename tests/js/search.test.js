// Tests of the query side of search, themes/default/static/search.js (run: node --test tests/js/)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const s = require(path.join(__dirname, '../../themes/default/static/search.js'));

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, '../search-vectors.json'), 'utf8'));

test('normalisation follows the shared vectors (same table as the Rust index)', () => {
  for (const [typed, want] of vectors.normalize) assert.equal(s.normalize(typed), want, typed);
  for (const [a, b] of vectors.same) assert.equal(s.normalize(a), s.normalize(b), `${a} / ${b}`);
});

test('word splitting follows the shared vectors', () => {
  for (const [text, want] of vectors.words) assert.deepEqual(s.words(text), want, text);
});

test('word spans give offsets into the text', () => {
  const text = 'L’école, 2026';
  assert.deepEqual(s.wordSpans(text).map((w) => text.slice(w.start, w.end)), ['L', 'école', '2026']);
});

test('queries drop stop words and repeats; the last word is a prefix while typing', () => {
  const stop = new Set(['the', 'an']);
  assert.deepEqual(s.parseQuery('The Asylum seek', stop), [
    { word: 'asylum', prefix: false }, { word: 'seek', prefix: true }]);
  assert.deepEqual(s.parseQuery('asylum ', stop), [{ word: 'asylum', prefix: false }]);
  assert.deepEqual(s.parseQuery('a', stop), [{ word: 'a', prefix: false }]);
  assert.deepEqual(s.parseQuery('ΜΕΤΑΝΆΣΤΕΥΣΗ μετανάστευση ', stop), [{ word: 'μεταναστευση', prefix: false }]);
  assert.deepEqual(s.parseQuery('the an', stop), []);
});

test('a Korean word finds the word with its particle wherever it stands in the query', () => {
  // Korean writes particles onto the word (주민과, 주민들은): the index holds those forms only.
  assert.deepEqual(s.parseQuery('주민 외국인'), [{ word: '주민', prefix: true }, { word: '외국인', prefix: true }]);
  assert.deepEqual(s.parseQuery('주민 외국인 '), [{ word: '주민', prefix: true }, { word: '외국인', prefix: true }]);
  assert.deepEqual(s.parseQuery('때 migration '), [{ word: '때', prefix: false }, { word: 'migration', prefix: false }]);
});

test('the shard of a word is the last one whose first word is not after it', () => {
  const firsts = ['0', 'ea', 'mi', 'σα'];
  assert.equal(s.shardOf(firsts, 'asylum'), 0);
  assert.equal(s.shardOf(firsts, 'ea'), 1);
  assert.equal(s.shardOf(firsts, 'migrant'), 2);
  assert.equal(s.shardOf(firsts, 'zebra'), 2);
  assert.equal(s.shardOf(firsts, 'σχολειο'), 3);
  const manifest = { terms: firsts };
  assert.deepEqual(s.shardsFor(manifest, [{ word: 'm', prefix: true }]), [1, 2]);
  assert.deepEqual(s.shardsFor(manifest, [{ word: 'mig', prefix: false }, { word: 'asy', prefix: true }]), [0, 2]);
});

// A small index in the format of src/search/shards.rs: pages 0..3.
const manifest = { n: 4, terms: ['a', 'm'], docs: [3, 1] };
const shards = {
  0: { w: { asylum: 0, seeker: 1, seekers: 1 }, p: [[0, 600, 2, 5], [2, 8]] },
  1: { w: { migrant: 0, migrants: 0, migration: 1 }, p: [[1, 4, 1, 400], [0, 3]] }
};

test('pages must contain every word; weights rank them', () => {
  const r = s.score(manifest, shards, [{ word: 'asylum', prefix: false }]);
  assert.deepEqual(r.hits.map((h) => h.doc), [0, 2]);
  const both = s.score(manifest, shards, [{ word: 'asylum', prefix: false }, { word: 'seekers', prefix: false }]);
  assert.deepEqual(both.hits.map((h) => h.doc), [2]);
  assert.ok(both.words.has('seeker') && both.words.has('seekers'), 'forms of a stem are highlighted');
  const none = s.score(manifest, shards, [{ word: 'asylum', prefix: false }, { word: 'visa', prefix: false }]);
  assert.deepEqual(none.hits, []);
});

test('a prefix finds every word it starts, exact words rank first', () => {
  const r = s.score(manifest, shards, [{ word: 'migra', prefix: true }]);
  assert.deepEqual(r.hits.map((h) => h.doc).sort(), [0, 1, 2]);
  const exact = s.score(manifest, shards, [{ word: 'migrants', prefix: true }]);
  assert.deepEqual(exact.hits.map((h) => h.doc), [2, 1]);
});

test('postings are delta-coded pairs', () => {
  assert.deepEqual([...s.decode([3, 10, 2, 7])], [[3, 10], [5, 7]]);
});

test('a page id leads to its page shard', () => {
  assert.deepEqual(s.docShardOf({ docs: [3, 2] }, 0), { shard: 0, offset: 0 });
  assert.deepEqual(s.docShardOf({ docs: [3, 2] }, 4), { shard: 1, offset: 1 });
  assert.equal(s.docShardOf({ docs: [3, 2] }, 5), null);
});

test('snippets show the first match with the matched words marked', () => {
  const text = 'Intro words here. '.repeat(20) + 'An asylum seeker waits. Asylum again.';
  const isMatch = s.matcher([{ word: 'asylum', prefix: false }], new Set(['asylum']));
  const pieces = s.snippet(text, isMatch, 80);
  const marked = pieces.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked, ['asylum', 'Asylum']);
  assert.equal(pieces[0].text, '… ');
  const greek = s.snippet('Η μετανάστευση σήμερα', s.matcher([{ word: 'μεταναστευση', prefix: false }], new Set(['μεταναστευση'])));
  assert.deepEqual(greek.filter((p) => p.mark).map((p) => p.text), ['μετανάστευση']);
  const persian = s.snippet('موظفي البلديات الذين', s.matcher([{ word: s.normalize('البلدیات'), prefix: false }], new Set([s.normalize('البلدیات')])));
  assert.deepEqual(persian.filter((p) => p.mark).map((p) => p.text), ['البلديات']);
  // Japanese: each character is a word; characters next to each other are one mark, so a
  // screen reader reads 震災 as one highlighted word, not as two.
  const ja = s.snippet('一九九五年の震災のとき、震度は七でした。', s.matcher([{ word: '震', prefix: false }, { word: '災', prefix: false }], new Set(['震', '災'])));
  assert.deepEqual(ja.filter((p) => p.mark).map((p) => p.text), ['震災', '震']);
  assert.equal(ja.map((p) => p.text).join(''), '一九九五年の震災のとき、震度は七でした。');
  const none = s.snippet('No match here at all', () => false);
  assert.equal(none.map((p) => p.text).join(''), 'No match here at all');
});

test('a match deep in a long text: the passage around it, cut at whole words', () => {
  const filler = Array.from({ length: 700 }, (_, i) => `wörd${i}`).join(' ');
  const text = `${filler} the asylum seeker ${filler}`;
  const isMatch = s.matcher([{ word: 'asylum', prefix: false }], new Set(['asylum']));
  const pieces = s.snippet(text, isMatch);
  assert.equal(pieces[0].text, '… ');
  assert.equal(pieces[pieces.length - 1].text, ' …');
  assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['asylum']);
  const shown = pieces.slice(1, -1).map((p) => p.text).join('');
  assert.ok(text.includes(shown), 'the passage is a piece of the text');
  assert.ok(shown.length <= 180, `${shown.length} characters`);
  const at = text.indexOf(shown);
  assert.ok(/\s/.test(text[at - 1]) && /^wörd\d+ /.test(shown), `starts with a whole word: ${shown.slice(0, 20)}`);
  assert.ok(/\s/.test(text[at + shown.length]), 'ends with a whole word');
});
