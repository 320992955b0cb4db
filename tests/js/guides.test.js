// Tests for the checklist helpers in themes/default/static/kyklos.js and the tag-filter
// helpers in themes/default/static/tag-filters.js (run: node --test tests/js/)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { sanitizeChecks } = require(path.join(__dirname, '../../themes/default/static/kyklos.js'));
const {
  parseTagHash, tagHash, matchesFilters, withOnly, filterStatusText,
} = require(path.join(__dirname, '../../themes/default/static/tag-filters.js'));

test('sanitizeChecks keeps unique id-like strings of an array', () => {
  assert.deepEqual(sanitizeChecks(['check-1', 'check-3', 'check-1', 'p0-check-2']),
    ['check-1', 'check-3', 'p0-check-2']);
  assert.deepEqual(sanitizeChecks([]), []);
  assert.deepEqual(sanitizeChecks(['check-1', 2, null, {}, ['x'], '', ' check-2', '1abc', '__proto__', 'a"b', 'x<y']),
    ['check-1']);
});

test('sanitizeChecks returns null for anything that is not an array', () => {
  for (const x of [null, undefined, 1, 'check-1', { 0: 'check-1', length: 1 }, true]) {
    assert.equal(sanitizeChecks(x), null, JSON.stringify(x));
  }
});

test('sanitizeChecks bounds the size of what it returns', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `check-${i}`);
  assert.equal(sanitizeChecks(many).length, 2000);
  assert.deepEqual(sanitizeChecks(['a'.repeat(201), 'ok']), ['ok']);
});

test('parseTagHash reads #tags=…', () => {
  assert.deepEqual(parseTagHash('#tags=country:greece,sector:social-services'),
    ['country:greece', 'sector:social-services']);
  assert.deepEqual(parseTagHash('tags=country:greece'), ['country:greece']);
  assert.deepEqual(parseTagHash('#tags=country%3Agreece,sector%3Asocial-services'),
    ['country:greece', 'sector:social-services']);
  assert.deepEqual(parseTagHash('#x=1&tags=a:b'), ['a:b']);
  assert.deepEqual(parseTagHash('#tags=target_group:refugees'), ['target_group:refugees']);
  // non-Latin slugs survive a round trip
  assert.deepEqual(parseTagHash(tagHash(['χώρα:ελλάδα'])), ['χώρα:ελλάδα']);
});

test('parseTagHash ignores junk', () => {
  for (const h of ['', '#', '#main', '#tags=', '#tags=nogroup', '#tags=:x', '#tags=a:', '#tags=%E0%A4%A',
    null, undefined, '#tags=a b:c']) {
    assert.deepEqual(parseTagHash(h), [], String(h));
  }
  assert.deepEqual(parseTagHash('#tags=a:b,,a:b, c:d ,bad'), ['a:b', 'c:d']);
});

test('tagHash writes the selection, and nothing for none', () => {
  assert.equal(tagHash(['country:greece', 'sector:x']), '#tags=country:greece,sector:x');
  assert.equal(tagHash([]), '');
  assert.equal(tagHash(undefined), '');
  assert.equal(tagHash(['bad', 'a:b']), '#tags=a:b');
  assert.deepEqual(parseTagHash(tagHash(['a:b', 'c:d-e'])), ['a:b', 'c:d-e']);
});

test('filters: OR within a group, AND across groups', () => {
  const t = 'country:greece sector:education';
  assert.equal(matchesFilters(t, ['country:greece', 'country:spain']), true, 'Greece or Spain');
  assert.equal(matchesFilters(t, ['country:spain']), false);
  assert.equal(matchesFilters(t, ['country:spain', 'country:greece', 'sector:culture']), false, 'and a sector');
  assert.deepEqual(withOnly(['country:spain', 'sector:x'], 'country:greece'), ['sector:x', 'country:greece']);
});

test('matchesFilters is an AND of tags from different groups', () => {
  const tags = 'country:greece sector:education sector:social-services';
  assert.equal(matchesFilters(tags, []), true);
  assert.equal(matchesFilters(tags, ['country:greece']), true);
  assert.equal(matchesFilters(tags, ['country:greece', 'sector:education']), true);
  assert.equal(matchesFilters(tags, ['country:greece', 'sector:culture']), false);
  assert.equal(matchesFilters(tags, ['country:gree']), false, 'whole tags only');
  assert.equal(matchesFilters('', ['a:b']), false);
  assert.equal(matchesFilters(undefined, []), true);
});

test('filterStatusText fills {shown} and {total}, else "N / M"', () => {
  assert.equal(filterStatusText('{shown} of {total} practices', 3, 7), '3 of 7 practices');
  assert.equal(filterStatusText(undefined, 3, 7), '3 / 7');
  assert.equal(filterStatusText('', 0, 4), '0 / 4');
  assert.equal(filterStatusText('no placeholders', 1, 2), '1 / 2');
});
