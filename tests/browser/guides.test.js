'use strict';
// Guides, checklists, training units and the good-practice repository, in headless Chromium,
// on a fixture site built for this file (a guide with 4 phases and a template, a training unit
// with discussion questions, a collection of 4 practices with overlapping tags):
// - the cycle diagram has one link per phase, in phase order, and a text alternative;
// - checklist ticks survive a reload, "clear my ticks" clears them, bad storage breaks nothing;
// - print media hides navigation, pager and tools, prints empty boxes, and the guide print page
//   has its diagram and runs its phases on without forced page breaks;
// - the tag filters show exactly the practices carrying all selected tags, keep the selection
//   in the URL (reload, back, forward), and each tag page lists exactly its practices;
// - axe-core finds no WCAG 2.1 A/AA violation on any of these pages;
// - screenshots at 1280 and 390 px go to target/screenshots/guides-*.png.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const h = require('./helpers');

const skip = h.skipUnlessChromium();
const PREFIX = '/guides/sub/';

// ---- the fixture site ----------------------------------------------------------------------

const PHASES = [
  // [file stem without prefix, title]
  ['prepare', 'Prepare the ground'],
  ['select-mentors', 'Select the mentors'],
  ['pair-up', 'Pair mentors and mentees'],
  ['evaluate-and-reuse', 'Evaluate and reuse what works'],
];

const PRACTICES = [
  { slug: 'alpha', title: 'Alpha nursery schools', tags: { country: ['Greece'], sector: ['Education', 'Social services'] } },
  { slug: 'beta', title: 'Beta welcome desk', tags: { country: ['Spain'], sector: ['Social services'] } },
  { slug: 'gamma', title: 'Gamma language café', tags: { country: ['Greece'], sector: ['Culture'] } },
  { slug: 'delta', title: 'Delta job shadowing', tags: { country: ['Greece'], sector: ['Social services'], target_group: ['Refugees'] } },
];

const slug = (s) => s.toLowerCase().replace(/[\s_]+/g, '-');
const tagKeys = (p) => Object.entries(p.tags).flatMap(([g, vs]) => vs.map((v) => `${slug(g)}:${slug(v)}`));
const ALL_TAGS = [...new Set(PRACTICES.flatMap(tagKeys))].sort();
// Any value of a group (OR), every group (AND).
const withTags = (tags) => PRACTICES.filter((p) => {
  const groups = [...new Set(tags.map((t) => t.split(':')[0]))];
  return groups.every((g) => tags.filter((t) => t.startsWith(g + ':')).some((t) => tagKeys(p).includes(t)));
}).map((p) => p.slug);

function phaseFile(i, [stem, title]) {
  const facts = i === 0
    ? 'responsible: The coordinator\noutputs:\n  - A list of mentors\nactivities:\n  - Create accounts\n  - Check procedures\n'
    : 'responsible: Head of department\n';
  const body = i === 0
    ? '## Checklist\n\n- [ ] Accounts created for every mentor\n- [ ] Communication tools set up\n' +
      '- [x] Internal procedures checked\n\nSee [the platform manual](https://example.org/manual) ' +
      'and [the next step](02-select-mentors.md).\n'
    : `What happens in the step “${title}”.\n`;
  return `---\ntitle: ${title}\ndescription: Step ${i + 1} of the fixture cycle.\n${facts}---\n\n${body}`;
}

function practiceFile(p) {
  const tags = Object.entries(p.tags).map(([g, vs]) => `  ${g}: [${vs.join(', ')}]`).join('\n');
  return `---\ntitle: ${p.title}\ndescription: The ${p.slug} practice.\ntags:\n${tags}\n---\n\nWhat ${p.title} did.\n`;
}

