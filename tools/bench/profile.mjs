// Where the widget's load time goes: one cold load of the benchmark page under the CDP
// sampling profiler, self time summed by function (wasm functions keep their names when the
// wasm is built with a name section). Prints the top entries.
// usage: node tools/bench/profile.mjs DIST CHROMIUM [SET] [TOP]
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from '../e2e/serve.mjs';

const [dist, executablePath, set = 'cdn', top = '40'] = process.argv.slice(2);
const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await tab.goto(`${server.url}bench/widget.html?set=${set}`);
  await tab.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 60000 });
  const { profile } = await cdp.send('Profiler.stop');
  const t = await tab.evaluate(() => ({ t: window.__interactive, tasks: window.__longTasks || [] }));
  console.log(`interactive ${t.t.toFixed(1)} ms; long tasks ${JSON.stringify(t.tasks.map((x) => Math.round(x.duration)))}`);
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}`.slice(0, 150);
    self.set(name, (self.get(name) || 0) + (dt[i + 1] || 0) / 1000);
  });
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(`${ms.toFixed(1).padStart(7)} ms  ${name}`);
  }
} finally {
  await browser.close();
  server.close();
}
