'use strict';
// `kyklos serve` in Chromium: an edit reloads the open page through server-sent events and
// keeps its scroll position; a broken file shows an overlay naming the file and line, which
// the next good save removes; all without CSP violations, console errors or outside requests.

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

const LESSON = 'content/en/01-course/01-mod/01-first.md';
const long = Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1} of a long lesson, long enough to scroll.`).join('\n\n');
const lesson = (extra) => `---\ntitle: First lesson\n---\n## Start here\n\n${long}\n\n${extra}\n`;

/** Starts `kyklos serve --port 0` on `root`; resolves with { origin, stop }. */
function startServe(root) {
  const bin = process.env.KYKLOS_BIN;
  const [cmd, args] = bin
    ? [bin, ['serve', '--port', '0', '--root', root]]
    : ['cargo', ['run', '--release', '-q', '--', 'serve', '--port', '0', '--root', root]];
  const proc = spawn(cmd, args, { cwd: h.REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 10 * 60 * 1000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({
          origin: m[1],
          log: () => log,
          stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGINT'); }),
        });
      }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}):\n${log}`)); });
  });
}

describe('kyklos serve in the browser', { skip }, () => {
  let browser;
  let closeBrowser;
  let server;
  let root;

  before(async () => {
    root = h.writeSite({
      'site.yaml': 'title: Serve fixture\nlanguages: [en]\n',
      'content/en/index.md': '---\ntitle: Home\n---\nWelcome to [the course](01-course/index.md).\n',
      'content/en/01-course/index.md': '---\ntitle: Course\nkind: course\n---\nAbout.\n',
      'content/en/01-course/01-mod/index.md': '---\ntitle: Module one\nkind: module\n---\nOverview.\n',
      [LESSON]: lesson(''),
      'content/en/01-course/01-mod/02-second.md': '---\ntitle: Second lesson\n---\n## Details\n\nMore.\n',
    }, 'serve');
    server = await startServe(root);
    ({ browser, close: closeBrowser } = await h.launchBrowser());
  });

  after(async () => {
    if (closeBrowser) await closeBrowser();
    if (server) await server.stop();
  });

  test('an edit reloads the page where the reader was; an error shows until the fix', async () => {
    const context = await h.newContext(browser, { viewport: { width: 1280, height: 800 }, bypassCSP: false });
    const page = await context.newPage();
    const w = await h.watch(page);
    await page.goto(`${server.origin}/en/course/mod/first.html`);
    await page.waitForFunction(() => document.documentElement.dataset.kyklosBuild !== undefined, null, { timeout: 15000 });
    await page.evaluate(() => window.scrollTo(0, 1500));
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 1000, `the fixture page scrolls (${before})`);

    fs.writeFileSync(path.join(root, LESSON), lesson('An edited last paragraph.'));
    await page.waitForFunction(() => document.body.textContent.includes('An edited last paragraph.'), null, { timeout: 30000 });
    await page.waitForLoadState('load');
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before, { timeout: 5000 });

    fs.writeFileSync(path.join(root, LESSON), '---\ntitle: [unclosed\n---\nBroken.\n');
    const overlay = page.locator('#kyklos-serve-errors');
    await overlay.waitFor({ state: 'visible', timeout: 30000 });
    const text = await overlay.textContent();
    assert.match(text, /content\/en\/01-course\/01-mod\/01-first\.md:2:\d+/, text);
    assert.match(text, /could not be rebuilt/);
    assert.ok(await page.evaluate(() => document.body.textContent.includes('An edited last paragraph.')), 'the last good page stays');

    fs.writeFileSync(path.join(root, LESSON), lesson('Fixed again.'));
    await page.waitForFunction(() => document.body.textContent.includes('Fixed again.'), null, { timeout: 30000 });
    await overlay.waitFor({ state: 'detached', timeout: 5000 });
    // A reload ends the page's event stream; the browser reports that as an aborted request.
    w.failed = w.failed.filter((f) => !/\/__kyklos\/events \(net::ERR_ABORTED\)$/.test(f));
    h.assertLocalRequests(w, server.origin, 'serve');
    await h.assertCleanConsole(page, w, 'serve');
    await context.close();
  });

  test('the overlay and the 404 page pass axe', async () => {
    const context = await h.newContext(browser, { viewport: { width: 390, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.origin}/en/course/mod/second.html`);
    await page.waitForFunction(() => document.documentElement.dataset.kyklosBuild !== undefined, null, { timeout: 15000 });
    fs.writeFileSync(path.join(root, 'content/en/01-course/01-mod/02-second.md'), '---\ntitle: Second\nnot yaml: [\n---\nx\n');
    await page.locator('#kyklos-serve-errors').waitFor({ state: 'visible', timeout: 30000 });
    await h.assertNoAxeViolations(page, 'serve overlay');
    fs.writeFileSync(path.join(root, 'content/en/01-course/01-mod/02-second.md'), '---\ntitle: Second lesson\n---\nFine.\n');
    await page.locator('#kyklos-serve-errors').waitFor({ state: 'detached', timeout: 30000 });
    // The good build also reloads the page: let that finish before going elsewhere.
    await page.waitForFunction(() => document.body.textContent.includes('Fine.'), null, { timeout: 30000 });
    await page.waitForLoadState('load');

    const missing = await page.goto(`${server.origin}/en/no-such-page.html`);
    assert.equal(missing.status(), 404);
    // The site's own 404.html (the preview's page only for a site without one), its addresses
    // from the root, so its stylesheet and links work at any depth.
    assert.match(await page.textContent('h1'), /Page not found/);
    assert.equal(await page.locator('main a[href="/en/index.html"]').count(), 1);
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor), 'rgba(0, 0, 0, 0)');
    await h.assertNoAxeViolations(page, 'serve 404 page');
    await context.close();
  });
});
