// The npm package's declarations against the docs: every host example of the README and
// docs/embedding.md (the
// scripts of its ```html blocks and its ```js blocks that use the widget) is type-checked
// with `tsc` against `consent-terms.d.ts`, so the documented contract and the shipped one
// cannot drift. A deliberately wrong example must fail, or the check itself is broken. Then
// the package's framework declarations, as an app installs them (`consent-terms/react` and
// `consent-terms/vue` through the package's `exports`): a React 19 `.tsx` using the element
// with `challenge` and its events, and Vue's `GlobalComponents` entry as `vue-tsc` reads a
// template's props and events, against the frameworks' own types (tools/package/package.json);
// wrong uses must fail.
// usage: node tools/package/check.mjs PACKAGE_DIR WORK_DIR
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [pkg, work] = process.argv.slice(2).map((p) => resolve(p));
// The README's examples and those of docs/embedding.md, where the rest of the embedding guide is.
const readme = ['README.md', 'docs/embedding.md'].map((f) => readFileSync(f, 'utf8')).join('\n');
const examples = [];
for (const [, lang, body] of readme.matchAll(/^ *```(\w+)\n([\s\S]*?)^ *```$/gm)) {
  if (lang === 'html') {
    for (const [, script] of body.matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)) examples.push(script);
  } else if (lang === 'js' && /consent-terms|consent-/.test(body)) {
    examples.push(body);
  }
}
if (examples.length < 4) throw new Error(`only ${examples.length} host examples found in the README`);

rmSync(work, { recursive: true, force: true });
mkdirSync(`${work}/examples`, { recursive: true });
// Each example is a module of its own (`export {}`), as each script on a page is its own scope.
examples.forEach((code, i) => writeFileSync(`${work}/examples/readme-${i + 1}.js`, `${code}\nexport {};\n`));
const tsconfig = (include) => JSON.stringify({
  compilerOptions: {
    allowJs: true, checkJs: true, noEmit: true, target: 'es2022', module: 'esnext',
    moduleResolution: 'bundler', lib: ['dom', 'es2022'], types: [], skipLibCheck: false,
    // Host examples are plain JavaScript: a missing element is the page's concern, not a type error.
    strict: false,
    // Whatever path a host serves the module from, its types are the package's.
    paths: { '*consent-terms-widget.js': [`${pkg}/consent-terms.d.ts`] },
  },
  include,
});
const tsc = resolve('tools/node_modules/.bin/tsc');
const run = () => spawnSync(tsc, ['-p', work], { encoding: 'utf8' });

writeFileSync(`${work}/tsconfig.json`, tsconfig(['examples/*.js']));
const good = run();
if (good.status !== 0) {
  console.log(`${good.stdout}${good.stderr}`);
  console.log(`FAIL the README's ${examples.length} host examples do not type-check against ${pkg}/consent-terms.d.ts`);
  process.exit(1);
}
console.log(`ok   the README's ${examples.length} host examples type-check against consent-terms.d.ts (tsc ${spawnSync(tsc, ['--version'], { encoding: 'utf8' }).stdout.trim()})`);

// The check must be able to fail: a misspelt detail member and an unknown option.
writeFileSync(`${work}/examples/wrong.js`, `import { mount } from '/x/consent-terms-widget.js';
document.querySelector('consent-terms').addEventListener('consent-change', (e) => e.detail.phsae);
mount(document.body, { provider: 'kingsoft', colour: 'blue' });
export {};
`);
const bad = run();
const caught = bad.status !== 0 && /phsae/.test(bad.stdout) && /colour/.test(bad.stdout);
console.log(`${caught ? 'ok  ' : 'FAIL'} a wrong detail member and an unknown option are type errors`);
if (!caught) process.exit(1);