function fixtureFiles() {
  const files = {
    'site.yaml': 'title: Guides fixture\nlanguages:\n  - code: en\n    name: English\nlicense: CC-BY-4.0\n' +
      'authors:\n  - Test team\n',
    'content/en/index.md': '---\ntitle: Home\n---\n\nSee the [guide](01-guide/index.md), the ' +
      '[unit](02-training/01-becoming-a-mentor.md) and the [practices](03-practices/index.md).\n',
    'content/en/01-guide/index.md': '---\ntitle: Mentoring cycle\ndescription: A four-step cycle.\n' +
      'kind: guide\n---\n\n## About this guide\n\nFollow the phases in order. ' +
      '[About the project](https://example.org/project).\n',
    'content/en/01-guide/05-pairing-sheet.md': '---\ntitle: Pairing sheet\ndescription: A form to print.\n' +
      'kind: template\n---\n\n| Mentor | Mentee |\n|---|---|\n| | |\n',
    'content/en/02-training/index.md': '---\ntitle: Training\nkind: page\n---\n\nUnits for mentors.\n',
    'content/en/02-training/01-becoming-a-mentor.md': '---\ntitle: Becoming a mentor\n' +
      'description: A one-hour workshop.\nkind: unit\nobjectives:\n  - Understand the role\n' +
      '  - Practise active listening\nduration: 1 hour\nformat: Workshop\nassessment: Questions and answers\n' +
      'discussion:\n  - What makes a good mentor?\n  - How do you keep trust?\n---\n\n' +
      '## Before the workshop\n\n- [ ] Read the guide\n- [ ] Bring a case from your work\n',
    'content/en/03-practices/index.md': '---\ntitle: Good practices\ndescription: What others did.\n' +
      'kind: collection\n---\n\nPractices from partners.\n',
  };
  PHASES.forEach((p, i) => { files[`content/en/01-guide/0${i + 1}-${p[0]}.md`] = phaseFile(i, p); });
  PRACTICES.forEach((p, i) => { files[`content/en/03-practices/0${i + 1}-${p.slug}.md`] = practiceFile(p); });
  return files;
}

const GUIDE = 'en/guide/index.html';
const PHASE = (i) => `en/guide/${PHASES[i][0]}.html`;
const PRINT = 'en/guide/print.html';
const TEMPLATE = 'en/guide/pairing-sheet.html';
const UNIT = 'en/training/becoming-a-mentor.html';
const COLLECTION = 'en/practices/index.html';
const PRACTICE = (s) => `en/practices/${s}.html`;

// ---- small local helpers -------------------------------------------------------------------

/** Widths that stick out of the viewport (copied from layout.test.js). */
function overflow(width) {
  const doc = document.documentElement;
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
      if (!offenders.some((o) => o.el.contains(el))) offenders.push({ el, r });
    }
  }
  return {
    scrollWidth: doc.scrollWidth,
    offenders: offenders.slice(0, 5).map(({ el, r }) =>
      `<${el.localName}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''}> ` +
      `left ${Math.round(r.left)} right ${Math.round(r.right)}`),
  };
}

/** The practice slugs of the visible cards of a list. */
function visibleSlugs(selector) {
  return Array.from(document.querySelectorAll(selector))
    .filter((li) => !li.hidden && getComputedStyle(li).display !== 'none')
    .map((li) => li.querySelector('a').getAttribute('href').split('/').pop().replace(/\.html$/, ''));
}

const CARDS = 'ol.cards > li.card-practice';

