// What the mount scripts (mounts.mjs, heapcode.mjs) share.

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
