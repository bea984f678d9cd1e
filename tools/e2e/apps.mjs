// The npm package in the hosts it is made for, end to end. Each example app (examples/react:
// Vite + React 19 + TypeScript, in StrictMode; examples/vue: Vite + Vue 3 + TypeScript) installs
// the packed package (target/consent-terms-VERSION.tgz) with `npm ci`, is type-checked against
// the package's own declarations (`tsc --noEmit`, `vue-tsc --noEmit`), built with `vite build`
// and served, behind a single-page app's fallback, beside the consent ledger and the host's
// server (tools/preview/host.mjs). In the browser, by key presses alone: the app gets a nonce
// from the host's server, the person accepts, the app posts the receipt and the ledger stores
// it (201); the stored receipt carries that nonce and `consent-terms verify` accepts it. A
// route change unmounts the widget; back on the sign-up route it is mounted again, remembers
// the acceptance, and once this browser's record is cleared asks again and signs a second
// receipt with the new nonce. Then a plain page whose Content-Security-Policy comes as an HTTP
// header with a script nonce: the element's `challenge` still reaches the receipt, and the
// ledger stores it. Also checked: the README's React and Vue sections are these apps' code.
// usage: node tools/e2e/apps.mjs DIST chromium DRIVER BROWSER CONSENT_TERMS_CLI OUT_DIR [react|vue|csp ...]
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { hostApi } from '../preview/host.mjs';
import { Driver, acceptByKeyboard, inWidget, run, sleep, waitFor } from './webdriver.mjs';

const [dist, kind, driverPath, browserPath, cli, out, ...only] = process.argv.slice(2);
const parts = only.length ? only : ['react', 'vue', 'csp'];
mkdirSync(out, { recursive: true });
let failed = 0, passed = 0;
const check = (ok, what) => {
  if (ok) { passed++; console.log(`ok   [${kind}] ${what}`); } else { failed++; console.log(`FAIL [${kind}] ${what}`); }
};
const seconds = {};
const timed = (what, f) => {
  const t = Date.now();
  const r = f();
  seconds[what] = (seconds[what] ?? 0) + (Date.now() - t) / 1000;
  return r;
};
const AGREEMENTS = ['kingsoft-general', 'kingsoft-cdn'];
const version = JSON.parse(readFileSync('src/web/package.json', 'utf8')).version;
const tarball = `target/consent-terms-${version}.tgz`;

// --- the apps: install, type-check, build -------------------------------------------------

// `npm ci` of an app, skipped when its node_modules was installed from the same lock and the
// same packed package. The lock must name the tarball without an integrity: npm would otherwise
// install the copy in its cache, packed from older code, or refuse the rebuilt one.
function install(app) {
  const dir = `examples/${app}`;
  const lock = readFileSync(`${dir}/package-lock.json`);
  const entry = JSON.parse(lock).packages['node_modules/consent-terms'] ?? {};
  const want = `file:../../${tarball}`;
  if (entry.resolved !== want) throw new Error(`${dir}/package-lock.json installs consent-terms from ${entry.resolved}, not ${want}`);
  if (entry.integrity) {
    throw new Error(`${dir}/package-lock.json holds an integrity for the local ${tarball}: npm ci would install `
      + 'an older copy from its cache, or refuse the rebuilt one; delete that "integrity" line (npm install writes it)');
  }
  if (!existsSync(tarball)) throw new Error(`no ${tarball}: bash tools/dev package writes it`);
  const stamp = createHash('sha256').update(lock).update(readFileSync(tarball)).digest('hex');
  const stampFile = `${dir}/node_modules/.consent-terms-stamp`;
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`     [${app}] node_modules up to date with its lock and ${tarball}: npm ci skipped`);
    return true;
  }
  const r = timed(`${app} npm ci`, () => spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, encoding: 'utf8' }));
  check(r.status === 0, `${app}: npm ci installs the app's locked dependencies and ${tarball}${r.status ? `\n${r.stdout}${r.stderr}` : ''}`);
  if (r.status === 0) writeFileSync(stampFile, stamp);
  return r.status === 0;
}

