// The release widget in the ways real hosts use it, in headless Chromium with real key presses:
//   - a single-page app mounts and unmounts it: 200 cycles of a <consent-terms> appended, shown
//     (`consent-ready`), removed; after a forced garbage collection (CDP) the page's DOM nodes,
//     event listeners and retained heap (every JS and DOM object of a heap snapshot; the code
//     the engine compiles as paths grow hot, and the wasm memory, counted apart) must be back
//     within 5 % of the first cycle's, and so must CDP's JSHeapUsedSize less the code the engine
//     compiled into it (printed beside it with that code); no widget element may stay alive, and
//     the wasm memory may not grow after the first cycles;
//   - the server's nonce as `challenge`, an attribute or a property set before or after the
//     element is defined, is the `nonce` of the receipt accepted by keyboard; the deprecated
//     `nonce` (as React 19 sets it, a property only) still is, with a warning naming `challenge`;
//     once accepted, a new interface language sends no new `consent-ready`;
//   - an element moved in a microtask keeps its widget; removed for good it is taken down;
//   - in a container the host shows later, an agreement's `displayed_at` is when it was shown;
//   - requirements changed after an agreement was read: it is shown and read again from its
//     beginning;
//   - on a right-to-left page zoomed out, the text reads left to right and End reads it;
//   - an end cut off by a box of the page around the widget does not count until shown;
//   - End pressed with the page scrolled past the panel does not count;
//   - a stylesheet later than the widget waits for: once it is in, the text can be read;
//   - the page is as tall with the widget in a box of fixed height as without it;
//   - on the preview page's Kingsoft CDN sign-up, the Tab presses from the first agreement's
//     text to Accept: one stop per listed clause;
//   - where the code cannot start (a CSP header without 'wasm-unsafe-eval', no wasm file), each
//     element says so in its language and dispatches `code-unavailable`.
// usage: node tools/e2e/mounts.mjs DIST_DIR CHROMIUM_PATH
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { serve, CHROMIUM_ARGS } from './serve.mjs';
import { collectedSnapshot, routeCycle } from './heap.mjs';

const [dist, executablePath] = process.argv.slice(2);
const CYCLES = 200;
const WARM = 25;
const BOUND = 0.05;
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};

// Test pages, in a folder of their own beside what a host serves.
mkdirSync(`${dist}/e2e-mounts`, { recursive: true });
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hosts</title><link rel="icon" href="data:,"></head>
<body><main><h1>Create your account</h1>${body}</main>
<script type="module">
  window.warnings = [];
  const warn = console.warn;
  console.warn = (...args) => { window.warnings.push(args.join(' ')); warn.apply(console, args); };
  window.receipts = [];
  document.addEventListener('consent-receipt', (e) => window.receipts.push(e.detail.record));
  window.widget = await import('/consent-terms-widget.js');
  window.loaded = true;
