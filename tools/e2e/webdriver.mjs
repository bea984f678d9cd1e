// A W3C WebDriver client for the end-to-end checks (chromedriver, geckodriver or
// WebKitWebDriver, so the key presses are trusted input), and acceptance of the widget's
// agreements by keyboard alone.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { CHROMIUM_ARGS } from './serve.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const KEY = { Tab: '\uE004', Shift: '\uE008', End: '\uE010', Space: '\uE00D', Enter: '\uE007', ArrowRight: '\uE014' };

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// WebKitGTK's MiniBrowser needs an X display: a virtual one (Xvfb), which picks a free display
// number itself and writes it on the descriptor given by -displayfd. Started in a process group
// of its own, so that stopping it stops everything it started.
async function startXvfb() {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x1100x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true });
  const display = await new Promise((resolve, reject) => {
    let seen = '';
    proc.stdio[3].on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('\n')) resolve(`:${seen.trim()}`);
    });
    proc.on('error', (e) => reject(new Error(`Xvfb did not start: ${e.message}`)));
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before naming its display`)));
    setTimeout(() => reject(new Error('Xvfb named no display within 20 s')), 20000);
  });
  return { proc, display };
}

// Stops a process started with `detached: true` and every process of its group.
async function stopGroup(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((ok) => proc.once('exit', ok));
  try { process.kill(-proc.pid, 'SIGTERM'); } catch { return; }
  if (await Promise.race([gone.then(() => true), sleep(3000).then(() => false)])) return;
  try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
}

export class Driver {
  // kind: chromium, firefox or webkit; the driver and browser binaries to run (for webkit,
  // WebKitWebDriver and WebKitGTK's MiniBrowser, on a display of its own under Xvfb).
  static async start(kind, driverPath, browserPath) {
    const port = await freePort();
    const args = kind === 'firefox' ? ['--port', String(port), '--host', '127.0.0.1'] : [`--port=${port}`];
    let xvfb = null, env = process.env;
    if (kind === 'webkit') {
      xvfb = await startXvfb();
      env = { ...process.env, DISPLAY: xvfb.display };
    }
    // WebKitWebDriver starts MiniBrowser and its web and network processes: they share its group.
    const proc = spawn(driverPath, args, { stdio: 'ignore', env, detached: kind === 'webkit' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try { if ((await (await fetch(`${base}/status`)).json()).value.ready) break; } catch { /* not up yet */ }
      await sleep(100);
    }
    const caps = kind === 'firefox'
      ? { browserName: 'firefox', 'moz:firefoxOptions': { binary: browserPath, args: ['-headless'] } }
      : kind === 'webkit'
        ? { 'webkitgtk:browserOptions': { binary: browserPath, args: ['--automation'] } }
        : { browserName: 'chrome', 'goog:chromeOptions': { binary: browserPath, args: ['--headless=new', ...CHROMIUM_ARGS] } };
    const d = new Driver(base, proc);
    d.kind = kind;
    d.xvfb = xvfb;
    try {
      d.session = (await d.cmd('POST', '/session', { capabilities: { alwaysMatch: caps } })).sessionId;
    } catch (e) {
      await d.quit();
      throw e;
    }
    if (kind === 'webkit') {
      // MiniBrowser opens a small window; the other engines run headless at about this size.
      try { await d.cmd('POST', '/window/rect', { width: 1280, height: 1000 }); } catch { /* keeps its size */ }
    }
    return d;
  }
  constructor(base, proc) { this.base = base; this.proc = proc; }
  async cmd(method, path, body) {
    const url = this.session && path !== '/session' ? `${this.base}/session/${this.session}${path}` : `${this.base}${path}`;
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json();
    if (json.value && json.value.error) throw new Error(`${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }
  go(url) { return this.cmd('POST', '/url', { url }); }
  // Into the frame whose <iframe> element `script` returns; back to the top with `top()`.
  async frame(script) { await this.cmd('POST', '/frame', { id: await this.exec(script) }); }
  top() { return this.cmd('POST', '/frame', { id: null }); }
  exec(script, args = []) { return this.cmd('POST', '/execute/sync', { script, args }); }
  async press(...keys) {
    const actions = [];
    for (const k of keys) actions.push({ type: 'keyDown', value: k });
    for (const k of [...keys].reverse()) actions.push({ type: 'keyUp', value: k });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('DELETE', '/actions');
  }
  async quit() {
    if (this.session) {
      try { await this.cmd('DELETE', ''); } catch { /* already gone */ }
    }
    if (this.kind === 'webkit') {
      await stopGroup(this.proc);
      await stopGroup(this.xvfb && this.xvfb.proc);
    } else {
      this.proc.kill();
    }
  }
}

export const inWidget = (selector) => `const r = document.querySelector('consent-terms'); return !!(r && r.shadowRoot && r.shadowRoot.querySelector(${JSON.stringify(selector)}));`;
export const FOCUSED = `const a = document.activeElement; return a && a.shadowRoot && a.shadowRoot.activeElement ? a.shadowRoot.activeElement.id : (a && a.id);`;