// Type-checks and builds the app; true when there is a build to run.
function typecheckAndBuild(app) {
  const dir = `examples/${app}`;
  const checker = app === 'vue' ? 'vue-tsc' : 'tsc';
  const tc = timed(`${app} ${checker}`, () => spawnSync(`node_modules/.bin/${checker}`, ['--noEmit', '-p', '.'], { cwd: dir, encoding: 'utf8' }));
  check(tc.status === 0, `${app}: \`${checker} --noEmit\` passes against the package's declarations${tc.status ? `\n${tc.stdout}${tc.stderr}` : ''}`);
  rmSync(`${dir}/dist`, { recursive: true, force: true });
  const build = timed(`${app} vite build`, () => spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { cwd: dir, encoding: 'utf8' }));
  check(build.status === 0, `${app}: vite build${build.status ? `\n${build.stdout}${build.stderr}` : ''}`);
  if (build.status !== 0) return false;
  const assets = readdirSync(`${dir}/dist/assets`);
  check(assets.some((f) => f.endsWith('.wasm')) && assets.some((f) => /^agreements.*\.json$/.test(f)),
    `${app}: the build emits the widget's wasm and the agreements bundle with the app's assets (${assets.join(', ')})`);
  if (app === 'react') {
    // React's development build, where StrictMode runs every effect twice (mount, unmount, mount).
    rmSync(`${dir}/dist-dev`, { recursive: true, force: true });
    const dev = timed(`${app} vite build (development)`, () => spawnSync('node_modules/.bin/vite',
      ['build', '--mode', 'development', '--outDir', 'dist-dev', '--logLevel', 'warn'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } }));
    const js = dev.status === 0 ? readdirSync(`${dir}/dist-dev/assets`).filter((f) => f.endsWith('.js')) : [];
    check(dev.status === 0 && js.some((f) => /strict mode/.test(readFileSync(`${dir}/dist-dev/assets/${f}`, 'utf8'))),
      `${app}: vite build of React's development build, whose StrictMode runs effects twice${dev.status ? `\n${dev.stdout}${dev.stderr}` : ''}`);
  }
  // A failed type check is reported above; the built app still runs, to show what else holds.
  return true;
}

// --- the servers: the ledger, the host's server, each page ---------------------------------

