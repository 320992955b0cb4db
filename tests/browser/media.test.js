'use strict';
// Video, captions and transcripts (issue 15) on the sample site's interview, over http from a
// sub-path and from file://: the player, its text tracks (which must load both ways), the
// transcript (collapsed, keyboard, printed), the external placeholder (no request before the
// click), and axe.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();
const INTERVIEW = 'webinars/mentor-interview.html';
const INDEX = 'webinars/index.html';

/** The player and its tracks once captions are ready (cues present on the showing track). */
async function playerState(page) {
  await page.waitForFunction(() => {
    const v = document.querySelector('figure.media video');
    const shown = v && Array.from(v.textTracks).find((t) => t.mode === 'showing');
    return shown && shown.cues && shown.cues.length > 0;
  }, null, { timeout: 10000 });
  return page.evaluate(() => {
    const v = document.querySelector('figure.media video');
    return {
      controls: v.controls,
      autoplay: v.autoplay || v.hasAttribute('autoplay'),
      preload: v.getAttribute('preload'),
      poster: v.getAttribute('poster'),
      label: v.getAttribute('aria-label'),
      tracks: Array.from(v.textTracks).map((t) => ({ lang: t.language, label: t.label, kind: t.kind, mode: t.mode })),
      trackElements: Array.from(v.querySelectorAll('track')).map((t) => t.srclang),
    };
  });
}

/** Turns on each text track in turn and returns how many cues it has once loaded. */
async function cueCounts(page) {
  return page.evaluate(async () => {
    const v = document.querySelector('figure.media video');
    const out = {};
    for (const t of Array.from(v.textTracks)) {
      t.mode = 'showing';
      for (let i = 0; i < 100 && !(t.cues && t.cues.length); i++) await new Promise((r) => setTimeout(r, 50));
      out[t.language] = t.cues ? t.cues.length : 0;
      t.mode = 'hidden';
    }
    return out;
  });
}

