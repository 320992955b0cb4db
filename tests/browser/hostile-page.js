'use strict';
// A page built from hostile raw HTML (written by tests/rawhtml.rs, which runs this file with
// HOSTILE_DIR and HOSTILE_PAGE set): opened over http from a sub-path and from file://, it
// makes no request outside the site, runs no script, opens no dialog, does not navigate away,
// and still shows its body text and the theme's footer with the licence.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const dir = process.env.HOSTILE_DIR;
const rel = process.env.HOSTILE_PAGE;

describe('hostile raw HTML in a built page', { skip: !dir || !rel ? 'run by tests/rawhtml.rs' : h.skipUnlessChromium() }, () => {
  let chrome, server;
  before(async () => {
    server = await h.serve(dir, '/hostile/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  for (const mode of ['http', 'file']) {
    test(`over ${mode}`, async () => {
      const context = await h.newContext(chrome.browser);
      const page = await context.newPage();
      const w = await h.watch(page);
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
      const url = mode === 'http' ? server.base + rel : h.fileUrl(dir, rel);
      await page.goto(url);
      await page.waitForTimeout(1500); // a meta refresh, a lazy image or a timer would have fired
      assert.equal(page.url(), url, 'the page navigated away');
      h.assertLocalRequests(w, mode === 'http' ? server.origin : null, mode);
      assert.deepEqual(dialogs, [], 'a script opened a dialog');
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a script ran');
      assert.deepEqual(w.pageErrors, [], 'page errors');
      const csp = await page.evaluate(() => window.__kyklosCsp || []);
      assert.deepEqual(csp, [], `nothing should even reach the CSP:\n  ${csp.join('\n  ')}`);
      assert.equal(await page.locator('main :is(iframe, object, embed, form, script, base, meta, svg, math, textarea, style), script:not([src]):not([type="application/ld+json"])').count(), 0);
      assert.ok(await page.getByText('Harmless text after the details').isVisible(), 'the Markdown after <details> is lost');
      assert.ok(await page.getByText('Markdown inside the details').isVisible(), 'the Markdown inside <details open> is hidden');
      const footer = page.locator('body > footer.site-footer');
      assert.ok(await footer.isVisible(), 'the footer is gone');
      assert.match(await footer.innerText(), /CC BY/, 'the footer has no licence');
      await context.close();
    });
  }
});
