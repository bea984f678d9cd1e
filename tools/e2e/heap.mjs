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
