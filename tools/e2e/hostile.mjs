// The attack suite: a hostile host page for each mode (tools/e2e/pages/), whose own script
// tries each attack SECURITY.md names against the widget, while the person acts by real key
// presses (WebDriver). Each attack must end with no receipt, or with a receipt for exactly the
// published text the person was shown, or with one `consent-terms verify` refuses.
//
// Plain mode: a declarative shadow root in the prerendered text, attachShadow on the text once
// shown, an inserted span, a hidden highlight, a word edited under a lying crypto.subtle.digest,
// the text made transparent by the theme's properties or an adopted sheet, a signature that is
// none, script scrolling, synthetic clicks and keys; and reading each agreement from its start after
// a tab switch. Isolated mode: every event handler attribute and `style` sent to the frame, a
// third origin framing it, and the requirements switched off by the host page.
// usage: node tools/e2e/hostile.mjs DIST chromium|firefox|webkit DRIVER BROWSER OUT_DIR CLI
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { frameHeaders, serve } from './serve.mjs';
import { injectFrameAttributes } from './attacks.mjs';
import { Driver, KEY, acceptByKeyboard, inWidget, run, sleep, tabTo, waitFor } from './webdriver.mjs';

const [dist, kind, driverPath, browserPath, out, cli] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};

const PAGES = new URL('./pages/', import.meta.url).pathname;
const WORDS = 'You waive every right to a refund.';
const prerender = spawnSync(cli, ['prerender', '--provider', 'kingsoft', '--products', 'cdn', '--lang', 'en',
  '--mode', 'checkbox', '--stylesheet', '/consent-terms.css', 'agreements', 'www/samples'], { encoding: 'utf8' });
if (prerender.status !== 0) throw new Error(`consent-terms prerender failed: ${prerender.stderr}`);
// The prerendered markup with a declarative shadow root in the first clause: markup only, so no
// script policy stops it.
const withTemplate = (markup) => {
  const clause = markup.indexOf('class="ct-clause"');
  const end = markup.indexOf('>', clause) + 1;
  return `${markup.slice(0, end)}<template shadowrootmode="open"><b>${WORDS}</b></template>${markup.slice(end)}`;
};
const pages = async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (type, body) => { res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }); res.end(body); };
  // Each attack signs up a subject of its own: an acceptance is remembered on its origin.
  const page = (name) => readFileSync(`${PAGES}${name}`, 'utf8').replace('subject="victim"', `subject="victim-${url.searchParams.get('attack')}"`);
  if (url.pathname === '/hostile/hostile.js') send('text/javascript', readFileSync(`${PAGES}hostile.js`));
  else if (url.pathname === '/hostile-isolated.html') send('text/html; charset=utf-8', page('hostile-isolated.html'));
  else if (url.pathname === '/hostile.html') {
    const markup = url.searchParams.get('attack') === 'declarative-shadow' ? withTemplate(prerender.stdout) : prerender.stdout;
    send('text/html; charset=utf-8', page('hostile.html').replace('<!-- prerendered -->', markup));
  } else return false;
  return true;
};

const hostServer = await serve(dist, () => ({}), pages);
const host = hostServer.url.replace(/\/$/, '');
const termsServer = await serve(dist, frameHeaders(() => [host]));
const terms = termsServer.url.replace(/\/$/, '');
const thirdServer = await serve(dist);
const third = thirdServer.url.replace(/\/$/, '');
const IDS = ['kingsoft-general', 'kingsoft-cdn'];
const HOME = '\uE011';
const IFRAME = `return document.querySelector('consent-terms-frame').shadowRoot.querySelector('iframe');`;
const verifyHelp = run(cli, ['verify', '--help']).output;
const hasPolicyFlags = verifyHelp.includes('--require-read') && verifyHelp.includes('--require-ack');

let d;
const events = (name) => d.exec(`return window.consentEvents.filter((e) => e.name === ${JSON.stringify(name)}).map((e) => e.detail);`);
const codes = async () => (await events('consent-error')).map((e) => e.code);
const ready = () => waitFor(d, `return window.consentEvents.some((e) => e.name === 'consent-ready');`, 'consent-ready');
const attacked = () => waitFor(d, 'return window.attack.done;', 'the attack');
// The person reads, ticks and accepts by keyboard; what the page then holds.
async function personAccepts(mode) {
  let stopped = null;
  try {
    await acceptByKeyboard(d, IDS, { collect: false });
  } catch (e) {
    stopped = e.message;
  }
  if (mode === 'plain') await sleep(1500);
  return { stopped, receipts: await d.exec('return window.consentReceipts;') };
}
const verify = (receipt, name, extra = []) => {
  const file = `${out}/receipt-hostile-${name}-${kind}.jws`;
  writeFileSync(file, receipt.jws);
  return run(cli, ['verify', file, '--agreements', 'agreements', '--nonce', receipt.record.nonce, '--audience', host,
    '--max-age', '600', '--provider', 'kingsoft', '--products', 'cdn', ...extra]);
};
const shadowHosts = `const r = document.querySelector('consent-terms').shadowRoot;
  return [...r.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.localName + '.' + e.className);`;

