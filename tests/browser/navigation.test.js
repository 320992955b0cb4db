'use strict';
// The site works from a sub-folder of a web server and opened straight from disk (file://):
// from the home page into the course, then a[rel=next] through the whole course, every page
// loading (200 over http) with an <h1>, its assets, and links that stay inside the site.

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();
const PREFIX = '/some/sub/path/';

/** Every same-origin URL a page links to or loads, which must stay inside `base`. */
function linksOutside(base) {
  const out = [];
  const origin = new URL(base).origin;
  const urls = [];
  for (const el of document.querySelectorAll('a[href], link[href], area[href]')) urls.push(el.href);
  for (const el of document.querySelectorAll('[src]')) urls.push(el.src);
  for (const el of document.querySelectorAll('form[action]')) urls.push(el.action);
  for (const u of urls) {
    if (!u) continue;
    const url = new URL(u);
    if (url.protocol === 'file:' || url.origin === origin) {
      if (!url.href.startsWith(base)) out.push(u);
    }
  }
  return out;
}

describe('navigation from a sub-path and from file://', { skip }, () => {
  let chrome, dir, server, kinds, lang;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    server = await h.serve(dir, PREFIX);
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  const baseOf = (mode) => (mode === 'http' ? server.base : h.fileUrl(dir, '').replace(/\/?$/, '/'));

  /** Clicks `link` and returns the main document's response (null over file://). */
  async function follow(page, link, mode) {
    const href = await link.evaluate((a) => a.href);
    const waitRes = mode === 'http'
      ? page.waitForResponse((r) => r.url() === href && r.request().isNavigationRequest(), { timeout: 10000 })
      : Promise.resolve(null);
    await link.click();
    const res = await waitRes;
    await page.waitForURL(href, { waitUntil: 'load', timeout: 10000 });
    return { href, res };
  }

  async function checkLoaded(page, w, mode, res, where) {
    if (mode === 'http') {
      assert.ok(res, `${where}: no response for the page`);
      assert.equal(res.status(), 200, `${where}: HTTP status`);
    }
    assert.ok(await h.hasH1(page), `${where}: the page has no <h1> with text`);
    const outside = await page.evaluate(linksOutside, baseOf(mode));
    assert.deepEqual(outside, [], `${where}: links or assets outside the site's folder`);
    await h.assertCleanConsole(page, w, where);
    h.assertLocalRequests(w, mode === 'http' ? server.origin : null, where);
  }

  /** Home → course card → a[rel=next] until the end (or `limit` pages); returns visited URLs. */
  async function walkCourse(mode, limit) {
    const context = await h.newContext(chrome.browser);
    const page = await context.newPage();
    const w = await h.watch(page);
    const base = baseOf(mode);
    try {
      const home = h.pageOfKind(kinds, 'home', lang);
      const res = await page.goto(base + home);
      await checkLoaded(page, w, mode, res, home);

      const courseLink = page.locator('ol.cards .card-course a').first();
      assert.equal(await courseLink.count(), 1, `${home}: no course card to follow`);
      w.clear();
      let step = await follow(page, courseLink, mode);
      await checkLoaded(page, w, mode, step.res, step.href);
      assert.ok(await page.locator('body.kind-course').count(), `${step.href} is a course overview`);

      const visited = [step.href];
      for (let i = 0; i < 200 && visited.length < limit; i++) {
        const next = page.locator('a[rel~="next"]');
        if ((await next.count()) === 0) break;
        const prevUrl = page.url();
        w.clear();
        step = await follow(page, next.first(), mode);
        assert.ok(!visited.includes(step.href), `rel=next loops back to ${step.href}`);
        visited.push(step.href);
        await checkLoaded(page, w, mode, step.res, step.href);
        const prev = page.locator('a[rel~="prev"]');
        assert.ok(await prev.count() > 0, `${step.href}: no a[rel=prev]`);
        assert.equal(await prev.first().evaluate((a) => a.href), prevUrl,
          `${step.href}: rel=prev does not lead back to the page that linked here`);
      }
      return visited;
    } finally {
      await context.close();
    }
  }

  test('over http from a sub-path: home → course → rel=next to the end of the course', async () => {
    const visited = await walkCourse('http', Infinity);
    // the walk covers every page of the course folder (overview, modules, lessons, quizzes)
    const courseDir = path.posix.dirname(visited[0].slice(server.base.length));
    const expected = ['course', 'module', 'lesson', 'quiz']
      .flatMap((k) => kinds[k] || [])
      .filter((p) => p.startsWith(courseDir + '/'))
      .map((p) => server.base + p)
      .sort();
    assert.ok(expected.length >= 3, `the course in ${courseDir} has pages`);
    assert.deepEqual(visited.slice().sort(), expected, 'the rel=next chain visits every page of the course once');
  });

  test('over file://: home → course → rel=next for several pages', async () => {
    const visited = await walkCourse('file', 8);
    assert.equal(visited.length, 8, `followed rel=next through 8 pages: ${visited.join(', ')}`);
    assert.ok(visited.every((u) => u.startsWith('file://')));
  });

  for (const mode of ['http', 'file']) {
    test(`over ${mode}: the root page sends a first-time visitor to their language`, async () => {
      const langs = (kinds.home || []).map((p) => p.split('/')[0]);
      assert.ok(langs.includes(lang), `the default language ${lang} has a home page`);
      const other = langs.find((l) => l !== lang);
      const cases = [['en-US', langs.includes('en') ? 'en' : null], ['ja-JP', null]];
      if (other) cases.push([other, other]);
      for (const [locale, want] of cases) {
        const context = await h.newContext(chrome.browser, { locale });
        const page = await context.newPage();
        const w = await h.watch(page);
        try {
          const root = baseOf(mode) + 'index.html';
          const res = await page.goto(root);
          if (mode === 'http') assert.equal(res.status(), 200);
          if (want) {
            await page.waitForURL(baseOf(mode) + want + '/index.html', { waitUntil: 'load', timeout: 5000 });
          } else if (langs.length > 1) {
            // nothing offered in the visitor's language: the chooser stays
            await page.waitForTimeout(300);
            assert.equal(page.url(), root, `locale ${locale}: the language chooser stays`);
          } else {
            // a one-language site forwards everybody to its only language
            await page.waitForURL(baseOf(mode) + lang + '/index.html', { waitUntil: 'load', timeout: 5000 });
          }
          assert.ok(await h.hasH1(page), `${page.url()}: has an <h1>`);
          await h.assertCleanConsole(page, w, `root page, locale ${locale}`);
        } finally {
          await context.close();
        }
      }
    });
  }

  // The sidebar lists the module that holds the page and every other module as one line (a
  // link to its overview); the page's own link, and only it, says it is the current page (the
  // list is shared by a folder's pages, the mark is per page).
  for (const kind of ['lesson', 'module', 'quiz', 'course']) {
    test(`sidebar on a ${kind} page: other modules collapsed to one line, the page marked`, async () => {
      const rel = h.pageOfKind(kinds, kind, lang, kind === 'course' ? null : '/');
      const context = await h.newContext(chrome.browser, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(h.fileUrl(dir, rel));
        const nav = await page.evaluate(() => {
          const list = document.querySelector('nav.course-nav .course-nav-list');
          if (!list) return null;
          const lines = [...list.children].map((li) => {
            const nested = li.querySelector(':scope > ol');
            return {
              href: li.querySelector(':scope > a').href,
              nested: nested ? nested.querySelectorAll(':scope > li').length : 0,
              shown: !!nested && nested.getClientRects().length > 0,
              holdsHere: !!li.querySelector('a[aria-current="page"]'),
            };
          });
          const current = [...document.querySelectorAll('nav.course-nav [aria-current="page"]')].map((a) => a.href);
          const label = document.getElementById(document.querySelector('nav.course-nav').getAttribute('aria-labelledby'));
          return { lines, current, here: location.href, label: label && label.tagName };
        });
        assert.ok(nav, `${rel}: has a course navigation list`);
        assert.equal(nav.label, 'H2', `${rel}: the navigation is labelled by its heading`);
        assert.deepEqual(nav.current, [nav.here], `${rel}: exactly one link is marked current, the page itself`);
        const expanded = nav.lines.filter((l) => l.nested > 0);
        if (kind === 'course') {
          assert.deepEqual(expanded, [], 'on the course page every module is one line');
        } else {
          assert.equal(expanded.length, 1, `${rel}: one module expanded`);
          assert.ok(expanded[0].shown, `${rel}: the expanded module's list is visible`);
          const holder = nav.lines.find((l) => l.holdsHere || l.href === nav.here);
          assert.ok(holder && holder.nested > 0, `${rel}: the expanded module is the one holding the page`);
        }
        assert.ok(nav.lines.length > 1, `${rel}: other modules are listed too`);
      } finally {
        await context.close();
      }
    });
  }

  // A progress number means what it sits under. Before, the sidebar showed the module's share
  // under the course's title: one lesson read of the first module said "33 %" there while the
  // course page said "14 %". Now a page in a module shows its module's progress under the
  // module's link, and only a page in the course's own folder (the print page) shows the
  // course's, under the course title, the same number as the course page.
  test('sidebar progress: the module\'s under the module, the course\'s under the course title, as on the course page', async () => {
    const course = h.pageOfKind(kinds, 'course', lang);
    const context = await h.newContext(chrome.browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const shown = async () => page.evaluate(() => {
      const read = (el) => el && { text: el.textContent.trim(), keys: el.dataset.progressKeys.split(/\s+/).filter(Boolean), visible: el.getClientRects().length > 0 && !el.hidden };
      const nav = document.querySelector('nav.course-nav');
      const open = nav && nav.querySelector('.course-nav-list > li.is-open');
      return {
        underTitle: nav && read(nav.querySelector(':scope > .progress-summary')),
        inList: nav ? [...nav.querySelectorAll('.course-nav-list .progress-summary')].map(read) : [],
        underOpen: open && read(open.querySelector(':scope > .progress-summary')),
        // The built-in list writes no data-key where the link gives the key (kyklos.js navKey).
        openKey: open && (open.dataset.key || decodeURIComponent(new URL(open.querySelector(':scope > a').getAttribute('href'),
          'http://kyklos.invalid/' + document.body.dataset.key).pathname.slice(1))),
        head: read(document.querySelector('main .page-head .progress-summary')),
      };
    });
    try {
      await page.goto(h.fileUrl(dir, course));
      const first = await page.locator('a.start-course').evaluate((a) => a.href);
      await page.goto(first); // read one lesson, nothing else
      const lesson = await shown();
      assert.equal(lesson.underTitle, null, 'a page in a module has no number under the course title');
      assert.equal(lesson.inList.length, 1, 'one summary in the list: the open module\'s');
      const mod = lesson.underOpen;
      assert.ok(mod && mod.visible, 'the open module shows its progress under its link');
      const moduleDir = lesson.openKey.replace(/index\.html$/, '');
      assert.ok(mod.keys.length > 1 && mod.keys.every((k) => k.startsWith(moduleDir)), `the module's keys only: ${mod.keys}`);
      assert.equal(mod.text, `${Math.round(100 / mod.keys.length)}% complete`);

      await page.goto(h.fileUrl(dir, course));
      const own = await shown();
      assert.equal(own.inList.length + (own.underTitle ? 1 : 0), 0, 'the course page shows its progress once, in its head');
      assert.ok(own.head.keys.length > mod.keys.length, 'the course counts every module');
      assert.equal(own.head.text, `${Math.round(100 / own.head.keys.length)}% complete`);

      const print = path.posix.join(path.posix.dirname(course), 'print.html');
      await page.goto(h.fileUrl(dir, print));
      const printed = await shown();
      assert.ok(printed.underTitle && printed.underTitle.visible, 'a page in the course\'s own folder shows the course\'s progress under its title');
      assert.deepEqual(printed.underTitle.keys, own.head.keys);
      assert.equal(printed.underTitle.text, own.head.text, 'the same number as the course page');
      assert.equal(printed.inList.length, 0);
    } finally {
      await context.close();
    }
  });
});
