// Where the widget's load time goes: one cold load of the benchmark page under the CDP
// sampling profiler, self time summed by function (wasm functions keep their names when the
// wasm is built with a name section). Prints the top entries. With `accept` as the last
// argument it profiles accepting instead: from the click on accept (one-click mode) to
// consent-receipt.
// `PAGE=widget-prerendered-cdn.html` profiles another page of dist/bench/ (written by bench.mjs).
// usage: node tools/bench/profile.mjs DIST CHROMIUM [SET] [TOP] [accept]
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from '../e2e/serve.mjs';
import { waitFor } from './wait.mjs';

const [dist, executablePath, set = 'cdn', top = '40', mode = 'load'] = process.argv.slice(2);
const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (mode === 'accept') {
    await tab.goto(`${server.url}bench/widget.html?set=${set}&accept=1&subject=profile-${Date.now()}`);
    await waitFor(cdp, 'window.__interactive !== undefined');
    await tab.waitForTimeout(500);
    await cdp.send('Profiler.start');
    await tab.locator('consent-terms #ct-accept').click();
    await waitFor(cdp, 'window.__receiptAt !== undefined', 30000);
  } else {
    await cdp.send('Profiler.start');
    await tab.goto(`${server.url}bench/${process.env.PAGE || 'widget.html'}?set=${set}`);
    await waitFor(cdp, 'window.__interactive !== undefined');
  }
  const { profile } = await cdp.send('Profiler.stop');
  const t = await tab.evaluate(() => ({ t: window.__interactive, tasks: window.__longTasks || [], click: window.__clickAt, receipt: window.__receiptAt }));
  console.log(mode === 'accept'
    ? `accept click -> consent-receipt ${(t.receipt - t.click).toFixed(1)} ms`
    : `interactive ${t.t.toFixed(1)} ms; long tasks ${JSON.stringify(t.tasks.map((x) => Math.round(x.duration)))}`);
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