</script></body></html>`;
writeFileSync(`${dist}/e2e-mounts/mounts.html`, page('<div id="route"></div>'));
writeFileSync(`${dist}/e2e-mounts/offscreen.html`, page('<div id="route"></div><div style="height: 5000px">The rest of the sign-up form.</div>'));
writeFileSync(`${dist}/e2e-mounts/height.html`, page('<div id="box" style="height: 700px; overflow: hidden"></div><p>Below the terms.</p>'));

const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

async function open(path, height = 900) {
  const p = await browser.newPage({ viewport: { width: 1100, height } });
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(`${server.url}${path}`, { waitUntil: 'load' });
  await p.waitForFunction(() => window.loaded, null, { timeout: 15000 });
  return { p, errors };
}


// The heap after a forced collection, from a snapshot: `objects` is every JS and DOM object
// (what a leak keeps), `code` what the engine compiled (bytecode, baseline and optimised code,
// feedback, the wasm module's code), `jit` the part of it in the JS heap (all but the wasm
// module's), `used` CDP's JSHeapUsedSize, which holds the JS objects and `jit`.
async function measure(p, cdp) {
  const { used, snapshot } = await collectedSnapshot(p, cdp);
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  let objects = 0, code = 0, jit = 0, memory = 0, widgets = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const t = types[snapshot.nodes[i + type]];
    const n = snapshot.strings[snapshot.nodes[i + name]];
    const bytes = snapshot.nodes[i + size];
    if (t === 'code') { code += bytes; jit += bytes; }
    else if (n === 'system / CppGCManaged (WasmNativeModule)') code += bytes;
    else if (n === 'system / JSArrayBufferData') memory += bytes; // the wasm memory, off the heap
    else if (t !== 'synthetic') objects += bytes;
    if (t === 'native' && n.startsWith('<consent-terms')) widgets++;
  }
  const dom = await cdp.send('Memory.getDOMCounters');
  const wasm = await p.evaluate(() => window.wasm.memory.buffer.byteLength);
  return { nodes: dom.nodes, listeners: dom.jsEventListeners, used, objects, code, jit, memory, widgets, wasm };
}

// A Kingsoft CDN widget of id `id` appended to `#route` (in a box of style `box`, if given),
// until its `consent-ready`: the page keeps what is missing after each `consent-change`
// (`window.changes`), each `consent-error`'s code (`window.failures`) and the first agreement
// of each `consent-ready` (`window.ready`).
const watched = (p, id, box = null) => p.evaluate(([id, box]) => new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('no consent-ready within 15 s')), 15000);
  [window.changes, window.failures, window.ready] = [[], [], []];
  const el = document.createElement('consent-terms');
  el.id = id;
  for (const [name, value] of [['provider', 'kingsoft'], ['products', 'cdn'], ['lang', 'en'], ['bundle', '/agreements.json']]) el.setAttribute(name, value);
  el.addEventListener('consent-change', (e) => window.changes.push(e.detail.missing));
  el.addEventListener('consent-error', (e) => window.failures.push(e.detail.code));
  el.addEventListener('consent-ready', (e) => { window.ready.push(e.detail.agreements[0].id); resolve(); });
  let parent = document.getElementById('route');
  if (box) {
    const div = document.createElement('div');
    div.style.cssText = box;
    parent = parent.appendChild(div);
  }
  parent.append(el);
  window.widget.default();
}), [id, box]);

const within = (after, first) => after <= first * (1 + BOUND);

