// Waiting for a page's own measurement without disturbing it. Playwright's waitForFunction
// installs its injected script in the page (tens of milliseconds of main-thread work, which
// would land inside the load being measured); a CDP Runtime.evaluate of one expression does
// not. Polls `expression` every 25 ms until it is truthy.
export async function waitFor(cdp, expression, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `Boolean(${expression})`, returnByValue: true });
    if (result.value) return;
    if (Date.now() > end) throw new Error(`not true within ${timeout} ms: ${expression}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}
