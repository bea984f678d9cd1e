// Puts the widget's prerendered first screen into a built page, the way a host's build or
// server template would: each <consent-terms> holding the marker comment below gets the output
// of `consent-terms prerender` for its own provider, products and lang attributes, and the
// widget's stylesheet is copied beside the page as consent-terms.css.
// usage: node tools/preview/prerender.mjs CLI DIR [AGREEMENT_DIR...]
// (default agreement directories: agreements www/samples, the preview bundle's sources)
import { readFileSync, writeFileSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const [cli, dir, ...sources] = process.argv.slice(2);
if (!cli || !dir) {
  console.error('usage: node tools/preview/prerender.mjs CLI DIR [AGREEMENT_DIR...]');
  process.exit(2);
}
const MARKER = '<!-- consent-terms prerender -->';
const page = `${dir}/index.html`;
const html = readFileSync(page, 'utf8');
const attribute = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? m[1] : null;
};
let count = 0;
const out = html.replace(/(<consent-terms\b[^>]*>)\s*<!-- consent-terms prerender -->/g, (_, tag) => {
  count++;
  const args = ['prerender', '--provider', attribute(tag, 'provider') || '',
    '--products', attribute(tag, 'products') || '', '--lang', attribute(tag, 'lang') || 'en',
    '--mode', attribute(tag, 'mode') || 'checkbox', '--stylesheet', 'consent-terms.css',
    ...(sources.length ? sources : ['agreements', 'www/samples'])];
  return tag + execFileSync(cli, args, { encoding: 'utf8' });
});
if (count === 0 && !html.includes('shadowrootmode')) {
  console.error(`${page}: no <consent-terms> holds the marker ${MARKER}`);
  process.exit(1);
}
writeFileSync(page, out);
copyFileSync('src/widget/style.css', `${dir}/consent-terms.css`);
// The widget fetches it from beside its module: unfolded (`trunk serve`), that is a snippet.
for (const snippet of existsSync(`${dir}/snippets`) ? readdirSync(`${dir}/snippets`) : []) {
  const web = `${dir}/snippets/${snippet}/src/web`;
  if (existsSync(web)) copyFileSync('src/widget/style.css', `${web}/consent-terms.css`);
}
console.log(`${page}: ${count} element(s) prerendered; ${dir}/consent-terms.css written`);
