// How many times a load of the prerendered preview page lays out, and for how long: a CDP
// trace of one cold load in Chromium, its Layout events listed (start from navigation,
// duration, nodes laid out) until the widget has taken over and the page is idle.
// usage: node tools/bench/layouts.mjs DIST CHROMIUM [PAGE]
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from '../e2e/serve.mjs';

const [dist, executablePath, page = 'index.html'] = process.argv.slice(2);
const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing'] },
  });
  await tab.goto(`${server.url}${page}`);
  await tab.waitForFunction(() => {
    const el = document.querySelector('consent-terms');
    return el?.shadowRoot?.querySelector('.ct-root .ct-agreement .ct-text > *') && !el.shadowRoot.querySelector('.ct-prerendered');
  }, null, { timeout: 30000 });
  await tab.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await done;
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStart')?.ts
    ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const layouts = events.filter((e) => e.name === 'Layout' && e.ph === 'X' && e.dur !== undefined);
  let total = 0;
  for (const e of layouts) {
    const nodes = e.args?.beginData?.dirtyObjects ?? '?';
    total += e.dur;
    console.log(`layout at ${((e.ts - nav) / 1000).toFixed(1)} ms: ${(e.dur / 1000).toFixed(1)} ms, ${nodes} objects to lay out`);
  }
  console.log(`layouts ${layouts.length}, ${(total / 1000).toFixed(1)} ms in all`);
} finally {
  await browser.close();
  server.close();
}
