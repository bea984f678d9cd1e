// The npm package's declarations against the README: every host example of the README (the
// scripts of its ```html blocks and its ```js blocks that use the widget) is type-checked
// with `tsc` against `consent-terms.d.ts`, so the documented contract and the shipped one
// cannot drift. A deliberately wrong example must fail, or the check itself is broken.
// usage: node tools/package/check.mjs PACKAGE_DIR WORK_DIR
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const [pkg, work] = process.argv.slice(2).map((p) => resolve(p));
const readme = readFileSync('README.md', 'utf8');
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
process.exit(caught ? 0 : 1);
