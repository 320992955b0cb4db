'use strict';
// Licences and EU pages in the browser: the "Copy the credit" button copies the page's
// attribution line (over http and from file://), without JavaScript the line is still
// selectable in one click, and the credits page and the accessibility statement are
// axe-clean in the default language and in Arabic (RTL), at desktop and phone widths, with
// no request leaving the site and no CSP violation (the JSON-LD block is data, not script).

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

describe('licences, credits and the accessibility statement', { skip }, () => {
  let chrome, dir, server, kinds, lang;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    server = await h.serve(dir, '/rights/sub/');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  async function withPage(options, fn) {
    const context = await h.newContext(chrome.browser, options);
    try {
      return await fn(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  for (const mode of ['http', 'file']) {
    test(`the copy button puts the attribution line on the clipboard (${mode})`, async () => {
      const rel = h.pageOfKind(kinds, 'lesson', lang, 'push-and-pull');
      const url = mode === 'http' ? server.base + rel : h.fileUrl(dir, rel);
      await withPage({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
        const w = await h.watch(page);
        await page.goto(url, { waitUntil: 'load' });
        const line = (await page.textContent('#attribution-text')).trim();
        assert.match(line, /^“.+” by .+, licensed under CC BY 4\.0 \(https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/\)\.$/);
        const button = page.locator('button.copy-attribution');
        assert.ok(await button.isVisible(), 'the button shows once the script runs');
        await button.click();
        await page.waitForFunction(() => document.querySelector('.copy-status').textContent !== '');
        assert.equal(await page.textContent('.copy-status'), 'Copied to the clipboard.');
        const copied = await page.evaluate(async () => {
          try { return await navigator.clipboard.readText(); } catch (e) { return window.getSelection().toString(); }
        });
        assert.equal(copied.trim(), line);
        h.assertLocalRequests(w, mode === 'http' ? server.origin : null, rel);
        await h.assertCleanConsole(page, w, rel);
      });
    });
  }

  test('without JavaScript the line is selectable in one click and the button is hidden', async () => {
    const rel = h.pageOfKind(kinds, 'lesson', lang);
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(server.base + rel, { waitUntil: 'load' });
      assert.equal(await page.locator('button.copy-attribution').isVisible(), false);
      await page.click('#attribution-text');
      const selected = await page.evaluate(() => window.getSelection().toString().trim());
      assert.equal(selected, (await page.textContent('#attribution-text')).trim());
    });
  });

  test('an image with its own licence shows its credit under it', async () => {
    const rel = h.pageOfKind(kinds, 'lesson', lang, 'push-and-pull');
    await withPage({}, async (page) => {
      await page.goto(server.base + rel, { waitUntil: 'load' });
      const caption = await page.textContent('figure.credited figcaption');
      assert.match(caption, /^“Push and pull factors of migration” by kyklos contributors, CC BY-SA 4\.0\./);
      const img = page.locator('figure.credited img');
      assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the diagram loads');
    });
  });

  const sitePages = () => {
    const rtl = Object.values(kinds).flat().find((p) => p.startsWith('ar/')) ? 'ar' : null;
    const out = [];
    for (const code of [lang, rtl].filter(Boolean)) {
      out.push(`${code}/credits.html`, `${code}/accessibility.html`);
    }
    return out;
  };

  for (const width of [1280, 390]) {
    test(`credits and accessibility statement: axe-clean, local, no CSP violation at ${width} px`, async (t) => {
      for (const rel of sitePages()) {
        await t.test(rel, async () => {
          await withPage({ bypassCSP: false, viewport: { width, height: 900 } }, async (page) => {
            const w = await h.watch(page);
            const res = await page.goto(server.base + rel, { waitUntil: 'load' });
            assert.equal(res.status(), 200);
            h.assertLocalRequests(w, server.origin, rel);
            await h.assertCleanConsole(page, w, rel);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `${rel}: the page scrolls sideways by ${overflow} px`);
          });
          await withPage({ bypassCSP: true, viewport: { width, height: 900 } }, async (page) => {
            await page.goto(server.base + rel, { waitUntil: 'load' });
            await h.assertNoAxeViolations(page, `${rel} at ${width} px`);
          });
        });
      }
    });
  }
});
