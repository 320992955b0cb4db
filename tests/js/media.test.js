// Tests for the caption helpers in themes/default/static/media.js (run: node --test tests/js/)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { parseSettings, cueTimes } = require(path.join(__dirname, '../../themes/default/static/media.js'));

test('parseSettings turns WebVTT cue settings into VTTCue values', () => {
  assert.deepEqual(parseSettings('line:90% align:start position:10%,line-left size:80%'),
    { snapToLines: false, line: 90, align: 'start', position: 10, positionAlign: 'line-left', size: 80 });
  assert.deepEqual(parseSettings('line:-1,end vertical:rl'), { line: -1, lineAlign: 'end', vertical: 'rl' });
  assert.deepEqual(parseSettings(''), {});
  assert.deepEqual(parseSettings(undefined), {});
  assert.deepEqual(parseSettings('align:middle size:x% line:1.5 colour:red :x'), {});
});

test('cueTimes accepts only a start before an end', () => {
  assert.deepEqual(cueTimes('1.500', '3.000'), { start: 1.5, end: 3 });
  assert.equal(cueTimes('3', '3'), null);
  assert.equal(cueTimes('x', '3'), null);
  assert.equal(cueTimes(undefined, '3'), null);
});