// --- the framework declarations ------------------------------------------------------------
const here = dirname(fileURLToPath(import.meta.url));
const installed = `${here}/node_modules/.package-lock.json`;
if (!existsSync(installed) || statSync(`${here}/package-lock.json`).mtimeMs > statSync(installed).mtimeMs) {
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: here, encoding: 'utf8' });
  if (ci.status !== 0) {
    console.log(`${ci.stdout}${ci.stderr}FAIL npm ci in tools/package (React's and Vue's types)`);
    process.exit(1);
  }
}
const app = `${work}/app`;
mkdirSync(`${app}/node_modules/@types`, { recursive: true });
// The package as installed (its declarations and manifest), the frameworks' types beside it.
mkdirSync(`${app}/node_modules/consent-terms`);
for (const f of ['package.json', 'consent-terms.d.ts', 'consent-terms-react.d.ts', 'consent-terms-vue.d.ts']) {
  cpSync(`${pkg}/${f}`, `${app}/node_modules/consent-terms/${f}`);
}
symlinkSync(`${here}/node_modules/@types/react`, `${app}/node_modules/@types/react`);
symlinkSync(`${here}/node_modules/vue`, `${app}/node_modules/vue`);
writeFileSync(`${app}/tsconfig.json`, JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
    jsx: 'react-jsx', lib: ['dom', 'es2022'], types: [], skipLibCheck: false,
  },
  include: ['*.tsx', '*.ts'],
}));
// A sign-up page in React 19: the server's nonce as `challenge`, a listener prop per event.
writeFileSync(`${app}/signup.tsx`, `/// <reference types="consent-terms/react" />
import { useRef, useState } from 'react';
import type { ConsentTermsElement, ReceiptDetail } from 'consent-terms';

export function SignUp({ nonce, send }: { nonce: string; send: (r: ReceiptDetail) => void }) {
  const ref = useRef<ConsentTermsElement>(null);
  const [canAccept, setCanAccept] = useState(false);
  return (
    <form data-ready={canAccept}>
      <consent-terms ref={ref} provider="kingsoft" products="cdn" lang="zh-CN" challenge={nonce}
        subject="user-4711" require-scroll="true" require-acknowledgement="off" mode="button"
        bundle="/agreements.json" status-url="/api/consent/status" organization="Example Ltd"
        organization-id="91110000" help-url="/help" help-email="legal@example.com"
        integrity="sha256-AAAA" post-message-origin="https://console.example.com"
        className="terms" style={{ display: 'block' }}
        onconsent-ready={(e) => console.log(e.detail.lang, e.detail.agreements[0].hash)}
        onconsent-change={(e) => setCanAccept(e.detail.canAccept)}
        onconsent-receipt={(e) => send(e.detail)}
        onconsent-copy={(e) => e.detail.html.length}
        onconsent-declined={(e) => e.detail.declinedAt}
        onconsent-question={(e) => e.detail.opened}
        onconsent-error={(e) => console.warn(e.detail.code, e.detail.severity)} />
      <consent-terms-frame src="https://terms.example.com/frame.html" provider="kingsoft" challenge={nonce}
        onconsent-receipt={(e) => send(e.detail)} />
    </form>
  );
}
export const property = (el: ConsentTermsElement, nonce: string) => { el.challenge = nonce; return el.challenge?.length; };
`);
// What vue-tsc checks a template's <consent-terms …> against: the GlobalComponents entry's
// $props (attributes, listener props) and $emit (the events of \`@consent-receipt\`).
writeFileSync(`${app}/vue.ts`, `import type {} from 'consent-terms/vue';
import type { GlobalComponents } from 'vue';
type Terms = InstanceType<GlobalComponents['consent-terms']>;
export const props: Terms['$props'] = {
  provider: 'kingsoft', products: 'cdn', challenge: 'n-1', 'require-scroll': 'false', mode: 'checkbox',
  class: 'terms', onConsentReceipt: (e) => e.detail.jws, onConsentChange: (e) => e.detail.canAccept,
  onConsentError: (e) => e.detail.code,
};
export const emit = (t: Terms) => t.$emit('consent-ready', new CustomEvent('consent-ready', {
  detail: { provider: 'kingsoft', products: [], lang: 'en', agreements: [] } }));
export const frame: InstanceType<GlobalComponents['consent-terms-frame']>['$props'] = { src: '/frame.html', provider: 'kingsoft', challenge: 'n-1' };
`);
const tsc2 = () => spawnSync(tsc, ['-p', '.'], { cwd: app, encoding: 'utf8' });
const fine = tsc2();
if (fine.status !== 0) {
  console.log(`${fine.stdout}${fine.stderr}`);
  console.log('FAIL a React 19 .tsx and Vue\'s GlobalComponents do not type-check against consent-terms/react and consent-terms/vue');
  process.exit(1);
}
const react = JSON.parse(readFileSync(`${here}/node_modules/@types/react/package.json`, 'utf8')).version;
const vue = JSON.parse(readFileSync(`${here}/node_modules/vue/package.json`, 'utf8')).version;
console.log(`ok   a React 19 .tsx (@types/react ${react}) using <consent-terms challenge={…}> and its events, and Vue ${vue}'s GlobalComponents, type-check against the package's declarations`);

// Each wrong use must be its own error: a misspelt attribute, a boolean flag (React would
// drop the attribute), a missing provider, a wrong detail member; in Vue the same.
writeFileSync(`${app}/wrong.tsx`, `/// <reference types="consent-terms/react" />
export const a = <consent-terms provder="kingsoft" />;
export const b = <consent-terms provider="kingsoft" require-scroll={false} />;
export const c = <consent-terms products="cdn" />;
export const d = <consent-terms provider="kingsoft" onconsent-receipt={(e) => e.detail.jwz} />;
`);
writeFileSync(`${app}/wrong-vue.ts`, `import type {} from 'consent-terms/vue';
import type { GlobalComponents } from 'vue';
type P = InstanceType<GlobalComponents['consent-terms']>['$props'];
export const e: P = { provider: 'kingsoft', colour: 'blue' };
export const f: P = { provider: 'kingsoft', onConsentReceipt: (e) => e.detail.thumbprint };
`);
const wrong = tsc2();
const out = wrong.stdout;
const errorsIn = (file) => out.split('\n').filter((l) => l.startsWith(`${file}(`)).map((l) => Number(l.slice(file.length + 1).split(',')[0]));
const lines = errorsIn('wrong.tsx');
const vueLines = errorsIn('wrong-vue.ts');
const each = [2, 3, 4, 5].every((l) => lines.includes(l)) && [4, 5].every((l) => vueLines.includes(l))
  && /provder/.test(out) && /jwz/.test(out) && /colour/.test(out) && /thumbprint/.test(out);
if (!each) console.log(out);
console.log(`${each ? 'ok  ' : 'FAIL'} a misspelt attribute, a boolean flag, a missing provider and a wrong detail member are type errors in JSX; an unknown attribute and a wrong detail member in Vue`);
process.exit(each ? 0 : 1);
