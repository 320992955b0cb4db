'use strict';
// Layout: screenshots of the main page kinds at 1280×900 and 390×844 into target/screenshots/
// (for people to look at; not compared), and no horizontal overflow on a phone (390 px) on
// every page kind of the default language and the home, a lesson and a quiz of every language.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, mobile: false },
  { name: 'phone', width: 390, height: 844, mobile: true },
];

describe('layout and screenshots', { skip }, () => {
  let chrome, dir, kinds, lang;

  before(async () => {
    dir = h.buildSample();
    kinds = h.pagesByKind(dir);
    lang = h.defaultLang(dir);
    fs.mkdirSync(h.SCREENSHOT_DIR, { recursive: true });
    chrome = await h.launchBrowser();
  });
  after(async () => {
    if (chrome) await chrome.close();
  });

  async function openAt(vp) {
    return h.newContext(chrome.browser, {
      viewport: { width: vp.width, height: vp.height },
      isMobile: vp.mobile,
      hasTouch: vp.mobile,
      deviceScaleFactor: 1,
      ...(vp.locale ? { locale: vp.locale } : {}),
    });
  }

  /** Each of `pages` opened at each of the viewports (one browser context per viewport), then
   *  `check(page, rel, vp)` on it. */
  async function eachPageAt(pages, check) {
    for (const vp of VIEWPORTS) {
      const context = await openAt(vp);
      const page = await context.newPage();
      try {
        for (const rel of pages) {
          await page.goto(h.fileUrl(dir, rel));
          await check(page, rel, vp);
        }
      } finally {
        await context.close();
      }
    }
  }

  /** Widths that stick out of the viewport: the document's and the widest offenders'. */
  function overflow(width) {
    const doc = document.documentElement;
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
        // report the outermost offenders only
        if (!offenders.some((o) => o.el.contains(el))) offenders.push({ el, r });
      }
    }
    return {
      scrollWidth: doc.scrollWidth,
      offenders: offenders.slice(0, 5).map(({ el, r }) =>
        `<${el.localName}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}> ` +
        `left ${Math.round(r.left)} right ${Math.round(r.right)}`),
    };
  }

  async function assertNoOverflow(page, vp, where) {
    const o = await page.evaluate(overflow, vp.width);
    assert.ok(o.scrollWidth <= vp.width,
      `${where} at ${vp.width}px: the page is ${o.scrollWidth}px wide; sticking out:\n  ${o.offenders.join('\n  ')}`);
  }

  const SHOTS = [
    ['home', 'home'],
    ['lesson', 'lesson'],
    ['module', 'module'],
    ['quiz', 'quiz'],
  ];

  for (const vp of VIEWPORTS) {
    test(`screenshots at ${vp.width}×${vp.height}` + (vp.mobile ? ', no horizontal overflow' : ''), async () => {
      const context = await openAt(vp);
      const page = await context.newPage();
      try {
        for (const [name, kind] of SHOTS) {
          const rel = h.pageOfKind(kinds, kind, lang);
          await page.goto(h.fileUrl(dir, rel));
          await page.screenshot({ path: path.join(h.SCREENSHOT_DIR, `${name}-${vp.width}.png`), fullPage: true, timeout: 30000 }); // a busy machine is slow, not broken
          if (vp.mobile) await assertNoOverflow(page, vp, rel);
        }
        // the quiz after submitting, with feedback and results on screen
        const rel = h.pageOfKind(kinds, 'quiz', lang);
        const quiz = await h.readQuiz(page);
        await h.answerQuiz(page, quiz, (q) => quiz.questions.indexOf(q) % 2 === 0);
        await page.locator('button.quiz-submit').click();
        await page.locator('.quiz-result[role="status"]').filter({ hasText: /%/ }).waitFor();
        await page.screenshot({ path: path.join(h.SCREENSHOT_DIR, `quiz-submitted-${vp.width}.png`), fullPage: true, timeout: 30000 }); // a busy machine is slow, not broken
        if (vp.mobile) await assertNoOverflow(page, vp, `${rel} after submitting`);
        assert.ok(fs.statSync(path.join(h.SCREENSHOT_DIR, `quiz-submitted-${vp.width}.png`)).size > 1000);
      } finally {
        await context.close();
      }
    });
  }

  // A home or collection page's own words follow its card grid; the prose's first element has
  // no top margin of its own, so the heading sat on the cards (0 px) until the grid's
  // neighbour got its own distance.
  test('text after a card grid keeps its distance from it, at 1280 and 390 px', async () => {
    const pages = [...(kinds.home || []), ...(kinds.collection || [])].filter((rel) => rel.includes('/'));
    let checked = 0;
    await eachPageAt(pages, async (page, rel, vp) => {
      const gaps = await page.evaluate(() => Array.from(document.querySelectorAll('.contents')).map((c) => {
        const prose = c.nextElementSibling;
        const first = prose && prose.classList.contains('prose') ? prose.firstElementChild : null;
        return first ? Math.round(first.getBoundingClientRect().top - c.querySelector('.cards').getBoundingClientRect().bottom) : null;
      }).filter((g) => g !== null));
      for (const gap of gaps) {
        checked += 1;
        assert.ok(gap >= 24, `${rel} at ${vp.width}px: the text after the cards starts ${gap} px below them`);
      }
    });
    assert.ok(checked > 0, 'no page with text after its cards was checked');
  });

  // The search box's visible text is its placeholder ("Search (press /)"). Beside a long site
  // title, the points chip and the languages it was squeezed until the placeholder was cut
  // ("Пошук (клавіш"). Every built-in language's placeholder must fit on a course page (the
  // fullest header) at the widths where brand, search, chip and languages share one row.
  test('header: the search placeholder of every built-in language fits beside brand, points and languages', async () => {
    // A region's file (pt-BR.yaml) writes only what differs from its language's: without a
    // placeholder of its own it shows its language's, checked with that language.
    const files = fs.readdirSync(path.join(h.REPO_ROOT, 'i18n')).filter((f) => f.endsWith('.yaml'));
    const placeholders = files.flatMap((f) => {
      const m = /^search_placeholder:\s*(.+)$/m.exec(fs.readFileSync(path.join(h.REPO_ROOT, 'i18n', f), 'utf8'));
      if (!m && f.includes('-') && files.includes(f.split('-')[0] + '.yaml')) return [];
      assert.ok(m, `i18n/${f} has a search_placeholder`);
      return [[f.replace(/\.yaml$/, ''), m[1].trim().replace(/^"(.*)"$/, '$1')]];
    });
    assert.ok(placeholders.length >= 11, `built-in languages: ${placeholders.length}`);
    const lessons = (kinds.lesson || []).filter((rel) => rel.includes('/'));
    const byLang = new Map();
    for (const rel of lessons) if (!byLang.has(rel.split('/')[0])) byLang.set(rel.split('/')[0], rel);
    for (const width of [1024, 1280]) {
      const context = await openAt({ width, height: 900, mobile: false });
      const page = await context.newPage();
      try {
        for (const rel of byLang.values()) {
          await page.goto(h.fileUrl(dir, rel));
          const cut = await page.evaluate((placeholders) => {
            const input = document.querySelector('#search-input');
            const cs = getComputedStyle(input);
            const canvas = document.createElement('canvas').getContext('2d');
            canvas.font = cs.font;
            const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
            return placeholders.filter(([, text]) => canvas.measureText(text).width > room).map(([code, text]) => `${code} "${text}" (${Math.ceil(canvas.measureText(text).width)} px in ${room} px)`);
          }, placeholders);
          assert.deepEqual(cut, [], `${rel} at ${width}px: placeholders cut`);
          const chip = await page.locator('.journey-chip').count();
          assert.ok(chip > 0 || !rel.includes('/'), `${rel}: a course page shows the points chip`);
        }
      } finally {
        await context.close();
      }
    }
  });

  // The arrows are drawn by the style sheet (::before and ::after), so a rule for one writing
  // direction can outweigh the narrow layout's rule for the other: each label has exactly one
  // arrow, pointing back (previous) or on (next) in the page's own reading direction.
  test('pager: one arrow per label, pointing the reading way, at 1280 and 390 px, left-to-right and right-to-left', async () => {
    const lessons = (kinds.lesson || []).filter((rel) => rel.includes('/'));
    const byLang = new Map();
    for (const rel of lessons) if (!byLang.has(rel.split('/')[0])) byLang.set(rel.split('/')[0], rel);
    const checked = { ltr: 0, rtl: 0 };
    for (const vp of VIEWPORTS) {
      const context = await openAt(vp);
      const page = await context.newPage();
      try {
        for (const rel of byLang.values()) {
          await page.goto(h.fileUrl(dir, rel));
          const seen = await page.evaluate(() => {
            const arrows = (el, pseudo) => (getComputedStyle(el, pseudo).content.match(/[←→]/g) || []).join('');
            return {
              dir: getComputedStyle(document.documentElement).direction,
              labels: Array.from(document.querySelectorAll('nav.pager a')).map((a) => {
                const label = a.querySelector('.pager-label');
                return { next: a.classList.contains('pager-next'), arrows: arrows(label, '::before') + arrows(label, '::after') };
              }),
            };
          });
          assert.ok(seen.labels.length > 0, `${rel}: no pager links`);
          checked[seen.dir] += 1;
          for (const l of seen.labels) {
            const on = seen.dir === 'rtl' ? '←' : '→';
            const back = seen.dir === 'rtl' ? '→' : '←';
            assert.equal(l.arrows, l.next ? on : back, `${rel} at ${vp.width}px (${seen.dir}): the ${l.next ? 'next' : 'previous'} label shows "${l.arrows}"`);
          }
        }
      } finally {
        await context.close();
      }
    }
    assert.ok(checked.ltr > 0, 'no left-to-right lesson was checked');
    if (Array.from(byLang.keys()).some((l) => /^(ar|fa|he|ur|ps|yi|ckb|dv|sd|ug)(-|$)/.test(l))) assert.ok(checked.rtl > 0, 'no right-to-left lesson was checked');
  });

  // A neighbour's title in another writing direction than the page (an untranslated page's
  // title, marked with its own dir) stays on its label's side: on an Arabic page the previous
  // link's English title began at the far (left) edge while its label stood at the right.
  test('pager: a title in another direction sits on its label\'s side, at 1280 and 390 px', async () => {
    const pages = (kinds.lesson || []).filter((rel) => {
      const html = fs.readFileSync(path.join(dir, rel), 'utf8');
      const own = (html.match(/<html[^>]* dir="(\w+)"/) || [])[1];
      return (html.match(/class="pager-title"[^>]* dir="(\w+)"/g) || []).some((m) => !m.endsWith(`"${own}"`));
    }).slice(0, 3);
    if (!Array.from(new Set(kinds.lesson.map((rel) => rel.split('/')[0]))).some((l) => /^(ar|fa|he|ur)$/.test(l))) return;
    assert.ok(pages.length > 0, 'no lesson whose pager shows a title in another direction');
    await eachPageAt(pages, async (page, rel, vp) => {
      const links = await page.evaluate(() => Array.from(document.querySelectorAll('nav.pager a')).map((a) => {
        const text = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect(); };
        const box = a.getBoundingClientRect();
        const label = text(a.querySelector('.pager-label'));
        const title = text(a.querySelector('.pager-title'));
        const side = box.right - label.right < label.left - box.left ? 'right' : 'left';
        return { href: a.getAttribute('href'), side, gap: Math.round(side === 'right' ? box.right - title.right : title.left - box.left) };
      }));
      for (const l of links) assert.ok(l.gap <= 2, `${rel} at ${vp.width}px: the title of ${l.href} is ${l.gap}px away from its label's ${l.side} side`);
    });
  });

  // In print the page says where and when it was printed: "Printed from <address> · <date>".
  // In a right-to-left page the address is a left-to-right island; without isolating it the
  // day of the date ran into it ("طُبع من 5 ,http://…html ديسمبر 2026").
  test('print: the address and the date it was printed stay apart, left-to-right and right-to-left', async () => {
    const lessons = (kinds.lesson || []).filter((rel) => rel.includes('/'));
    const byLang = new Map();
    for (const rel of lessons) if (!byLang.has(rel.split('/')[0])) byLang.set(rel.split('/')[0], rel);
    const server = await h.serve(dir, '/print/sub/');
    const context = await openAt(VIEWPORTS[0]);
    const page = await context.newPage();
    const dirs = new Set();
    try {
      await page.emulateMedia({ media: 'print' });
      for (const rel of byLang.values()) {
        await page.goto(server.base + rel);
        const seen = await page.evaluate(() => {
          const url = document.querySelector('.print-meta .print-url');
          const date = document.querySelector('.print-meta .print-date');
          const box = url.getBoundingClientRect();
          const parts = Array.from(date.getClientRects());
          return {
            dir: getComputedStyle(document.documentElement).direction,
            url: url.textContent,
            date: date.textContent,
            // every piece of the date on the far side of the address, in reading order
            apart: parts.length > 0 && parts.every((r) => (getComputedStyle(document.documentElement).direction === 'rtl'
              ? r.right <= box.left + 0.5 : r.left >= box.right - 0.5)),
          };
        });
        dirs.add(seen.dir);
        assert.equal(seen.url, server.base.replace(/\/$/, '') + '/' + rel, `${rel}: the printed address is the page's`);
        assert.match(seen.date, /^ \u00b7 \S/, `${rel}: the date follows a middle dot`);
        assert.ok(seen.apart, `${rel} (${seen.dir}): the date "${seen.date}" is mixed into the address`);
      }
    } finally {
      await context.close();
      await server.close();
    }
    assert.ok(dirs.has('ltr'), 'no left-to-right lesson was checked');
  });

  // With base_url the printed "from" line is the page's public address wherever it was opened
  // (a preview, an intranet copy, a USB stick): the script put the browser's address in its
  // place, so a handout printed from a preview sent readers to http://127.0.0.1:…. Without
  // base_url, from disk, it is the page's path in the site, never a folder on the computer.
  test('print: the "from" line is the public address with base_url, over http and from file://', async () => {
    const site = {
      'site.yaml': 'title: Print site\nbase_url: https://example.org/course\nlanguages:\n  - code: en\n  - code: ar\n    direction: rtl\n',
      'content/en/index.md': '---\ntitle: Home\n---\nWelcome.\n',
      'content/en/01-course/index.md': '---\ntitle: Course\nkind: course\n---\nAbout.\n',
      'content/en/01-course/01-mod/index.md': '---\ntitle: Module\nkind: module\n---\nOverview.\n',
      'content/en/01-course/01-mod/01-first.md': '---\ntitle: First lesson\n---\nText.\n',
      'content/ar/index.md': '---\ntitle: الرئيسية\n---\nأهلاً.\n',
      'content/ar/01-course/01-mod/01-first.md': '---\ntitle: الدرس الأول\n---\nنص.\n',
    };
    const withBase = h.build(h.writeSite(site, 'print-base'), 'print-base');
    const noBase = h.build(h.writeSite({ ...site, 'site.yaml': 'title: Print site\nlanguages: [en, ar]\n' }, 'print-nobase'), 'print-nobase');
    const server = await h.serve(withBase, '/preview/');
    const context = await openAt(VIEWPORTS[0]);
    const page = await context.newPage();
    const printed = async () => {
      await page.emulateMedia({ media: 'print' });
      const seen = await page.evaluate(() => ({
        shown: getComputedStyle(document.querySelector('.print-meta')).display !== 'none',
        url: document.querySelector('.print-meta .print-url').textContent,
        date: document.querySelector('.print-meta .print-date').textContent,
      }));
      await page.emulateMedia({ media: null });
      assert.ok(seen.shown, 'the line prints');
      assert.match(seen.date, /^ \u00b7 \S/, 'the script ran and added the date');
      return seen.url;
    };
    try {
      for (const rel of ['en/course/mod/first.html', 'en/course/index.html', 'ar/course/mod/first.html', 'en/progress.html']) {
        await page.goto(server.base + rel);
        assert.equal(await printed(), `https://example.org/course/${rel}`, `${rel} over http`);
        await page.goto(h.fileUrl(withBase, rel));
        assert.equal(await printed(), `https://example.org/course/${rel}`, `${rel} from file://`);
      }
      await page.goto(h.fileUrl(noBase, 'en/course/mod/first.html'));
      assert.equal(await printed(), 'en/course/mod/first.html', 'without base_url, from disk: the path in the site');
    } finally {
      await context.close();
      await server.close();
    }
  });

  // A lesson not translated yet is shown in the default language inside a right-to-left site;
  // its title carries that language's lang and dir, and must start where its text starts. Its
  // box (24em at most) sat at the right edge of a wider column (in print), its words at the
  // box's left: the title began 96 px right of the text below it.
  test('fallback page: in a right-to-left site its title starts where its text starts, on screen and in print', async () => {
    const lessons = (kinds.lesson || []).filter((rel) => rel.includes('/'));
    const server = await h.serve(dir, '/fallback/');
    const context = await openAt(VIEWPORTS[0]);
    const page = await context.newPage();
    const checked = { screen: 0, print: 0 };
    let rtl = false;
    try {
      for (const media of ['screen', 'print']) {
        await page.emulateMedia({ media });
        for (const rel of lessons) {
          if (checked[media] >= 4) break;
          await page.goto(server.base + rel);
          const seen = await page.evaluate(() => {
            const h1 = document.querySelector('.page-head h1');
            const p = document.querySelector('.prose > p');
            if (getComputedStyle(document.documentElement).direction !== 'rtl') return null;
            if (!h1 || !h1.hasAttribute('dir') || !p) return { rtl: true };
            const words = document.createRange();
            words.selectNodeContents(h1);
            return {
              rtl: true,
              dir: getComputedStyle(h1).direction,
              title: Math.round(Math.min(...Array.from(words.getClientRects()).filter((r) => r.width > 0).map((r) => r.left))),
              text: Math.round(p.getBoundingClientRect().left),
            };
          });
          if (!seen) continue;
          rtl = true;
          if (!seen.dir) continue;
          checked[media] += 1;
          assert.equal(seen.dir, 'ltr', `${rel}: the fallback title reads left to right`);
          assert.ok(Math.abs(seen.title - seen.text) <= 1, `${rel} (${media}): the title starts at ${seen.title} px, its text at ${seen.text} px`);
        }
      }
    } finally {
      await context.close();
      await server.close();
    }
    if (rtl) assert.ok(checked.screen > 0 && checked.print > 0, 'no fallback lesson in a right-to-left language was checked');
  });

  // A table scrolls sideways inside its wrapper on a phone only when it must: when the longest
  // words of its columns (and the cells' padding) do not fit side by side. Tables kyklos makes
  // itself (translation status, the learner's progress, downloads) always fit.
  test('tables on a phone: a table scrolls sideways only when its words cannot fit, and generated tables fit', async (t) => {
    const vp = VIEWPORTS[1];
    const context = await openAt(vp);
    const page = await context.newPage();
    const GENERATED = ['status-overview', 'status-items', 'journey-table', 'downloads'];
    const pages = h.htmlFiles(dir).filter((rel) => rel.startsWith(lang + '/') || /^[\w-]+\/(translation-status|progress|downloads)\.html$/.test(rel));
    let tables = 0, generated = 0;
    try {
      for (const rel of pages) {
        await page.goto(h.fileUrl(dir, rel));
        const found = await page.evaluate((GENERATED) => {
          const canvas = document.createElement('canvas').getContext('2d');
          // the widest word of a cell, each measured in the font of the element it is in
          const widest = (cell) => {
            let most = 0;
            const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              canvas.font = getComputedStyle(n.parentElement).font;
              for (const word of n.data.split(/\s+/)) if (word) most = Math.max(most, canvas.measureText(word).width);
            }
            const cs = getComputedStyle(cell);
            return most + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
          };
          return Array.from(document.querySelectorAll('main table')).map((table) => {
            const wrap = table.closest('.table-wrap') || table.parentElement;
            const need = [];
            for (const row of table.rows) Array.from(row.cells).forEach((c, i) => { need[i] = Math.max(need[i] || 0, widest(c)); });
            // cells of a generated table whose longest word does not fit them (broken in two);
            // a page's title on the status page may break (a word longer than a phone is wide),
            // and so does a checksum
            const broken = Array.from(table.querySelectorAll('th, td'))
              .filter((c) => !(table.classList.contains('status-items') && c.cellIndex === 0) && !c.querySelector('code.hash'))
              .filter((c) => widest(c) > c.getBoundingClientRect().width + 1)
              .map((c) => c.textContent.trim().slice(0, 40));
            return {
              kind: GENERATED.find((g) => table.classList.contains(g)) || '',
              width: table.scrollWidth,
              room: wrap.clientWidth,
              need: Math.round(need.reduce((a, b) => a + b, 0)),
              broken,
            };
          });
        }, GENERATED);
        for (const f of found) {
          tables += 1;
          if (f.kind) {
            generated += 1;
            assert.ok(f.width <= f.room + 1, `${rel}: the ${f.kind} table is ${f.width} px wide in ${f.room} px`);
            assert.deepEqual(f.broken, [], `${rel}: words broken in two in the ${f.kind} table`);
          } else if (f.width > f.room + 1) {
            assert.ok(f.need > f.room - 2, `${rel}: a table scrolls sideways (${f.width} px in ${f.room} px) though its words fit in ${f.need} px`);
          }
        }
      }
    } finally {
      await context.close();
    }
    assert.ok(tables > 0 && generated > 0, `tables checked: ${tables}, of them made by kyklos: ${generated}`);
  });

  // A source path on the translation status page is a left-to-right island; beside a
  // right-to-left title it was cut into pieces read out of order. It starts a line of its own.
  test('translation status: each source path starts its own line and reads in order, at 390 and 1280 px, in every language', async () => {
    const pages = h.htmlFiles(dir).filter((rel) => /^[\w-]+\/translation-status\.html$/.test(rel));
    let paths = 0;
    await eachPageAt(pages, async (page, rel, vp) => {
      const found = await page.evaluate(() => Array.from(document.querySelectorAll('.status-items code.source-path')).map((code) => {
        const text = code.firstChild;
        const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect(); };
        const chars = Array.from({ length: text.length }, (_, i) => at(i));
        const title = code.previousElementSibling ? code.previousElementSibling.getBoundingClientRect() : null;
        return {
          path: text.data,
          below: !title || chars[0].top >= title.bottom - 1,
          inOrder: chars.every((c, i) => i === 0 || c.top > chars[i - 1].top + 1 || (Math.abs(c.top - chars[i - 1].top) <= 1 && c.left >= chars[i - 1].left - 0.5)),
        };
      }));
      for (const f of found) {
        paths += 1;
        assert.ok(f.below, `${rel} at ${vp.width}px: ${f.path} starts on its title's line`);
        assert.ok(f.inOrder, `${rel} at ${vp.width}px: ${f.path} is laid out out of order`);
      }
    });
    assert.ok(paths > 0, 'no source path was checked');
  });

  // A footnote's link back to the text ("↩") was a flex item stretched down the whole note:
  // 13 px wide and as tall as the note, its arrow at the top, far from the words. It is a
  // target of at least 44×44 px whose middle sits on the note's first line, and it is not
  // printed (a link back has no use on paper).
  test('footnotes: the link back to the text is a 44 px target on the first line, and not printed', async () => {
    const lesson = h.htmlFiles(dir).find((rel) => rel.startsWith(lang + '/') && fs.readFileSync(path.join(dir, rel), 'utf8').includes('class="footnote-backref"'));
    assert.ok(lesson, 'the sample has a lesson with footnotes');
    for (const vp of VIEWPORTS) {
      const context = await openAt(vp);
      const page = await context.newPage();
      try {
        await page.goto(h.fileUrl(dir, lesson));
        const seen = await page.evaluate(() => Array.from(document.querySelectorAll('.footnote-definition')).map((note) => {
          const back = note.querySelector('.footnote-backref').getBoundingClientRect();
          const words = document.createRange();
          words.selectNodeContents(note.querySelector('.footnote-definition-label'));
          const label = words.getClientRects()[0];
          return { w: back.width, h: back.height, middle: back.top + back.height / 2, line: label.top + label.height / 2, note: note.getBoundingClientRect().height };
        }));
        assert.ok(seen.length > 0, `${lesson}: no footnote`);
        for (const s of seen) {
          assert.ok(s.w >= 44 && s.h >= 44, `${lesson} at ${vp.width}px: the link back is ${Math.round(s.w)}×${Math.round(s.h)} px`);
          assert.ok(Math.abs(s.middle - s.line) <= 4, `${lesson} at ${vp.width}px: the link back is centred ${Math.round(s.middle - s.line)} px from the note's first line`);
        }
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('.footnote-backref').first().isVisible(), false, `${lesson}: the link back is printed`);
      } finally {
        await context.close();
      }
    }
  });

  test('no horizontal overflow at 390 px: every page kind, and home, lesson and quiz in every language', async (t) => {
    const vp = VIEWPORTS[1];
    const context = await openAt(vp);
    const page = await context.newPage();
    try {
      const seen = new Set();
      const list = [];
      for (const [kind, pages] of Object.entries(kinds)) {
        for (const rel of pages) {
          const l = rel.includes('/') ? rel.split('/')[0] : '';
          if (l !== lang && l !== '' && !['home', 'lesson', 'quiz'].includes(kind)) continue;
          const key = `${kind} ${l}`;
          if (!seen.has(key)) { seen.add(key); list.push(rel); }
        }
      }
      for (const rel of list.sort()) {
        await t.test(rel, async () => {
          if (rel === 'index.html') {
            // the language chooser, as seen by a visitor whose language is not offered
            const other = await openAt({ ...vp, locale: 'ja-JP' });
            try {
              const p = await other.newPage();
              await p.goto(h.fileUrl(dir, rel));
              await p.waitForTimeout(300);
              await p.waitForLoadState('load');
              await assertNoOverflow(p, vp, p.url());
            } finally {
              await other.close();
            }
            return;
          }
          await page.goto(h.fileUrl(dir, rel));
          await assertNoOverflow(page, vp, rel);
        });
      }
    } finally {
      await context.close();
    }
  });

  test('header: a long points chip wraps inside a phone\'s width instead of widening the page', async () => {
    // A Polish page of a French site whose i18n/pl.yaml has `points` only: the chip read
    // "0 punktów · Niveau 1 : Nouveau venu" on one line, 393 px wide on a 390 px phone.
    const site = h.build(h.writeSite({
      'site.yaml': 'title: Accueil\nlanguages: [fr, pl]\n',
      'i18n/pl.yaml': 'points:\n  one: "{n} punkt"\n  few: "{n} punkty"\n  many: "{n} punktów"\n  other: "{n} punktu"\n',
      'content/fr/index.md': '---\ntitle: Accueil\n---\nBienvenue.\n',
      'content/fr/01-cours/index.md': '---\ntitle: Cours\nkind: course\n---\nLe cours.\n',
      'content/fr/01-cours/01-mod/index.md': '---\ntitle: Module\nkind: module\n---\nLe module.\n',
      'content/fr/01-cours/01-mod/01-lecon.md': '---\ntitle: Leçon\n---\nTexte.\n',
      'content/pl/01-cours/01-mod/01-lecon.md': '---\ntitle: Lekcja\n---\nTekst.\n',
    }, 'chip'), 'chip');
    const vp = VIEWPORTS[1];
    const context = await openAt(vp);
    try {
      const page = await context.newPage();
      for (const rel of ['pl/cours/mod/lecon.html', 'fr/cours/mod/lecon.html']) {
        await page.goto(h.fileUrl(site, rel));
        await page.locator('.journey-chip:not([hidden])').waitFor();
        assert.match(await page.locator('.journey-chip-text').textContent(), /\S/, `${rel}: the chip is filled in`);
        await assertNoOverflow(page, vp, rel);
      }
    } finally {
      await context.close();
    }
  });
});
