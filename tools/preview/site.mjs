// Serves the legal center (`consent-terms site ... --out DIR`) as a static server would, with
// the types its feed and canonical texts need; `bash tools/dev preview` runs it beside the
// sign-up page, and tools/e2e/site.mjs serves the site it checks through `serveSite`.
// usage: node tools/preview/site.mjs DIR [PORT]
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../e2e/serve.mjs';

const TYPES = { '.txt': 'text/plain; charset=utf-8', '.atom': 'application/atom+xml; charset=utf-8' };

// `headers(path)` adds response headers (a Content-Security-Policy); `extra(req, res)`, when
// given, answers a request first when it returns true.
export async function serveSite(dir, port = 0, headers = () => ({}), extra = null) {
  const typed = async (req, res) => {
    if (extra && await extra(req, res)) return true;
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const type = Object.entries(TYPES).find(([ext]) => path.endsWith(ext));
    if (!type) return false;
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { 'content-type': type[1], ...headers(path) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
    return true;
  };
  return serve(dir, headers, typed, port);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, port = '8081'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tools/preview/site.mjs DIR [PORT]');
    process.exit(2);
  }
  const server = await serveSite(dir, Number(port));
  console.log(`legal center on ${server.url}`);
}
