// A static file server for a built dist/ folder, on 127.0.0.1 and a free port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
};

// `headers(path)` may add response headers for a path (a Content-Security-Policy, say);
// `handle(req, res)`, when given, answers a request first when it returns true (an API).
export async function serve(dir, headers = () => ({}), handle = null, port = 0) {
  const server = createServer(async (req, res) => {
    if (handle && await handle(req, res)) return;
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers(path) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// Flags for headless Chromium as root on a machine with no network but loopback.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The Content-Security-Policy a terms origin sends with frame.html (docs/embedding.md, "Isolated mode"):
// no inline script or handler, and only the sign-up pages of `ancestors` (origins) may frame
// it. A meta tag cannot carry `frame-ancestors`; the header is the operator's to send.
export const frameCsp = (ancestors) => "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; "
  + `base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors.length ? ancestors.join(' ') : "'none'"}`;
// `headers` for `serve`: that policy on frame.html, for the origins `ancestors()` returns then.
export const frameHeaders = (ancestors) => (path) => (path === '/frame.html' ? { 'content-security-policy': frameCsp(ancestors()) } : {});