describe('media: players, captions, transcripts, external videos', { skip }, () => {
  let chrome, dir, server;

  before(async () => {
    dir = h.buildSample();
    server = await h.serve(dir, '/media/sub/path/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  for (const mode of ['http', 'file']) {
    test(`the interview's player and both caption tracks work over ${mode}`, async () => {
      const context = await h.newContext(chrome.browser);
      const page = await context.newPage();
      const w = await h.watch(page);
      try {
        for (const [lang, first, other] of [['en', 'en', 'el'], ['el', 'el', 'en']]) {
          const rel = `${lang}/${INTERVIEW}`;
          w.clear();
          await page.goto(mode === 'http' ? server.base + rel : h.fileUrl(dir, rel));
          const s = await playerState(page);
          assert.equal(s.controls, true);
          assert.equal(s.autoplay, false);
          assert.equal(s.preload, 'metadata');
          assert.equal(s.poster, 'mentor-interview.jpg');
          assert.ok(s.label && s.label.length > 10, `the video has a name: ${s.label}`);
          assert.deepEqual(s.tracks.map((t) => t.lang), [first, other], `${rel}: the page's language first`);
          assert.equal(s.tracks[0].mode, 'showing', `${rel}: captions in the page's language are on`);
          assert.ok(s.tracks.every((t) => t.kind === 'captions' && t.label), JSON.stringify(s.tracks));
          if (mode === 'http') assert.deepEqual(s.trackElements, [first, other], 'real <track> elements over http');
          const counts = await cueCounts(page);
          assert.deepEqual(counts, { en: 9, el: 9 }, `${rel} over ${mode}: cues of each track`);
          // The media file itself loads: its duration is known without playing it.
          const duration = await page.evaluate(async () => {
            const v = document.querySelector('figure.media video');
            for (let i = 0; i < 100 && !(v.readyState >= 1); i++) await new Promise((r) => setTimeout(r, 50));
            return v.duration;
          });
          assert.ok(duration > 25 && duration < 40, `duration ${duration}`);
          h.assertLocalRequests(w, mode === 'http' ? server.origin : null, rel);
          // With preload="metadata" the browser stops downloading a video (or restarts it
          // with a range) once it knows its size and length: an aborted media request is not
          // a failure. Anything else is.
          const aborted = (f) => /\.webm \(net::ERR_ABORTED\)$/.test(f);
          w.failed.splice(0, w.failed.length, ...w.failed.filter((f) => !aborted(f)));
          await h.assertCleanConsole(page, w, rel);
        }
        if (mode === 'http') {
          const vtt = server.hits.filter((x) => x.url.endsWith('.vtt'));
          assert.ok(vtt.length >= 2 && vtt.every((x) => x.status === 200), `the caption files were fetched: ${JSON.stringify(vtt)}`);
        }
      } finally {
        await context.close();
      }
    });
  }

  test('the transcript is collapsed, opens and closes by keyboard, and is printed', async () => {
    const context = await h.newContext(chrome.browser);
    const page = await context.newPage();
    try {
      await page.goto(h.fileUrl(dir, `en/${INTERVIEW}`));
      const details = page.locator('figure.media details.transcript');
      assert.equal(await details.evaluate((d) => d.open), false, 'collapsed at first');
      assert.equal(await page.locator('.transcript-body').isVisible(), false);
      // Tab to its summary like a keyboard user.
      let reached = false;
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement && document.activeElement.matches('details.transcript > summary'));
      }
      assert.ok(reached, 'the transcript summary is reachable with Tab');
      await page.keyboard.press('Enter');
      assert.equal(await details.evaluate((d) => d.open), true, 'Enter opens it');
      assert.match(await page.locator('.transcript-body').innerText(), /three hundred municipal employees/);
      await page.keyboard.press(' ');
      assert.equal(await details.evaluate((d) => d.open), false, 'Space closes it');
      // Printed: the transcript shows although it is closed; the player does not.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.transcript-body').isVisible(), true, 'printed open');
      assert.equal(await page.locator('figure.media video').isVisible(), false, 'no player on paper');
    } finally {
      await context.close();
    }
  });

  test('the webinar placeholder requests nothing from the platform until its link is followed', async () => {
    const context = await h.newContext(chrome.browser);
    const page = await context.newPage();
    const w = await h.watch(page);
    const platform = [];
    await context.route(/youtube|ytimg|googlevideo|vimeo/, (route) => {
      platform.push(route.request().url());
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>platform</title>' });
    });
    try {
      await page.goto(server.base + `en/${INDEX}`);
      await page.waitForTimeout(300);
      h.assertLocalRequests(w, server.origin, INDEX);
      assert.deepEqual(platform, [], 'nothing from the platform before the click');
      assert.equal(await page.locator('iframe, figure.media-external img, figure.media-external video').count(), 0);
      const play = page.locator('a.external-play');
      assert.match(await play.innerText(), /Play on YouTube/);
      assert.match(await page.locator('.media-external').innerText(), /45 min/);
      const transcript = page.locator('a.external-transcript');
      assert.equal(await transcript.getAttribute('href'), 'webinar-transcript.html');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-src 'none'/);
      await play.click();
      await page.waitForURL(/youtube\.com\/watch\?v=qser-webinar/);
      assert.deepEqual(platform, ['https://www.youtube.com/watch?v=qser-webinar'], 'only the platform page, after the click');
    } finally {
      await context.close();
    }
  });

  test('media pages are axe-clean in English, Greek and Arabic (fallback), transcript open and closed', async () => {
    const context = await h.newContext(chrome.browser, { bypassCSP: true });
    const page = await context.newPage();
    try {
      for (const rel of [`en/${INTERVIEW}`, `el/${INTERVIEW}`, `ar/${INTERVIEW}`, `en/${INDEX}`, `el/${INDEX}`]) {
        await page.goto(server.base + rel);
        await h.assertNoAxeViolations(page, rel);
        if (await page.locator('details.transcript').count()) {
          await page.evaluate(() => document.querySelectorAll('details.transcript').forEach((d) => { d.open = true; }));
          await h.assertNoAxeViolations(page, `${rel} (transcript open)`);
        }
      }
    } finally {
      await context.close();
    }
  });
});