describe('guides, checklists, training units and good practices', { skip }, () => {
  let chrome, dir, server;

  before(async () => {
    dir = h.build(h.writeSite(fixtureFiles(), 'guides-src'), 'guides');
    server = await h.serve(dir, PREFIX);
    chrome = await h.launchBrowser();
    fs.mkdirSync(h.SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    if (chrome) await chrome.close();
    if (server) await server.close();
  });

  /** A fresh context (own storage); axe needs bypassCSP, the pages only allow script-src 'self'. */
  async function withPage(fn, options) {
    const context = await chrome.browser.newContext({
      bypassCSP: true, viewport: { width: 1280, height: 900 }, ...(options || {}),
    });
    context.setDefaultTimeout(5000);
    context.setDefaultNavigationTimeout(15000);
    try {
      const page = await context.newPage();
      const w = await h.watch(page);
      return await fn(page, w, context);
    } finally {
      await context.close();
    }
  }

  const url = (rel) => server.base + rel;

  // ---- the cycle ---------------------------------------------------------------------------

  test('the cycle diagram has one link per phase, in order, and a text alternative', async () => {
    await withPage(async (page, w) => {
      await page.goto(url(GUIDE));
      const svg = await page.evaluate(() => {
        const s = document.querySelector('figure.cycle svg.cycle-diagram');
        if (!s) return null;
        const ids = (s.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
        return {
          role: s.getAttribute('role'),
          labelledby: ids.map((id) => (document.getElementById(id) || {}).textContent || ''),
          title: (s.querySelector(':scope > title') || {}).textContent || '',
          desc: (s.querySelector(':scope > desc') || {}).textContent || '',
          steps: Array.from(s.querySelectorAll('a.cycle-step')).map((a) => ({
            href: a.getAttribute('href'),
            title: (a.querySelector('title') || {}).textContent || '',
            number: (a.querySelector('.cycle-number') || {}).textContent || '',
            // one <tspan> per line of a wrapped label
            label: Array.from(a.querySelectorAll('.cycle-label tspan')).map((t) => t.textContent).join(' ') ||
              (a.querySelector('.cycle-label') || {}).textContent || '',
          })),
          list: Array.from(document.querySelectorAll('figure.cycle ol.cycle-steps a')).map((a) => a.getAttribute('href')),
          caption: (document.querySelector('figure.cycle > figcaption') || {}).textContent || '',
        };
      });
      assert.ok(svg, 'the guide overview has figure.cycle > svg.cycle-diagram');
      const hrefs = PHASES.map(([stem]) => `${stem}.html`);
      assert.deepEqual(svg.steps.map((s) => s.href), hrefs, 'one a.cycle-step per phase, in phase order');
      assert.deepEqual(svg.list, hrefs, 'the text equivalent lists the same links in the same order');
      assert.ok(svg.title.trim(), 'the SVG has a non-empty <title>');
      assert.ok(svg.desc.trim(), 'the SVG has a non-empty <desc>');
      assert.equal(svg.labelledby.length, 2, 'aria-labelledby names the title and the description');
      assert.ok(svg.labelledby.every((t) => t.trim()), 'aria-labelledby points at elements with text');
      assert.ok(svg.caption.trim(), 'the figure has a caption');
      svg.steps.forEach((s, i) => {
        assert.equal(s.number.trim(), String(i + 1), `step ${i + 1} is numbered`);
        assert.ok(s.title.includes(PHASES[i][1]), `step ${i + 1}'s <title> names the phase: ${s.title}`);
        assert.equal(s.label.replace(/\s+/g, ' ').trim(), PHASES[i][1], `step ${i + 1}'s label`);
        assert.ok(svg.desc.includes(PHASES[i][1]), `the description names phase ${i + 1}`);
      });

      // the links are focusable, in order, and lead to the phases
      const focused = [];
      await page.locator('a.cycle-step').first().focus();
      for (let i = 0; i < PHASES.length; i++) {
        focused.push(await page.evaluate(() => document.activeElement.getAttribute('href')));
        await page.keyboard.press('Tab');
      }
      assert.deepEqual(focused, hrefs, 'Tab walks through the steps in order');
      // the focused node is drawn differently (a visible focus indicator on an SVG link)
      await page.locator('a.cycle-step').nth(1).focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const [focusedNode, otherNode] = await page.evaluate(() => {
        const nodes = document.querySelectorAll('a.cycle-step circle.cycle-node');
        const st = (n) => { const c = getComputedStyle(n); return `${c.fill} ${c.stroke} ${c.strokeWidth}`; };
        return [st(nodes[1]), st(nodes[2])];
      });
      assert.notEqual(focusedNode, otherNode, 'the focused step looks different from the others');

      await page.locator('a.cycle-step').nth(2).locator('circle.cycle-node').click();
      await page.waitForURL(url(PHASE(2)));
      assert.equal(await page.locator('body.kind-phase').count(), 1, 'the step leads to a phase page');
      assert.equal((await page.locator('h1').innerText()).trim(), PHASES[2][1]);
      await h.assertCleanConsole(page, w, GUIDE);
      h.assertLocalRequests(w, server.origin, GUIDE);
    });
  });

  test('phases say where they are and run back to the start of the cycle', async () => {
    await withPage(async (page) => {
      for (let i = 0; i < PHASES.length; i++) {
        await page.goto(url(PHASE(i)));
        const position = await page.locator('.position').innerText();
        assert.match(position, new RegExp(`\\b${i + 1}\\b.*\\b${PHASES.length}\\b`), `${PHASE(i)}: position "${position}"`);
        assert.equal(await page.locator('section.phase-card').count(), 1, `${PHASE(i)} has a phase card`);
        const next = await page.locator('nav.pager a[rel~="next"]').getAttribute('href');
        const want = i + 1 < PHASES.length ? `${PHASES[i + 1][0]}.html` : `${PHASES[0][0]}.html`;
        assert.equal(next, want, `${PHASE(i)}: rel=next`);
      }
      assert.match(await page.locator('nav.pager a[rel~="next"]').innerText(), new RegExp(PHASES[0][1]));
    });
  });

  test('the guide lists its templates and offers the whole guide for print', async () => {
    await withPage(async (page) => {
      await page.goto(url(GUIDE));
      const files = await page.locator('section.templates ul.file-list li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(files, ['pairing-sheet.html']);
      const print = page.locator('p.print-guide a.button');
      assert.equal(await print.getAttribute('href'), 'print.html');
      await print.click();
      await page.waitForURL(url(PRINT));
      const parts = await page.locator('section.print-part > h2:first-child').allInnerTexts();
      assert.deepEqual(parts.slice(0, PHASES.length), PHASES.map((p) => p[1]), 'one part per phase, in order');
    });
  });

  // ---- checklists --------------------------------------------------------------------------

  async function boxes(page) {
    return page.locator('ul.checklist input.check').evaluateAll((els) => els.map((e) => e.checked));
  }

  test('checklist ticks survive a reload; "clear my ticks" clears them', async () => {
    await withPage(async (page, w) => {
      await page.goto(url(PHASE(0)));
      assert.deepEqual(await boxes(page), [false, false, true],
        'the page\'s own ticks ("- [x]") before anything is stored');
      assert.equal(await page.locator('.checklist-tools').isVisible(), true, 'the tools are shown with JS');
      assert.equal(await page.locator('.checklist-tools').getAttribute('hidden'), null);

      await page.locator('ul.checklist label').nth(0).click();   // the label is the target too
      await page.locator('ul.checklist input.check').nth(2).uncheck();
      const key = await page.evaluate(() => `${document.body.dataset.scope}:checks:${document.body.dataset.key}`);
      const firstId = await page.locator('ul.checklist input.check').nth(0).getAttribute('id');
      assert.match(firstId, /^check-[0-9a-f]{8}$/, 'ids come from the item text');
      assert.deepEqual(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)), [firstId]);

      await page.reload();
      assert.deepEqual(await boxes(page), [true, false, false],
        'ticks restored after a reload');

      // another page's list is kept apart
      await page.goto(url(UNIT));
      assert.deepEqual(await boxes(page), [false, false], 'the unit starts empty');
      await page.locator('ul.checklist input.check').nth(1).check();
      await page.reload();
      assert.deepEqual(await boxes(page), [false, true], 'the unit keeps its own ticks');

      await page.goto(url(PHASE(0)));
      assert.deepEqual(await boxes(page), [true, false, false]);
      await page.locator('ul.checklist input.check').nth(1).check();
      await page.locator('button.checklist-reset').click();
      assert.deepEqual(await boxes(page), [false, false, false], 'reset clears every tick');
      await page.reload();
      assert.deepEqual(await boxes(page), [false, false, false],
        'still clear after a reload (also the box ticked in the Markdown)');

      await page.goto(url(UNIT));
      await page.locator('button.checklist-reset').click();
      assert.equal(await page.evaluate(() =>
        localStorage.getItem(`${document.body.dataset.scope}:checks:${document.body.dataset.key}`)), null,
      'reset removes the stored entry');
      await page.reload();
      assert.deepEqual(await boxes(page), [false, false]);
      await h.assertCleanConsole(page, w, UNIT);
    });
  });

  test('corrupt or unavailable storage never breaks a checklist', async () => {
    await withPage(async (page, w) => {
      await page.goto(url(PHASE(0)));
      const key = await page.evaluate(() => `${document.body.dataset.scope}:checks:${document.body.dataset.key}`);
      const ids = await page.locator('ul.checklist input.check').evaluateAll((els) => els.map((e) => e.id));
      for (const bad of ['{not json', JSON.stringify(ids[0]), JSON.stringify({ 0: ids[0] }), `[1,null,{"a":1},${JSON.stringify(ids[1])},"<b>"]`, 'null']) {
        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, bad]);
        await page.reload();
        const want = bad.startsWith('[')
          ? [false, true, false]      // the good id is kept
          : [false, false, true];     // the page's defaults
        assert.deepEqual(await boxes(page), want, `stored ${bad}`);
        await page.locator('ul.checklist input.check').nth(0).check();
        assert.ok(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)).includes(ids[0]),
          `stored ${bad}: overwritten on the next tick`);
        await page.evaluate((k) => localStorage.removeItem(k), key);
      }
      await h.assertCleanConsole(page, w, `${PHASE(0)} with corrupt storage`);
    });

    await withPage(async (page, w) => {
      await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', { get() { throw new Error('SecurityError: storage denied'); } });
      });
      await page.goto(url(PHASE(0)));
      assert.equal(await page.locator('.checklist-tools').isVisible(), true);
      await page.locator('ul.checklist input.check').nth(0).check();
      await page.locator('button.checklist-reset').click();
      assert.deepEqual(await boxes(page), [false, false, false]);
      await h.assertCleanConsole(page, w, `${PHASE(0)} without storage`);
    });
  });

  // ---- print -------------------------------------------------------------------------------

  test('print media: no navigation, pager or tools, and empty boxes', async () => {
    await withPage(async (page) => {
      await page.goto(url(PHASE(0)));
      await page.locator('ul.checklist input.check').nth(0).check();
      await page.emulateMedia({ media: 'print' });
      const display = (sel) => page.evaluate((s) => Array.from(document.querySelectorAll(s))
        .map((e) => getComputedStyle(e).display), sel);
      for (const sel of ['header .top-nav', 'nav.course-nav', 'nav.pager', 'nav.breadcrumbs', '.checklist-tools', 'a.skip-link']) {
        const d = await display(sel);
        assert.ok(d.length > 0, `${PHASE(0)} has ${sel}`);
        assert.ok(d.every((x) => x === 'none'), `${sel} is display:none in print (${d})`);
      }
      const marks = await page.evaluate(() => Array.from(document.querySelectorAll('ul.checklist li')).map((li) => {
        const input = li.querySelector('input.check');
        const b = getComputedStyle(li.querySelector('label'), '::before');
        return {
          checked: input.checked,
          input: getComputedStyle(input).display,
          box: [b.content, b.display, b.borderTopWidth, b.borderTopStyle, b.backgroundColor, b.backgroundImage,
            b.width, b.height].join(' | '),
          border: parseFloat(b.borderTopWidth),
          content: b.content,
        };
      }));
      assert.ok(marks.some((m) => m.checked), 'a box is ticked on screen');
      for (const m of marks) {
        assert.equal(m.input, 'none', 'the real checkbox is hidden in print');
        assert.ok(m.border > 0, `an empty box is drawn before each label (${m.box})`);
        assert.ok(!/[✓✔☑☒xX]/.test(m.content.replace(/^"|"$/g, '')), `no tick in the printed box: ${m.content}`);
      }
      assert.equal(new Set(marks.map((m) => m.box)).size, 1, 'ticked and unticked boxes print the same (empty)');

      // external links show their address, links inside the site do not
      const afters = await page.evaluate(() => Array.from(document.querySelectorAll('.prose a:not(.anchor)'))
        .map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content]));
      for (const [href, content] of afters) {
        if (/^https?:/.test(href)) assert.ok(content.includes(href), `${href} is printed with its address`);
        else assert.ok(!content.includes(href), `${href} (inside the site) is printed without its address`);
      }

      await page.goto(url(PRINT));
      const parts = await page.evaluate(() => Array.from(document.querySelectorAll('section.print-part'))
        .map((s) => getComputedStyle(s).breakBefore));
      assert.ok(parts.length >= PHASES.length, 'the whole guide has a part per phase');
      assert.ok(parts.every((b) => b !== 'page'), `parts run on without half-empty pages (${parts})`);
      assert.equal(await page.locator('figure.cycle svg.cycle-diagram').count(), 1, 'the printed guide has its cycle diagram');
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.print-meta')).display), 'block',
        'the printed page says where it was printed from');
      for (const sel of ['header .top-nav', 'nav.course-nav']) {
        assert.ok((await display(sel)).every((x) => x === 'none'), `${PRINT}: ${sel} hidden in print`);
      }

      for (const rel of [UNIT, TEMPLATE]) {
        await page.goto(url(rel));
        assert.ok((await display('.print-action')).every((x) => x === 'none'), `${rel}: the print button is not printed`);
      }
      await page.goto(url(COLLECTION));
      assert.ok((await display('nav.tag-filters')).every((x) => x === 'none'), 'the tag filters are not printed');
    });
  });

  test('the print buttons of a unit and a template print the page', async () => {
    await withPage(async (page, w) => {
      for (const rel of [UNIT, TEMPLATE]) {
        await page.goto(url(rel));
        const action = page.locator('p.print-action');
        assert.equal(await action.isVisible(), true, `${rel}: the print button is shown with JS`);
        await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
        await action.locator('button.print-page').click();
        assert.equal(await page.evaluate(() => window.__printed), 1, `${rel}: window.print() called once`);
      }
      await page.goto(url(UNIT));
      const discussion = await page.locator('section.discussion ol > li').allInnerTexts();
      assert.deepEqual(discussion, ['What makes a good mentor?', 'How do you keep trust?']);
      await h.assertCleanConsole(page, w, UNIT);
    });
  });

  // ---- the good-practice collection --------------------------------------------------------

  async function tagLinks(page) {
    return page.locator('nav.tag-filters a.tag').evaluateAll((as) => as.map((a) => a.dataset.tag));
  }

  async function state(page) {
    return page.evaluate((sel) => ({
      visible: visibleSlugs(sel),
      pressed: Array.from(document.querySelectorAll('nav.tag-filters a.tag[aria-pressed="true"]')).map((a) => a.dataset.tag),
      status: document.querySelector('.filter-status').textContent.trim(),
      reset: !document.querySelector('button.filter-reset').hidden,
      hash: location.hash,
    }), CARDS);
  }

  const hashOf = (tags) => (tags.length ? `#tags=${tags.join(',')}` : '');

  async function withCollection(fn, options) {
    return withPage(async (page, w, context) => {
      await page.addInitScript(`window.visibleSlugs = ${visibleSlugs.toString()};`);
      return fn(page, w, context);
    }, options);
  }

  test('the collection filters by tag: any value of a group, every group', async () => {
    await withCollection(async (page, w) => {
      await page.goto(url(COLLECTION));
      assert.deepEqual((await tagLinks(page)).sort(), ALL_TAGS, 'one filter per tag of the practices');
      const all = PRACTICES.map((p) => p.slug);
      let s = await state(page);
      assert.deepEqual(s.visible, all, 'all practices before filtering');
      assert.equal(s.reset, false, 'no reset button before filtering');
      assert.equal(await page.locator('nav.tag-filters a.tag[aria-pressed="false"]').count(), ALL_TAGS.length,
        'every tag is a toggle, not pressed');
      assert.equal(await page.locator('nav.tag-filters a.tag[role="button"]').count(), ALL_TAGS.length);

      // every single tag and every pair of tags
      const combos = ALL_TAGS.map((t) => [t]);
      ALL_TAGS.forEach((a, i) => ALL_TAGS.slice(i + 1).forEach((b) => combos.push([a, b])));
      for (const combo of combos) {
        for (const t of combo) await page.locator(`nav.tag-filters a.tag[data-tag="${t}"]`).click();
        s = await state(page);
        const want = withTags(combo);
        assert.deepEqual(s.visible, want, `filtered by ${combo.join(' + ')}`);
        assert.deepEqual(s.pressed.sort(), combo.slice().sort(), 'the selected tags are pressed');
        assert.ok(s.status.includes(String(want.length)) && s.status.includes(String(PRACTICES.length)),
          `the status says ${want.length} of ${PRACTICES.length}: "${s.status}"`);
        assert.equal(s.reset, true, 'the reset button is shown');
        assert.equal(s.hash, hashOf(combo), 'the URL keeps the selection');
        await page.locator('button.filter-reset').click();
        s = await state(page);
        assert.deepEqual(s.visible, all, 'reset shows every practice');
        assert.deepEqual(s.pressed, []);
        assert.equal(s.reset, false);
        assert.equal(s.hash, '');
      }
      assert.equal(await page.evaluate(() => document.activeElement.matches('nav.tag-filters a.tag')), true,
        'after reset the focus stays in the filters');

      // toggling off
      const greece = page.locator('nav.tag-filters a.tag[data-tag="country:greece"]');
      await greece.click();
      await greece.click();
      s = await state(page);
      assert.deepEqual(s.visible, all, 'pressing a tag again releases it');
      // the keyboard: Space and Enter both toggle
      await greece.focus();
      await page.keyboard.press('Space');
      assert.deepEqual((await state(page)).pressed, ['country:greece'], 'Space presses');
      await page.keyboard.press('Enter');
      assert.deepEqual((await state(page)).pressed, [], 'Enter releases');
      assert.equal(page.url(), url(COLLECTION) + '', 'still on the collection page');
      await h.assertCleanConsole(page, w, COLLECTION);
      h.assertLocalRequests(w, server.origin, COLLECTION);
    });
  });

  for (const mode of ['http', 'file']) {
    test(`over ${mode}: the selection survives reload, back and forward`, async () => {
      await withCollection(async (page, w) => {
        const start = mode === 'http' ? url(COLLECTION) : h.fileUrl(dir, COLLECTION);
        await page.goto(start);
        const one = ['country:greece'];
        const two = ['country:greece', 'sector:social-services'];
        await page.locator(`a.tag[data-tag="${one[0]}"]`).click();
        await page.locator(`a.tag[data-tag="${two[1]}"]`).click();
        assert.deepEqual((await state(page)).visible, withTags(two));
        await page.reload();
        let s = await state(page);
        assert.deepEqual(s.visible, withTags(two), 'reload keeps the selection');
        assert.deepEqual(s.pressed, two);
        assert.ok(s.status.includes(String(withTags(two).length)), 'and says so');
        await page.goBack();
        s = await state(page);
        assert.deepEqual([s.visible, s.pressed, s.hash], [withTags(one), one, hashOf(one)], 'back: one tag');
        await page.goBack();
        s = await state(page);
        assert.deepEqual([s.visible, s.pressed, s.hash], [PRACTICES.map((p) => p.slug), [], ''], 'back: no tag');
        await page.goForward();
        s = await state(page);
        assert.deepEqual([s.visible, s.pressed], [withTags(one), one], 'forward: one tag');
        // a jump to an anchor on the page (the skip link) keeps the selection
        await page.locator('a.skip-link').focus();
        await page.keyboard.press('Enter');
        s = await state(page);
        assert.deepEqual([s.visible, s.pressed], [withTags(one), one], 'the skip link leaves the filters alone');
        // a link with a selection, and one with tags the collection does not have
        await page.goto(start.replace(/#.*$/, '') + '#tags=sector:culture');
        assert.deepEqual((await state(page)).visible, withTags(['sector:culture']), 'a shared link opens filtered');
        await page.goto('about:blank');
        await page.goto(start.replace(/#.*$/, '') + '#tags=country:nowhere,%E0%A4%A');
        s = await state(page);
        assert.deepEqual([s.visible, s.pressed], [PRACTICES.map((p) => p.slug), []], 'unknown tags are ignored');
        await h.assertCleanConsole(page, w, `${COLLECTION} over ${mode}`);
      });
    });
  }

  test('without JavaScript the tags are links to the tag pages', async () => {
    await withPage(async (page) => {
      await page.goto(url(COLLECTION));
      assert.equal(await page.locator('a.tag[role], a.tag[aria-pressed]').count(), 0);
      await page.locator('nav.tag-filters a.tag[data-tag="country:greece"]').click();
      await page.waitForURL(/\/tags\/country-greece\.html$/);
      assert.equal(await page.locator('body.kind-tag').count(), 1);
    }, { javaScriptEnabled: false });
  });

  test('each tag page lists exactly the practices with that tag; practices link related ones', async () => {
    await withPage(async (page, w) => {
      await page.goto(url(COLLECTION));
      const links = await page.locator('nav.tag-filters a.tag').evaluateAll((as) =>
        as.map((a) => ({ tag: a.dataset.tag, href: a.href, count: (a.querySelector('.tag-count') || {}).textContent || '' })));
      assert.equal(links.length, ALL_TAGS.length);
      for (const { tag, href, count } of links) {
        const want = withTags([tag]);
        assert.ok(count.includes(String(want.length)), `${tag}: the filter shows the count ${want.length} (${count})`);
        const res = await page.goto(href);
        assert.equal(res.status(), 200, href);
        assert.equal(await page.locator('body.kind-tag').count(), 1, `${href} is a tag page`);
        const listed = await page.locator('ol.cards.practice-list > li.card-practice a').evaluateAll((as) =>
          as.map((a) => a.getAttribute('href').split('/').pop().replace(/\.html$/, '')));
        assert.deepEqual(listed, want, `${href} lists exactly the practices tagged ${tag}`);
        assert.equal(await page.locator('nav.tag-list a.tag').count(), ALL_TAGS.length, `${href} links every tag`);
      }

      for (const p of PRACTICES) {
        await page.goto(url(PRACTICE(p.slug)));
        const tags = await page.locator('nav.tag-list a.tag').evaluateAll((as) => as.map((a) => a.dataset.tag));
        assert.deepEqual(tags.sort(), tagKeys(p).sort(), `${p.slug}: its tags`);
        const related = await page.locator('section.related li.card-practice a').evaluateAll((as) =>
          as.map((a) => a.getAttribute('href').replace(/\.html$/, '')));
        assert.ok(!related.includes(p.slug), `${p.slug} is not related to itself`);
        const sharing = PRACTICES.filter((q) => q !== p && tagKeys(q).some((t) => tagKeys(p).includes(t))).map((q) => q.slug);
        assert.ok(related.length > 0 && related.every((r) => sharing.includes(r)),
          `${p.slug}: related practices share a tag (${related} ⊆ ${sharing})`);
      }
      await h.assertCleanConsole(page, w, 'tag and practice pages');
    });
  });

  // ---- accessibility -----------------------------------------------------------------------

  test('axe-core: no violations on the guide, a phase, the print page, the unit, the collection and a practice', async () => {
    await withCollection(async (page) => {
      for (const rel of [GUIDE, PHASE(0), PHASE(3), PRINT, TEMPLATE, UNIT, PRACTICE('alpha'), 'en/practices/tags/country-greece.html']) {
        await page.goto(url(rel));
        await h.assertNoAxeViolations(page, rel);
      }
      // a phase with ticked boxes and focus on one
      await page.goto(url(PHASE(0)));
      await page.locator('ul.checklist input.check').nth(0).check();
      await page.locator('ul.checklist input.check').nth(0).focus();
      await h.assertNoAxeViolations(page, `${PHASE(0)} with ticks`);

      await page.goto(url(COLLECTION));
      await h.assertNoAxeViolations(page, `${COLLECTION} before filtering`);
      await page.locator('a.tag[data-tag="country:greece"]').click();
      await page.locator('a.tag[data-tag="sector:social-services"]').click();
      await h.assertNoAxeViolations(page, `${COLLECTION} filtered by two tags`);
      await page.locator('a.tag[data-tag="target-group:refugees"]').click();
      await page.locator('a.tag[data-tag="sector:social-services"]').click(); // Refugees in Education: nothing left
      await page.locator('a.tag[data-tag="sector:education"]').click();
      assert.deepEqual((await state(page)).visible, []);
      await h.assertNoAxeViolations(page, `${COLLECTION} filtered to nothing`);
    });
  });

  // ---- screenshots -------------------------------------------------------------------------

  for (const vp of [{ width: 1280, height: 900, mobile: false }, { width: 390, height: 844, mobile: true }]) {
    test(`screenshots at ${vp.width}px` + (vp.mobile ? ', no horizontal overflow' : ''), async () => {
      await withCollection(async (page) => {
        const shots = [
          ['overview', GUIDE, 'screen'],
          ['phase', PHASE(0), 'screen'],
          ['unit', UNIT, 'screen'],
          ['collection', COLLECTION, 'screen'],
          ['collection-filtered', COLLECTION + '#tags=country:greece,sector:social-services', 'screen'],
          ['practice', PRACTICE('delta'), 'screen'],
          ['print', PRINT, 'print'],
          ['phase-print', PHASE(0), 'print'],
        ];
        for (const [name, rel, media] of shots) {
          await page.emulateMedia({ media });
          await page.goto(url(rel));
          if (name === 'phase') await page.locator('ul.checklist input.check').nth(0).check();
          const file = path.join(h.SCREENSHOT_DIR, `guides-${name}-${vp.width}.png`);
          await page.screenshot({ path: file, fullPage: true, timeout: 30000 }); // a busy machine is slow, not broken
          assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
          if (vp.mobile && media === 'screen') {
            const o = await page.evaluate(overflow, vp.width);
            assert.ok(o.scrollWidth <= vp.width,
              `${rel} at ${vp.width}px: the page is ${o.scrollWidth}px wide; sticking out:\n  ${o.offenders.join('\n  ')}`);
          }
        }
      }, { viewport: { width: vp.width, height: vp.height }, isMobile: vp.mobile, hasTouch: vp.mobile, deviceScaleFactor: 1 });
    });
  }
});
