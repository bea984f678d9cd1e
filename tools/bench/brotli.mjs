// Responses brotli-compressed as a real host sends them (a CDN or a web server with
// precompressed assets): a `handle` for tools/e2e/serve.mjs that answers every text, JSON, JS
// and wasm file with `content-encoding: br` when the browser accepts it, compressed once at
// quality 11 and kept. Anything else (an unknown type, a missing file, a browser without br)
// falls through to the plain server.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

export function brotliHandler(dir) {
  const cache = new Map();
  return async (req, res) => {
    if (!/\bbr\b/.test(req.headers['accept-encoding'] || '')) return false;
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    const type = TYPES[extname(file)];
    if (!type) return false;
    let body = cache.get(file);
    if (!body) {
      try {
        body = brotliCompressSync(await readFile(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      } catch {
        return false;
      }
      cache.set(file, body);
    }
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'br', 'content-length': body.length, vary: 'accept-encoding' });
    res.end(body);
    return true;
  };
}
