'use strict';
// A partial course package (a language that has translated modules 1 and 3 of three) in the
// real scorm-again runtime, as a learner sees it inside the LMS's frame:
// - a lesson's link to module 2, which the package does not hold, is made inert (no href); it
//   must read as text, not as a link that does nothing when clicked (it kept the link colour
//   and underline: seen in Moodle's player with the sample's German course package, "Danach
//   geht es weiter mit Modul 2" underlined and dead), while the link to module 3 stays a link;
// - the course page's progress counts the lessons the package holds: once every one of them
//   was read it says 100 % (it counted module 2's lesson too, so it stopped at 67 %).

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');
const lms = require('./lms');

const FILES = {
  'site.yaml': 'title: Partial course\nlanguages: [en, sv]\nscorm: "2004"\n',
  'content/en/index.md': '---\ntitle: Home\n---\nWelcome.\n',
  'content/en/01-course/index.md': '---\ntitle: Course\nkind: course\n---\nAbout.\n',
  'content/en/01-course/01-one/index.md': '---\ntitle: Module one\nkind: module\n---\nOverview.\n',
  'content/en/01-course/01-one/01-a.md': '---\ntitle: Lesson A\n---\nGo on with [module two](../02-two/01-b.md) or [module three](../03-three/01-c.md).\n',
  'content/en/01-course/02-two/index.md': '---\ntitle: Module two\nkind: module\n---\nOverview.\n',
  'content/en/01-course/02-two/01-b.md': '---\ntitle: Lesson B\n---\nText.\n',
  'content/en/01-course/03-three/index.md': '---\ntitle: Module three\nkind: module\n---\nOverview.\n',
  'content/en/01-course/03-three/01-c.md': '---\ntitle: Lesson C\n---\nText.\n',
  'content/sv/index.md': '---\ntitle: Hem\n---\nVälkommen.\n',
  'content/sv/01-course/index.md': '---\ntitle: Kurs\nkind: course\n---\nOm kursen.\n',
  'content/sv/01-course/01-one/index.md': '---\ntitle: Modul ett\nkind: module\n---\nÖversikt.\n',
  'content/sv/01-course/01-one/01-a.md': '---\ntitle: Lektion A\n---\nFortsätt med [modul två](../02-two/01-b.md) eller [modul tre](../03-three/01-c.md).\n',
  'content/sv/01-course/03-three/index.md': '---\ntitle: Modul tre\nkind: module\n---\nÖversikt tre.\n',
  'content/sv/01-course/03-three/01-c.md': '---\ntitle: Lektion C\n---\nText.\n',
};

describe('A partial SCORM course package in scorm-again', { skip: h.skipUnlessChromium() }, () => {
  let chrome, dist;

  before(async () => {
    dist = h.build(h.writeSite(FILES, 'partial-course'), 'partial-course-out');
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  test('a link to a module left out reads as text; the course page reaches 100 % over the modules held', async () => {
    const pkg = lms.packagesOf(dist, 'sv').find((p) => p.isCourse && p.version === '2004');
    assert.ok(pkg, `the sv course package in ${dist}/sv`);
    await lms.withHost(pkg.file, async (server) => {
      const s = await lms.launch(chrome.browser, server, '2004', pkg.launches[0], null);
      const seen = [s.lessons.url()];
      while (await lms.next(s.lessons)) seen.push(s.lessons.url());
      const lesson = seen.find((u) => u.endsWith('/a.html'));
      assert.ok(lesson, `Lektion A among ${seen}`);
      assert.ok(!seen.some((u) => u.includes('/two/')), `module two is not in the package: ${seen}`);

      await s.lessons.goto(lesson);
      const links = await s.lessons.evaluate(() => Array.from(document.querySelectorAll('main a')).filter((a) => /modul (två|tre)/.test(a.textContent)).map((a) => {
        const own = getComputedStyle(a);
        const around = getComputedStyle(a.parentElement);
        return { text: a.textContent, href: a.getAttribute('href'), underlined: own.textDecorationLine.includes('underline'), ownColour: own.color === around.color };
      }));
      assert.deepEqual(links.map((l) => [l.text, l.href !== null]), [['modul två', false], ['modul tre', true]], 'module two\'s link is inert, module three\'s is not');
      assert.deepEqual(links[0], { ...links[0], underlined: false, ownColour: true }, 'the inert link reads as the text around it');
      assert.deepEqual(links[1], { ...links[1], underlined: true, ownColour: false }, 'the link to module three still looks like a link');

      await s.lessons.goto(seen[0]);
      const summary = s.lessons.locator('.progress-summary');
      await summary.waitFor();
      assert.match(await summary.innerText(), /100/, 'every lesson the package holds was read');
      await h.assertCleanConsole(s.page, s.w, 'partial course package');
      h.assertLocalRequests(s.w, server.origin, 'partial course package');
      await s.context.close();
    });
  });
});

