// What the mount scripts (mounts.mjs, heapcode.mjs, heapdiff.mjs) share.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { serve, CHROMIUM_ARGS } from './serve.mjs';

// A page with an empty `#route` container and the release widget's module loaded and started,
// in headless Chromium, with a CDP session whose Performance metrics are on (heapcode.mjs,
// heapdiff.mjs). `name` names the page written under DIST/e2e-mounts/.
export async function routePage(dist, executablePath, name) {
  mkdirSync(`${dist}/e2e-mounts`, { recursive: true });
  writeFileSync(`${dist}/e2e-mounts/${name}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hosts</title><link rel="icon" href="data:,"></head>
<body><main><h1>Create your account</h1><div id="route"></div></main>
<script type="module">
  window.widget = await import('/consent-terms-widget.js');
  await window.widget.default();
  window.loaded = true;
</script></body></html>`);
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const p = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await p.goto(`${server.url}e2e-mounts/${name}.html`, { waitUntil: 'load' });
  await p.waitForFunction(() => window.loaded, null, { timeout: 15000 });
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Performance.enable');
  return { server, browser, p, cdp };
}

// One route shown and left, on a page with a `#route` container: the element appended, shown
// until `consent-ready`, removed in the next task, as a router does after its render.
export const routeCycle = (p) => p.evaluate(() => new Promise((resolve, reject) => {
  const el = document.createElement('consent-terms');
  for (const [name, value] of [['provider', 'kingsoft'], ['products', 'cdn'], ['lang', 'en'],
    ['bundle', '/agreements.json'], ['challenge', 'n-route']]) el.setAttribute(name, value);
  const timer = setTimeout(() => reject(new Error('no consent-ready within 10 s')), 10000);
  el.addEventListener('consent-ready', () => {
    clearTimeout(timer);
    setTimeout(() => { el.remove(); resolve(); }, 0);
  }, { once: true });
  document.getElementById('route').append(el);
}));

// The page's heap after forced collections, for the mount scripts: the removed widgets' last
// tasks run, then the heap is collected until it stops shrinking; `used` is CDP's
// JSHeapUsedSize then, `snapshot` a heap snapshot taken at that point (parsed).
export async function collectedSnapshot(p, cdp) {
  await p.evaluate(() => new Promise((ok) => setTimeout(ok, 50)));
  let used = Infinity;
  for (let i = 0; i < 5; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const now = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    if (now >= used) break;
    used = now;
  }
  const chunks = [];
  const take = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
  return { used, snapshot: JSON.parse(chunks.join('')) };
}