const work = mkdtempSync(join(tmpdir(), 'consent-terms-apps-'));
const token = randomBytes(24).toString('hex');
writeFileSync(join(work, 'token'), token);
const ledger = spawn(cli, ['serve', '--agreements', 'agreements', '--db', `sqlite://${join(work, 'consents.db')}`,
  '--listen', '127.0.0.1:0', '--token-file', join(work, 'token'), '--ledger-key', join(work, 'ledger-key.jwk')],
{ stdio: ['ignore', 'pipe', 'inherit'] });
const ledgerUrl = await new Promise((resolve, reject) => {
  let seen = '';
  ledger.stdout.on('data', (chunk) => {
    seen += chunk;
    const m = /listening on (\S+)/.exec(seen);
    if (m) resolve(`http://${m[1]}`);
  });
  ledger.on('exit', (code) => reject(new Error(`the ledger exited (${code}) before listening`)));
  setTimeout(() => reject(new Error('the ledger did not start within 60 s')), 60000);
});
const askLedger = (path, init = {}) => fetch(ledgerUrl + path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
const stored = async () => (await (await askLedger('/v1/export?since=0')).text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

// The host's server (its /api/ answers) in front of a built app, with a single-page app's
// fallback: any other path that is not a file answers index.html, as hosts of such apps do.
// The nonces it hands out are noted, to check the receipts against.
const issued = [];
function hostFor(root) {
  const api = hostApi(ledgerUrl, token);
  return async (req, res) => {
    if (req.method === 'POST' && req.url === '/api/signup') {
      const end = res.end.bind(res);
      res.end = (text, ...rest) => {
        try { const b = JSON.parse(text); if (b.nonce) issued.push(b.nonce); } catch { /* an error answer */ }
        return end(text, ...rest);
      };
    }
    if (await api(req, res)) return true;
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'GET' && !existsSync(join(root, path))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(readFileSync(join(root, 'index.html')));
      return true;
    }
    return false;
  };
}

const record = (jws) => JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8'));
const text = (d, id) => d.exec(`const e = document.getElementById(${JSON.stringify(id)}); return e ? e.textContent : null;`);

// The receipt stored since `before` entries: exactly one, carrying a nonce the host's server
// issued for this sign-up (`mine`: in React's development build StrictMode asks twice and
// cancels the first), verified by the CLI with that nonce.
async function checkStored(label, before, mine, origin, file) {
  const entries = (await stored()).slice(before);
  check(entries.length === 1, `${label}: the ledger stored exactly one receipt for the acceptance (${entries.length})`);
  if (entries.length === 0) return;
  const jws = entries.at(-1).receipt;
  writeFileSync(file, jws);
  const { nonce } = record(jws);
  check(typeof nonce === 'string' && nonce.length >= 16 && mine.includes(nonce),
    `${label}: the stored receipt carries the nonce the host's server issued for this sign-up (${JSON.stringify(nonce)}; issued ${mine.join(', ')})`);
  const verified = run(cli, ['verify', file, '--agreements', 'agreements', '--nonce', nonce ?? '', '--audience', origin, '--max-age', '600']);
  check(verified.code === 0, `${label}: consent-terms verify --nonce accepts it${verified.code ? `: ${verified.output}` : ''}`);
}

// Accepts by keyboard on the page `d` shows and waits for the page to say what the host's
// server answered when it posted the receipt.
async function acceptAndPost(d, label) {
  await acceptByKeyboard(d, AGREEMENTS, { collect: false });
  await waitFor(d, `return !!document.getElementById('receipt-status').textContent;`, `${label}: the receipt posted`);
  // A second receipt (Enter pressed twice, a listener left behind) would be posted and refused.
  await sleep(1000);
  const status = await text(d, 'receipt-status');
  check(/^Receipt stored \(201\)/.test(status), `${label}: accepted by key presses, the app posted the receipt and the ledger stored it: ${status}`);
}

async function app(d, name, build, label) {
  const root = `examples/${name}/${build}`;
  const server = await serve(root, () => ({}), hostFor(root));
  const origin = server.url.replace(/\/$/, '');
  try {
    const t = Date.now();
    let mark = issued.length;
    await d.go(`${server.url}?subject=${encodeURIComponent(`${name}-${randomBytes(4).toString('hex')}@example.com`)}`);
    await waitFor(d, inWidget('[role=tab]'), `${label}: the widget`);
    let before = (await stored()).length;
    check((await d.exec(`return document.querySelector('consent-terms').getAttribute('bundle');`)).startsWith('/assets/agreements'),
      `${label}: the widget's bundle is the package's agreements.json, as the build emitted it`);
    await acceptAndPost(d, label);
    await checkStored(label, before, issued.slice(mark), origin, `${out}/receipt-${name}-${build}.jws`);

    // Another route unmounts the widget; back on the sign-up route, a new one is mounted.
    await d.exec(`document.querySelector('nav a[href="/plans"]').click();`);
    await waitFor(d, `return location.pathname === '/plans' && !document.querySelector('consent-terms');`, `${label}: the widget unmounted by the route change`);
    check(true, `${label}: a route change unmounts the widget`);
    await d.exec(`document.querySelector('nav a[href="/"]').click();`);
    await waitFor(d, inWidget('[data-phase=already-accepted]'), `${label}: the remounted widget`);
    check(true, `${label}: back on the sign-up route the widget is mounted again and remembers the acceptance`);

    // This browser's record cleared: the remounted widget asks again, with the new nonce.
    await d.exec(`localStorage.clear(); document.querySelector('nav a[href="/plans"]').click();`);
    await waitFor(d, `return !document.querySelector('consent-terms');`, `${label}: the widget unmounted again`);
    mark = issued.length;
    await d.exec(`document.querySelector('nav a[href="/"]').click();`);
    await waitFor(d, inWidget('#ct-accept'), `${label}: the widget asking again`);
    check(issued.length > mark, `${label}: the remounted sign-up got a new nonce from the host's server`);
    before = (await stored()).length;
    await acceptAndPost(d, `${label} after the remount`);
    await checkStored(`${label} after the remount`, before, issued.slice(mark), origin, `${out}/receipt-${name}-${build}-remounted.jws`);
    const error = await text(d, 'terms-error');
    check(error === '', `${label}: no consent-error reached the app${error ? `: ${error}` : ''}`);
    seconds[`${name} ${build} in ${kind}`] = (Date.now() - t) / 1000;
  } finally {
    server.close();
  }
}

// --- a plain page under a Content-Security-Policy header --------------------------------

// The host's server writes the page for one sign-up: a nonce from the ledger in the element's
// `challenge` (or `attr`: the deprecated `nonce`, which the browser hides from the attribute
// under such a policy), and a fresh script nonce in the policy it sends as a header.
function cspPage(attr, challenge, scriptNonce, subject) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sign up under a Content-Security-Policy header</title>
  <script nonce="${scriptNonce}">
    window.pageErrors = [];
    addEventListener('error', (e) => pageErrors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));
    document.addEventListener('securitypolicyviolation', (e) => pageErrors.push('blocked by ' + e.violatedDirective + ': ' + e.blockedURI));
  </script>
  <script type="module" nonce="${scriptNonce}">
    import init from '/consent-terms-widget.js';
    init();
    document.querySelector('consent-terms').addEventListener('consent-receipt', async (e) => {
      const r = await fetch('/api/receipts', { method: 'POST', headers: { 'content-type': 'application/jose' }, body: e.detail.jws });
      const body = await r.json();
      document.getElementById('receipt-status').textContent = r.status === 201
        ? 'Receipt stored (201), seq ' + body.seq : 'Receipt refused (' + r.status + ' ' + body.code + '): ' + body.message;
    });
    document.querySelector('consent-terms').addEventListener('consent-error', (e) => {
      document.getElementById('terms-error').textContent = e.detail.code + ': ' + e.detail.message;
    });
  </script>