try {
  d = await Driver.start(kind, driverPath, browserPath);
  const plain = (attack) => d.go(`${host}/hostile.html?attack=${attack}`);

  // 1. A declarative shadow root inside a prerendered clause.
  await plain('declarative-shadow');
  await ready();
  await waitFor(d, inWidget('section.ct-root article .ct-clause'), 'the widget in place of the prerendered text');
  await sleep(500);
  const dsd = { codes: await codes(), hosts: await d.exec(shadowHosts) };
  check(dsd.codes.includes('prerender-mismatch') && dsd.hosts.length === 0,
    `declarative shadow root in a prerendered clause: prerender-mismatch, the text written again with no shadow root (${JSON.stringify(dsd)})`);
  const dsdAccept = await personAccepts('plain');
  const dsdVerified = dsdAccept.receipts.length === 1 ? verify(dsdAccept.receipts[0], 'declarative-shadow') : { code: null };
  check(dsdVerified.code === 0, `  and what the person then accepts is the published text, shown without it (verify exit ${dsdVerified.code})`);

  // 2. attachShadow on the text once shown.
  await plain('attach-shadow');
  await ready();
  await attacked();
  const tried = await d.exec('return window.attack.tried;');
  const attach = await personAccepts('plain');
  const refusedAll = tried.length === 4 && tried.every((t) => /refused \(NotSupportedError\)/.test(t));
  check(refusedAll || attach.receipts.length === 0,
    `attachShadow on a clause, the text, the article and the panel once shown: refused by the browser (${tried.join('; ')})`);
  const attachVerified = attach.receipts.length === 1 ? verify(attach.receipts[0], 'attach-shadow') : { code: null };
  check(refusedAll && attachVerified.code === 0 && (await codes()).length === 0,
    `  so the person read and accepted the published text, unchanged (verify exit ${attachVerified.code})`);

  // 3-5. Text changed once shown: an inserted span, a hidden highlight, a word edited while the
  // page's digest lies. Each is reported, and the person's keyboard acceptance signs nothing.
  for (const attack of ['inserted-span', 'display-none', 'lying-digest', 'theme-transparent', 'adopted-sheet']) {
    await plain(attack);
    await ready();
    await attacked();
    const result = await personAccepts('plain');
    const seen = await codes();
    check(result.receipts.length === 0 && seen.includes('rendered-mismatch'),
      `${attack}: rendered-mismatch and no receipt after a keyboard acceptance (${result.receipts.length} receipts${result.stopped ? `; ${result.stopped}` : ''})`);
  }

  // A signature that is none (a replaced crypto.subtle.sign): signing-failed, no receipt.
  await plain('broken-sign');
  await ready();
  const broken = await personAccepts('plain');
  const brokenCodes = await codes();
  check(broken.receipts.length === 0 && brokenCodes.includes('signing-failed'),
    `broken-sign: a three-byte signature is signing-failed, no receipt (${broken.receipts.length} receipts; ${brokenCodes.join(', ')})`);

  // 6. Script scrolling: no agreement counts as read.
  await plain('script-scroll');
  await ready();
  await attacked();
  await sleep(800);
  check(!(await d.exec(inWidget('[role=tab][data-read=true]'))), 'script-scroll: each panel scrolled to its end by script, none counts as read');

  // 7. Synthetic clicks and keys: nothing ticked, nothing accepted.
  await plain('synthetic-clicks');
  await ready();
  await attacked();
  await sleep(1000);
  const flow = await d.exec(`const r = document.querySelector('consent-terms').shadowRoot;
    return { phase: r.querySelector('.ct-root').dataset.phase, accept: r.querySelector('#ct-accept').getAttribute('aria-disabled'),
      shownTicked: ['#ct-ack', '#ct-assent'].filter((s) => r.querySelector(s).checked), receipts: window.consentReceipts.length };`);
  check(flow.phase === 'open' && flow.accept === 'true' && flow.receipts === 0,
    `synthetic-clicks: script clicks, pointer and key events acknowledge, agree and accept nothing (${JSON.stringify(flow)})`);
  if (flow.shownTicked.length) console.log(`note [${kind}] a script's non-cancelable click event leaves ${flow.shownTicked.join(' ')} drawn ticked while the flow counts it unticked`);

  // 8. Each agreement is read from its start: after a tab switch the panel is at its top, and a
  // key press that scrolls nothing does not count, even with the end in view.
  await plain('none');
  await ready();
  if (!(await tabTo(d, 'ct-tab-kingsoft-general'))) throw new Error('Tab never reached the first tab');
  await d.press(KEY.Tab);
  await d.press(KEY.End);
  await waitFor(d, inWidget('[data-agreement-id=kingsoft-general][data-read=true]'), 'the first agreement read by keyboard');
  await d.press(KEY.Shift, KEY.Tab);
  await d.press(KEY.ArrowRight);
  await sleep(500);
  const PANEL = `const p = document.querySelector('consent-terms').shadowRoot.querySelector('.ct-panel');`;
  const afterSwitch = await d.exec(`${PANEL} return { top: p.scrollTop, shown: p.querySelector('article').dataset.agreementId };`);
  check(afterSwitch.shown === 'kingsoft-cdn' && afterSwitch.top === 0, `a tab switch shows the next agreement from its beginning (scrollTop ${afterSwitch.top})`);
  // Where the previous agreement left the panel: at its end.
  await d.exec(`${PANEL} p.scrollTop = p.scrollHeight;`);
  await sleep(300);
  await d.press(KEY.Tab);
  await d.press(KEY.End);
  await sleep(2000);
  check(!(await d.exec(inWidget('[data-agreement-id=kingsoft-cdn][data-read=true]'))),
    'End pressed with the panel already at its end (nothing scrolls): not read');
  // That End scrolled the page instead (the panel could not move): the person brings the
  // panel back on screen, since an end off the screen is not in view.
  await d.exec(`${PANEL} p.scrollIntoView({ block: 'nearest' });`);
  await sleep(300);
  await d.press(HOME);
  await sleep(300);
  await d.press(KEY.End);
  let read = true;
  try {
    await waitFor(d, inWidget('[data-agreement-id=kingsoft-cdn][data-read=true]'), 'the CDN agreement read', 5000);
  } catch {
    read = false;
  }
  check(read, 'Home then End, moving the panel through the text to its end: read');

  // 9. Isolated mode: every event handler attribute and a transition's style sent to the frame.
  const isolated = (attack) => d.go(`${host}/hostile-isolated.html?attack=${attack}&frame=${encodeURIComponent(`${terms}/frame.html`)}`);
  await isolated('frame-attributes');
  await ready();
  const injected = await injectFrameAttributes(d, terms, IFRAME);
  const refused = new Set(injected.heard.refused);
  const missing = injected.names.filter((n) => !refused.has(n));
  const applied = (injected.inFrame.attributes || []).filter((n) => /^on|^style$/.test(n));
  check(missing.length === 0 && injected.inFrame.attributes && applied.length === 0 && injected.heard.pwned.length === 0 && !injected.inFrame.pwned,
    `frame attributes: ${injected.names.length} on…/style/javascript: attributes refused and reported, none set, no code ran in the frame${missing.length ? `; not reported: ${missing.join(' ')}` : ''}`);

  // 10. A third origin framing frame.html under its own name: refused by frame-ancestors.
  await d.go(`${third}/help.html`);
  await d.exec(`
    window.fromFrame = [];
    addEventListener('message', (e) => window.fromFrame.push(e.data && e.data.type));
    const f = document.createElement('iframe');
    f.src = ${JSON.stringify(`${terms}/frame.html?origin=${encodeURIComponent(third)}`)};
    f.onload = () => f.contentWindow.postMessage({ type: 'consent-terms:attributes', attributes: { provider: 'kingsoft', products: 'cdn' } }, '*');
    document.body.append(f);`);
  await sleep(3000);
  const fromFrame = await d.exec('return window.fromFrame;');
  check(fromFrame.length === 0, `third origin: frame.html?origin=<itself> is not loaded there, nothing is said or signed (${JSON.stringify(fromFrame)})`);

  // 11. The host page switches the requirements off: one Enter accepts, and the receipt says
  // so; a backend whose sign-up requires reading and acknowledgement refuses it.
  await isolated('weakened');
  await ready();
  await d.frame(IFRAME);
  await waitFor(d, inWidget('#ct-accept'), 'the accept button in the frame');
  if (!(await tabTo(d, 'ct-accept'))) throw new Error('Tab never reached the accept button');
  await d.press(KEY.Enter);
  await d.top();
  await waitFor(d, 'return window.consentReceipts.length > 0', 'a consent-receipt on the host page');
  const weak = (await d.exec('return window.consentReceipts;'))[0];
  check(weak.record.required.read_to_end === false && weak.record.required.acknowledge_highlights === false && weak.record.assent.mode === 'button',
    `weakened: the receipt says what the page required (${JSON.stringify(weak.record.required)}, ${weak.record.assent.mode})`);
  if (hasPolicyFlags) {
    const strict = verify(weak, 'weakened', ['--require-read', '--require-ack']);
    check(strict.code !== 0, `  consent-terms verify --require-read --require-ack refuses it (exit ${strict.code}: ${strict.output.slice(0, 120)})`);
  } else {
    console.log(`note [${kind}] consent-terms verify has no --require-read/--require-ack: the policy refusal is not asserted`);
  }
} catch (e) {
  check(false, `run: ${e.message}`);
} finally {
  if (d) await d.quit();
  hostServer.close();
  termsServer.close();
  thirdServer.close();
}
console.log(`attack suite [${kind}]: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