export const LIVE = `const r = document.querySelector('consent-terms'); return !!(r && r.shadowRoot && r.shadowRoot.querySelector('.ct-root:not(.ct-prerendered) [role=tab]'));`;
const PANEL_STATE = `const r = document.querySelector('consent-terms').shadowRoot; const p = r.querySelector('#ct-panel');
  return { focused: (r.activeElement && r.activeElement.id) || (document.activeElement && document.activeElement.tagName),
    selected: (r.querySelector('[role=tab][aria-selected=true]') || {}).id, panel: p && [p.scrollTop, p.scrollHeight, p.clientHeight] };`;
const ACCEPT_ENABLED = `return document.querySelector('consent-terms').shadowRoot.querySelector('#ct-accept').getAttribute('aria-disabled') === 'false';`;

// What the page and the widget were doing, for a failure's message: the document's state, the
// widget's root and phase, its error, the page's errors and the last requests with their timing.
const PAGE_STATE = `try {
  const el = document.querySelector('consent-terms'), r = el && el.shadowRoot;
  const root = r && r.querySelector('.ct-root');
  return { ready: document.readyState, element: !!el, shadowRoot: !!r, nodes: r ? r.querySelectorAll('*').length : 0,
    root: root && root.className, phase: root && root.getAttribute('data-phase'),
    error: r && (r.querySelector('[role=alert]') || {}).textContent, pageErrors: window.pageErrors,
    requests: performance.getEntriesByType('resource').slice(-8).map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd)]),
    now: Math.round(performance.now()) };
} catch (e) { return String(e); }`;

export async function waitFor(d, script, what, ms = 15000) {
  for (let t = 0; t < ms; t += 100) {
    if (await d.exec(script)) return true;
    await sleep(100);
  }
  let state;
  try { state = JSON.stringify(await d.exec(PAGE_STATE)); } catch (e) { state = `unknown: ${e.message}`; }
  throw new Error(`timed out waiting for ${what} (page: ${state})`);
}

export async function tabTo(d, id, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if ((await d.exec(FOCUSED)) === id) return true;
    await d.press(KEY.Tab);
  }
  return false;
}

// Reads each agreement (`ids`, in tab order) to its end, ticks the boxes and accepts, by
// keyboard alone; Enter is pressed twice, as an impatient person would. With `organization`,
// the authority box comes between acknowledgement and assent, and accept must stay disabled
// until it is ticked; `ahead` names the agreements whose announced version is accepted too
// (their boxes follow the acknowledgement). Returns the receipts the page collected in window.consentReceipts.
// With `collect: false` (the widget in a frame, the receipts on the page around it) it
// returns once Enter is pressed.
export async function acceptByKeyboard(d, ids, { organization = false, ahead = [], collect = true } = {}) {
  // Prerendered markup shows the tabs before the widget's code runs, and what the person does
  // there is not observed: wait for the widget's own root (WebKit starts it later than the others).
  await waitFor(d, LIVE, 'the widget itself, not only its prerendered markup');
  if (!(await tabTo(d, `ct-tab-${ids[0]}`))) throw new Error(`Tab never reached the tab of ${ids[0]}`);
  for (const [i, id] of ids.entries()) {
    if (i > 0) {
      await d.press(KEY.Shift, KEY.Tab);
      await d.press(KEY.ArrowRight);
    }
    await d.press(KEY.Tab);
    await d.press(KEY.End);
    const read = inWidget(`[data-agreement-id=${id}][data-read=true]`);
    try {
      await waitFor(d, read, `${id} read to its end`, 5000);
    } catch {
      // The end counts when it comes into view within 1.5 s of the key (src/web/reading.rs); on
      // a machine too busy for that, the person sees no tick and presses End again, as here.
      console.log(`note: ${id}: not counted as read 5 s after End; End pressed again`);
      await d.press(KEY.End);
    }
    try {
      await waitFor(d, read, `${id} read to its end`);
    } catch (e) {
      const state = await d.exec(PANEL_STATE);
      throw new Error(`${e.message} (End pressed with ${JSON.stringify(state)})`);
    }
  }
  if (!(await tabTo(d, 'ct-ack'))) throw new Error('Tab never reached the acknowledgement box');
  await d.press(KEY.Space);
  await d.press(KEY.Tab);
  for (const id of ahead) {
    if ((await d.exec(FOCUSED)) !== `ct-ahead-${id}`) throw new Error(`the box to accept ${id} ahead is not next`);
    await d.press(KEY.Space);
    await d.press(KEY.Tab);
  }
  if (organization) {
    // Agree first: accept must still wait for the authority box.
    if ((await d.exec(FOCUSED)) !== 'ct-authority') throw new Error('the authority box is not next');
    await d.press(KEY.Tab);
    await d.press(KEY.Space);
    if (await d.exec(ACCEPT_ENABLED)) throw new Error('accept was enabled before the authority box was ticked');
    await d.press(KEY.Shift, KEY.Tab);
    await d.press(KEY.Space);
    if (!(await d.exec(ACCEPT_ENABLED))) throw new Error('accept stayed disabled with every box ticked');
    await d.press(KEY.Tab);
  } else {
    await d.press(KEY.Space);
  }
  await d.press(KEY.Tab);
  if ((await d.exec(FOCUSED)) !== 'ct-accept') throw new Error('accept button not focused');
  await d.press(KEY.Enter);
  await d.press(KEY.Enter);
  if (!collect) return null;
  await waitFor(d, 'return window.consentReceipts.length > 0', 'a consent-receipt event');
  await sleep(500);
  return d.exec('return window.consentReceipts');
}

export function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}