try {
  // 1. Mounts and unmounts.
  {
    const { p, errors } = await open('e2e-mounts/mounts.html');
    await p.evaluate(async () => { window.wasm = await window.widget.default(); });
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Performance.enable');
    // One widget's tree (about 1,460 nodes) is still counted from the first or from the second
    // mount on, whichever a run's timing makes it, and never more after any number of mounts:
    // the last one removed, whose nodes the snapshot shows held only weakly (by a DOMTokenList),
    // garbage that the forced collections do not always reach. The bound is against the larger
    // of the first two mounts' figures, so that a run where the first mount's tree went is as
    // comparable as one where it did not.
    await routeCycle(p);
    const one = await measure(p, cdp);
    await routeCycle(p);
    const two = await measure(p, cdp);
    const first = one.nodes >= two.nodes ? one : two;
    console.log(`     after mount 1: ${one.nodes} nodes, objects ${(one.objects / 1024).toFixed(0)} KB; after mount 2: ${two.nodes} nodes, objects ${(two.objects / 1024).toFixed(0)} KB`);
    let warm;
    const started = Date.now();
    for (let i = 2; i < CYCLES; i++) {
      await routeCycle(p);
      if (i + 1 === WARM) warm = await measure(p, cdp);
      if (process.env.MOUNTS_TRACE && i % 25 === 0) console.log(`     ${i + 1}: ${JSON.stringify(await measure(p, cdp))}`);
    }
    const last = await measure(p, cdp);
    const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
    const line = (m) => `${m.nodes} nodes, ${m.listeners} listeners, objects ${kb(m.objects)}, compiled code ${kb(m.code)}, `
      + `JSHeapUsedSize ${kb(m.used)} (compiled JS code ${kb(m.jit)}), wasm memory ${kb(m.wasm)}, widgets alive ${m.widgets}`;
    console.log(`     the first mounts' larger: ${line(first)}`);
    console.log(`     after ${WARM} mounts:       ${line(warm)}`);
    console.log(`     after ${CYCLES} mounts:      ${line(last)} (${((Date.now() - started) / (CYCLES - 2)).toFixed(0)} ms a cycle)`);
    check(within(last.nodes, first.nodes), `${CYCLES} mounts and unmounts: DOM nodes back within 5 % of the first two mounts' larger (${first.nodes} → ${last.nodes})`);
    check(within(last.listeners, first.listeners), `and event listeners (${first.listeners} → ${last.listeners})`);
    check(within(last.objects, first.objects), `and the heap's objects, JS and DOM (${kb(first.objects)} → ${kb(last.objects)}; compiled code ${kb(first.code)} → ${kb(last.code)})`);
    check(within(last.used - last.jit, first.used - first.jit), `and CDP's JSHeapUsedSize less the compiled JS code in it (${kb(first.used - first.jit)} → ${kb(last.used - last.jit)}; `
      + `JSHeapUsedSize ${kb(first.used)} → ${kb(last.used)}, ${((last.used / first.used - 1) * 100).toFixed(1)} %)`);
    check(last.widgets === 0, `no removed widget element is alive (${last.widgets})`);
    check(last.wasm <= warm.wasm + 65536, `the wasm memory grows by no more than a page after ${WARM} mounts (${kb(first.wasm)}, ${kb(warm.wasm)}, ${kb(last.wasm)})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2. The server's nonce reaches the receipt, however the host gives it.
  {
    const { p, errors } = await open('e2e-mounts/mounts.html');
    // Before the element is defined, as a framework that renders before the module ran.
    await p.evaluate(() => {
      const add = (id, set) => {
        const el = document.createElement('consent-terms');
        el.id = id;
        for (const [name, value] of [['provider', 'kingsoft'], ['products', 'cdn'], ['lang', 'en'], ['bundle', '/agreements.json'],
          ['mode', 'button'], ['require-scroll', 'false'], ['require-acknowledgement', 'false']]) el.setAttribute(name, value);
        set(el);
        document.getElementById('route').append(el);
      };
      add('attribute', (el) => el.setAttribute('challenge', 'n-attribute'));
      add('early', (el) => { el.challenge = 'n-early'; });
      add('late', () => {});
      // React 19's way with `nonce={…}`: the property only, never the attribute.
      add('legacy', (el) => { el.nonce = 'n-legacy'; });
    });
    await p.evaluate(() => window.widget.default());
    await p.locator('#late #ct-accept').waitFor({ timeout: 15000 });
    await p.evaluate(() => { document.getElementById('late').challenge = 'n-late'; });
    for (const id of ['attribute', 'early', 'late', 'legacy']) {
      await p.locator(`#${id} #ct-accept`).waitFor({ timeout: 15000 });
      const before = await p.evaluate(() => window.receipts.length);
      await p.locator(`#${id} #ct-accept`).focus();
      await p.keyboard.press('Enter');
      await p.waitForFunction((n) => window.receipts.length > n, before, { timeout: 10000 });
      const nonce = await p.evaluate(() => window.receipts[window.receipts.length - 1].nonce);
      check(nonce === `n-${id}`, `${{ attribute: 'the challenge attribute', early: 'challenge set as a property before the element is defined', late: 'challenge set as a property once it is defined', legacy: 'the deprecated nonce as React 19 sets it (a property)' }[id]}: Enter accepts and the receipt's nonce is ${nonce}`);
    }
    // Accepted, then the interface language changes: nothing is asked any more, so no new
    // `consent-ready` (a host that starts its sign-up over on it would lock the person out).
    const readyAfter = await p.evaluate(() => new Promise((resolve) => {
      const el = document.getElementById('attribute');
      let ready = 0;
      el.addEventListener('consent-ready', () => ready++);
      el.setAttribute('lang', 'zh-CN');
      setTimeout(() => resolve({ ready, lang: el.shadowRoot.querySelector('.ct-root')?.getAttribute('lang') }), 800);
    }));
    check(readyAfter.ready === 0, `accepted, then lang="zh-CN": no new consent-ready (${JSON.stringify(readyAfter)})`);
    const warnings = await p.evaluate(() => window.warnings);
    const deprecated = warnings.filter((w) => w.includes('`nonce` is deprecated') && w.includes('`challenge`'));
    check(deprecated.length === 1, `one warning naming \`challenge\`, for the element given \`nonce\` (${deprecated.length} of ${warnings.length})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2b. A framework that moves the element in a microtask (removed, then inserted again after
  // an await): the widget stays, with the flow the person had, and says nothing new; removed
  // for good, it goes in the next task.
  {
    const { p, errors } = await open('e2e-mounts/mounts.html');
    const moved = await p.evaluate(() => new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('no consent-ready within 15 s')), 15000);
      const el = document.createElement('consent-terms');
      for (const [name, value] of [['provider', 'kingsoft'], ['products', 'cdn'], ['lang', 'en'], ['bundle', '/agreements.json']]) el.setAttribute(name, value);
      let ready = 0;
      el.addEventListener('consent-ready', () => { ready++; });
      el.addEventListener('consent-ready', async () => {
        const root = el.shadowRoot.querySelector('.ct-root');
        el.remove();
        await Promise.resolve();
        queueMicrotask(() => document.getElementById('route').append(el));
        setTimeout(() => {
          const kept = el.shadowRoot.querySelector('.ct-root') === root;
          el.remove();
          setTimeout(() => resolve({ ready, kept, goneAfter: !el.shadowRoot.querySelector('.ct-root') }), 50);
        }, 500);
      }, { once: true });
      document.getElementById('route').append(el);
      window.widget.default();
    }));
    check(moved.ready === 1 && moved.kept, `an element removed and inserted again in a microtask keeps its widget, with no second consent-ready (${JSON.stringify(moved)})`);
    check(moved.goneAfter, 'removed for good, the widget is taken down in the next task');
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2c. A widget in a container the host shows later (a dialog, a step of a form): its first
  // agreement is displayed when the person can see it, not when it was rendered hidden.
  {
    const { p, errors } = await open('e2e-mounts/mounts.html');
    const rendered = await p.evaluate(() => new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('no consent-ready within 15 s')), 15000);
      const box = document.createElement('div');
      box.id = 'later';
      box.hidden = true;
      const el = document.createElement('consent-terms');
      for (const [name, value] of [['provider', 'kingsoft'], ['products', 'cdn'], ['lang', 'en'], ['bundle', '/agreements.json'],
        ['mode', 'button'], ['require-scroll', 'false'], ['require-acknowledgement', 'false'], ['challenge', 'n-later']]) el.setAttribute(name, value);
      el.addEventListener('consent-ready', () => resolve(Date.now()), { once: true });
      box.append(el);
      document.getElementById('route').append(box);
      window.widget.default();
    }));
    await p.waitForTimeout(1500);
    const opened = await p.evaluate(() => { document.getElementById('later').hidden = false; return Date.now(); });
    await p.locator('#later #ct-accept').focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => window.receipts.length > 0, null, { timeout: 10000 });
    const shown = await p.evaluate(() => window.receipts[0].agreements.map((a) => a.displayed_at));
    const first = Date.parse(shown[0]);
    check(first >= opened && shown.slice(1).every((t) => t === null),
      `a widget rendered hidden and shown ${opened - rendered} ms later: displayed_at is when it was shown (${shown.join(', ')}; shown at ${new Date(opened).toISOString()})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2d. New requirements after the person read an agreement (the host adds an organisation):
  // a fresh flow shows it from its beginning, and reading it to its end again counts.
  {
    const { p, errors } = await open('e2e-mounts/mounts.html');
    await watched(p, 'reread');
    const first = await p.evaluate(() => window.ready[0]);
    const read = (n) => p.waitForFunction(([id, n]) => window.changes.length > n
      && !window.changes[window.changes.length - 1].includes(`read-to-end:${id}`), [first, n], { timeout: 10000 });
    await p.locator('#reread #ct-panel').focus();
    await p.keyboard.press('End');
    await read(0);
    const before = await p.evaluate(() => window.changes.length);
    await p.evaluate(() => document.getElementById('reread').setAttribute('organization', 'Example Holdings Ltd'));
    await p.waitForFunction((n) => window.ready.length > 1 && window.changes.length > n, before, { timeout: 10000 });
    const again = await p.evaluate(() => ({ top: document.getElementById('reread').shadowRoot.getElementById('ct-panel').scrollTop,
      missing: window.changes[window.changes.length - 1] }));
    await p.locator('#reread #ct-panel').focus();
    await p.keyboard.press('End');
    const reread = await read(await p.evaluate(() => window.changes.length)).then(() => true, () => false);
    check(again.top === 0 && again.missing.includes(`read-to-end:${first}`) && reread,
      `an organisation added after reading: the agreement is shown again from its beginning (scrollTop ${again.top}), asked again, and End reads it to its end again (${reread})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2e. A page zoomed out (CSS `zoom: .65`: 15 px text drawn at about 10 px) and written right
  // to left: the English text stays left to right, and End reads it to its end.
  {
    writeFileSync(`${dist}/e2e-mounts/zoomed.html`, page('<div id="route"></div>')
      .replace('<html lang="en">', '<html lang="en" dir="rtl">').replace('</head>', '<style>body { zoom: .65 }</style></head>'));
    const { p, errors } = await open('e2e-mounts/zoomed.html');
    await watched(p, 'zoomed');
    const direction = await p.evaluate(() => getComputedStyle(document.getElementById('zoomed').shadowRoot.querySelector('article')).direction);
    await p.locator('#zoomed #ct-panel').focus();
    await p.keyboard.press('End');
    const read = await p.waitForFunction(() => window.changes.some((m) => !m.some((c) => c.startsWith('read-to-end:kingsoft-general'))),
      null, { timeout: 10000 }).then(() => true, () => false);
    const failures = await p.evaluate(() => window.failures);
    check(direction === 'ltr' && read && failures.length === 0,
      `on a right-to-left page zoomed to .65 the text reads left to right (${direction}) and End reads it to its end (${read}; errors: ${failures.join(', ') || 'none'})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2f. A box of the page around the widget that cuts off its lower part (`overflow: hidden`,
  // a fixed height): the end reached in the panel but not to be seen does not count; once the
  // box shows it, scrolling to it does.
  {
    const { p, errors } = await open('e2e-mounts/mounts.html');
    await watched(p, 'clipped', 'overflow: hidden; height: 200px');
    const unread = () => p.evaluate(() => window.changes.length === 0
      || window.changes[window.changes.length - 1].some((c) => c.startsWith('read-to-end:kingsoft-general')));
    await p.locator('#clipped #ct-panel').focus();
    await p.keyboard.press('End');
    await p.waitForTimeout(1000);
    const cut = await unread();
    await p.evaluate(() => { document.getElementById('clipped').parentElement.style.height = 'auto'; });
    await p.keyboard.press('Home');
    await p.waitForTimeout(300);
    await p.keyboard.press('End');
    const read = await p.waitForFunction(() => !window.changes[window.changes.length - 1].some((c) => c.startsWith('read-to-end:kingsoft-general')),
      null, { timeout: 10000 }).then(() => true, () => false);
    check(cut && read, `the end cut off by a box of the page does not count (${cut}); shown by it, scrolling to it does (${read})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 2g. The page scrolled past the panel, the focus left in it: End scrolls the panel's text
  // off the screen, where the person does not see its end, and does not count; with the panel
  // back on the screen it does.
  {
    const { p, errors } = await open('e2e-mounts/offscreen.html');
    await watched(p, 'away');
    const unread = () => p.evaluate(() => window.changes.length === 0
      || window.changes[window.changes.length - 1].some((c) => c.startsWith('read-to-end:kingsoft-general')));
    await p.locator('#away #ct-panel').focus();
    const below = await p.evaluate(() => {
      window.scrollTo(0, 3000);
      return document.getElementById('away').shadowRoot.querySelector('#ct-panel').getBoundingClientRect().bottom;
    });
    await p.waitForTimeout(1600);
    await p.keyboard.press('End');
    await p.waitForTimeout(1000);
    const unseen = await unread();
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.keyboard.press('Home');
    await p.waitForTimeout(300);
    await p.keyboard.press('End');
    const read = await p.waitForFunction(() => !window.changes[window.changes.length - 1].some((c) => c.startsWith('read-to-end:kingsoft-general')),
      null, { timeout: 10000 }).then(() => true, () => false);
    check(below < 0 && unseen && read,
      `End with the panel scrolled off the screen (its bottom at ${below} px) does not count (${unseen}); with the panel on the screen it does (${read})`);
    check(errors.length === 0, `no page error${errors.length ? ': ' + errors.join(' | ') : ''}`);
    await p.close();
  }

  // 3. No blank page below the sign-up form.
  {
    // A window shorter than the page, so that the page's height is its content's.
    const { p } = await open('e2e-mounts/height.html', 400);
    const without = await p.evaluate(() => document.documentElement.scrollHeight);
    await p.evaluate(() => {
      const el = document.createElement('consent-terms');
      for (const [name, value] of [['provider', 'kingsoft'], ['products', 'cdn kmct'], ['lang', 'en'], ['bundle', '/agreements.json']]) el.setAttribute(name, value);
      document.getElementById('box').append(el);
      return window.widget.default();
    });
    await p.locator('consent-terms article strong.ct-highlight').first().waitFor({ timeout: 15000 });
    const withWidget = await p.evaluate(() => document.documentElement.scrollHeight);
    check(Math.abs(withWidget - without) <= 4, `the page is as tall with the widget in a 700 px box as without it (${withWidget} px, ${without} px)`);
    await p.close();
  }

  // 4. The keyboard path on the preview page.
  {
    const p = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
    await p.goto(`${server.url}?ledger=none`, { waitUntil: 'load' });
    await p.locator('consent-terms #ct-accept:not([disabled])').waitFor({ timeout: 15000 });
    const focused = () => p.evaluate(() => {
      const a = document.activeElement;
      return a && a.shadowRoot && a.shadowRoot.activeElement ? a.shadowRoot.activeElement.id : a && a.id;
    });
    await p.locator('consent-terms #ct-panel').focus();
    let presses = 0;
    while ((await focused()) !== 'ct-accept' && presses < 400) {
      await p.keyboard.press('Tab');
      presses++;
    }
    const clauses = await p.locator('consent-terms .ct-highlights li').count();
    console.log(`     Tab presses from the first agreement's text to Accept on the Kingsoft CDN sign-up: ${presses} (${clauses} clauses listed)`);
    check(presses === clauses + 4, `Tab from the text to Accept passes one stop per listed clause: ${presses} presses for ${clauses} clauses (Download, ${clauses} clauses, the two boxes, Accept)`);
    await p.close();
  }
  // 4b. A stylesheet that comes after the 10 s the widget waits for it: it says so, then, once
  // the sheet is in, the text is shown in its scroll box again and End reads it to its end.
  {
    const css = readFileSync(`${dist}/consent-terms.css`);
    const slow = await serve(dist, () => ({}), (req, res) => {
      if (!req.url.startsWith('/consent-terms.css')) return false;
      setTimeout(() => { res.writeHead(200, { 'content-type': 'text/css' }); res.end(css); }, 12000);
      return true;
    });
    const p = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await p.goto(`${slow.url}e2e-mounts/mounts.html`, { waitUntil: 'load' });
    await p.waitForFunction(() => window.loaded, null, { timeout: 15000 });
    await watched(p, 'late');
    await p.waitForFunction(() => window.failures.includes('styles-unavailable'), null, { timeout: 5000 }).catch(() => {});
    const unstyled = await p.evaluate(() => window.failures.slice());
    await p.waitForFunction(() => !document.getElementById('late').shadowRoot.querySelector('[data-code=styles-unavailable]'),
      null, { timeout: 15000 }).catch(() => {});
    await p.waitForTimeout(500);
    await p.locator('#late #ct-panel').focus();
    await p.keyboard.press('End');
    const read = await p.waitForFunction(() => window.changes.some((m) => !m.some((c) => c.startsWith('read-to-end:kingsoft-general'))),
      null, { timeout: 10000 }).then(() => true, () => false);
    check(unstyled.includes('styles-unavailable') && read,
      `a stylesheet 12 s late: styles-unavailable at first (${unstyled.join(', ')}), then the text reads to its end once it is in (${read})`);
    await p.close();
    slow.close();
  }

  // 5. Where the widget's code cannot start, each element says so: a CSP header without
  // 'wasm-unsafe-eval', and a wasm file that is not there.
  {
    writeFileSync(`${dist}/e2e-mounts/nowasm.js`, `import init from '/consent-terms-widget.js';
window.errors = [];
document.addEventListener('consent-error', (e) => window.errors.push({ id: e.target.id, ...e.detail }));
const wasm = new URLSearchParams(location.search).get('wasm');
window.started = init(wasm ? { module_or_path: wasm } : undefined).then(() => 'started', (e) => 'rejected: ' + e.message);`);
    writeFileSync(`${dist}/e2e-mounts/nowasm.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hosts</title><link rel="icon" href="data:,"></head>
<body><main><h1>Create your account</h1>
<consent-terms id="en" provider="kingsoft" products="cdn" bundle="/agreements.json"></consent-terms>
<consent-terms id="zh" provider="kingsoft" products="cdn" lang="zh-CN" bundle="/agreements.json"></consent-terms>
</main><script type="module" src="nowasm.js"></script></body></html>`);
    const strict = await serve(dist, (path) => (path === '/e2e-mounts/nowasm.html'
      ? { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" } : {}));
    for (const [what, url] of [["a CSP header without 'wasm-unsafe-eval'", `${strict.url}e2e-mounts/nowasm.html`],
      ['a wasm file that is not there', `${server.url}e2e-mounts/nowasm.html?wasm=/missing.wasm`]]) {
      const p = await browser.newPage();
      await p.goto(url, { waitUntil: 'load' });
      const started = await p.waitForFunction(() => window.started, null, { timeout: 15000 }).then(() => p.evaluate(() => window.started));
      const shown = await p.evaluate(() => ['en', 'zh'].map((id) => document.getElementById(id).shadowRoot?.querySelector('[role=alert]')?.textContent ?? ''));
      const errors = await p.evaluate(() => window.errors);
      check(started.startsWith('rejected') && errors.length === 2 && errors.every((e, i) => e.code === 'code-unavailable' && e.message === shown[i])
        && /^The terms cannot be shown/.test(shown[0]) && /^无法显示条款/.test(shown[1]),
        `${what}: init() rejects, each element shows why in its language and dispatches code-unavailable (${shown[0].slice(0, 100)}…)`);
      await p.close();
    }
    strict.close();
  }
} catch (e) {
  failed++;
  console.log(`FAIL ${e.stack ?? e}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`hosts end to end: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
