// Loads the built preview page in headless Chromium and checks that the widget shows the
// applicable agreements with no error in the console.
// usage: node tools/e2e/preview.mjs DIST_DIR CHROMIUM_PATH
import { chromium } from 'playwright-core';
import { serve, CHROMIUM_ARGS } from './serve.mjs';

const [dist, executablePath] = process.argv.slice(2);
const server = await serve(dist);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   ${what}`); } else { failed++; console.log(`FAIL ${what}`); }
};
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(server.url, { waitUntil: 'load' });
  const title = page.locator('#consent-terms article h2');
  await title.waitFor({ timeout: 15000 });
  check((await title.textContent()) === 'Agreement of Kingsoft Cloud Service', 'widget shows the base agreement first');
  check((await page.locator('#consent-terms [role=tab]').count()) === 2, 'widget offers the general and CDN agreements');
  check((await page.locator('#consent-terms strong.ct-highlight').count()) > 0, 'highlighted clauses are <strong>');
  check(problems.length === 0, `no console error or warning${problems.length ? ': ' + problems.join(' | ') : ''}`);
} catch (e) {
  check(false, `preview page loads: ${e.message}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`preview: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