</head>
<body>
  <h1>Create your account</h1>
  <consent-terms provider="kingsoft" products="cdn" subject="${subject}" ${attr}="${challenge}"
                 bundle="/agreements.json"></consent-terms>
  <p role="status" id="receipt-status"></p>
  <p role="alert" id="terms-error"></p>
</body>
</html>`;
}

async function csp(d, attr) {
  const policy = (n) => `default-src 'self'; script-src 'nonce-${n}' 'strict-dynamic' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'`;
  let origin = '';
  const subject = `csp-${attr}-${randomBytes(4).toString('hex')}@example.com`;
  const api = hostApi(ledgerUrl, token);
  const server = await serve(dist, () => ({}), async (req, res) => {
    if (await api(req, res)) return true;
    if (req.method !== 'GET' || new URL(req.url, 'http://x').pathname !== '/signup') return false;
    const answer = await askLedger('/v1/nonces', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject, audience: origin, provider: 'kingsoft', products: ['cdn'] }) });
    const { nonce } = await answer.json();
    issued.push(nonce);
    const scriptNonce = randomBytes(16).toString('base64');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy(scriptNonce), 'cache-control': 'no-store' });
    res.end(cspPage(attr, nonce, scriptNonce, subject));
    return true;
  });
  origin = server.url.replace(/\/$/, '');
  const label = attr === 'challenge' ? 'a page under a CSP header' : 'a page under a CSP header, with the deprecated `nonce` attribute';
  try {
    const t = Date.now();
    await d.go(`${server.url}signup`);
    await waitFor(d, inWidget('[role=tab]'), `${label}: the widget`);
    const mark = issued.length - 1;
    const nonce = issued[mark];
    if (attr === 'challenge') {
      const seen = await d.exec(`return document.querySelector('consent-terms').getAttribute('challenge');`);
      check(seen === nonce, `${label}: \`challenge\` stays readable on the connected element (${seen})`);
    } else {
      const seen = await d.exec(`return document.querySelector('consent-terms').getAttribute('nonce');`);
      check(seen === '', `${label}: the browser hides the \`nonce\` attribute of the connected element (${JSON.stringify(seen)})`);
    }
    const before = (await stored()).length;
    await acceptAndPost(d, label);
    await checkStored(label, before, issued.slice(mark), origin, `${out}/receipt-${kind}-csp-header-${attr}.jws`);
    const errors = await d.exec('return window.pageErrors;');
    check(errors.length === 0, `${label}: the policy blocked nothing and nothing went uncaught (${JSON.stringify(errors)})`);
    seconds[`csp page (${attr}) in ${kind}`] = (Date.now() - t) / 1000;
  } finally {
    server.close();
  }
}

// --- the README's React and Vue sections are the apps' code -------------------------------

function readmeSections() {
  const readme = readFileSync('README.md', 'utf8');
  for (const [app, file, lang] of [['react', 'src/Terms.tsx', 'tsx'], ['vue', 'src/Terms.vue', 'vue']]) {
    if (!parts.includes(app)) continue;
    const code = readFileSync(`examples/${app}/${file}`, 'utf8');
    check(readme.includes('```' + lang + '\n' + code + '```'), `the README's ${app === 'react' ? 'React' : 'Vue'} section is examples/${app}/${file}`);
  }
}

let d;
try {
  readmeSections();
  const apps = parts.filter((p) => p === 'react' || p === 'vue');
  const ready = apps.filter((a) => install(a) && typecheckAndBuild(a));
  d = await Driver.start(kind, driverPath, browserPath);
  for (const a of ready) {
    if (a === 'react') {
      await app(d, a, 'dist', 'React 19 app (StrictMode)');
      await app(d, a, 'dist-dev', 'React 19 app, development build (StrictMode runs effects twice)');
    } else {
      await app(d, a, 'dist', 'Vue 3 app');
    }
  }
  if (parts.includes('csp')) {
    await csp(d, 'challenge');
    await csp(d, 'nonce');
  }
} catch (e) {
  check(false, `run: ${e.stack ?? e.message}`);
} finally {
  if (d) await d.quit();
  ledger.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`     time: ${Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
console.log(`framework apps and CSP header (${kind}): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
