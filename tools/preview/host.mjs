// The host console's own server, as the preview plays it. It holds the ledger's bearer token,
// which the page never sees: it asks the ledger for a nonce per sign-up, passes the page's
// receipts on, and answers the widget's `status-url` for the person signing up. The preview
// has no log-in, so the page names its subject; a real host takes it from its session.
//
//   POST /api/signup {subject, provider, products} -> the ledger's POST /v1/nonces (audience:
//                                                     the page's origin; the requirements:
//                                                     this server's, never the page's)
//   POST /api/receipts  (the compact JWS)           -> POST /v1/receipts
//   GET  /api/receipts/ID                           -> GET /v1/receipts/ID
//   GET  /api/status?subject=S&provider=P&products=Q -> GET /v1/subjects/S/status?provider=P&products=Q
//
// usage: node tools/preview/host.mjs --ledger URL --token-file FILE [--listen PORT] [--static DIR]
// Under `trunk serve` (bash tools/dev preview) Trunk proxies /api/ here; with --static it also
// serves a built dist/ folder itself (the end-to-end test).
import { readFileSync } from 'node:fs';
import { serve } from '../e2e/serve.mjs';

const MAX_BODY = 70 * 1024;

// What this host's sign-ups require of an acceptance, as the preview page shows the widget
// (no require-* attribute and no mode: the element's defaults). The ledger keeps them with the
// nonce and refuses a receipt that says less, so a page script that sets
// require-scroll="false" or mode="button" (or the page's own ?mode=button) gets 422
// requirements-weaker: what the sign-up requires is the server's word.
export const SIGN_UP_REQUIREMENTS = Object.freeze({ read_to_end: true, acknowledge_highlights: true, mode: 'checkbox' });

async function body(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res, status, contentType, text) {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(text);
}

// Answers the page's /api/ calls by asking the ledger at `ledger` with `token`.
export function hostApi(ledger, token, requirements = SIGN_UP_REQUIREMENTS) {
  const base = ledger.replace(/\/$/, '');
  const ask = async (res, path, init = {}) => {
    let answer;
    try {
      answer = await fetch(base + path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    } catch (e) {
      reply(res, 502, 'application/json', JSON.stringify({ code: 'ledger-unreachable', message: `the ledger at ${base} did not answer: ${e.message}` }));
      return;
    }
    reply(res, answer.status, answer.headers.get('content-type') ?? 'application/json', await answer.text());
  };
  return async (req, res) => {
    const url = new URL(req.url, 'http://host');
    if (!url.pathname.startsWith('/api/')) return false;
    try {
      if (req.method === 'POST' && url.pathname === '/api/signup') {
        const { subject, provider, products = '' } = JSON.parse(await body(req));
        // The receipt's audience is the page's origin: the nonce is bound to it.
        const audience = req.headers.origin ?? `http://${req.headers.host}`;
        const sign = { subject, audience, provider, ...requirements };
        if (products.trim()) sign.products = products.trim().split(/\s+/);
        await ask(res, '/v1/nonces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sign) });
      } else if (req.method === 'POST' && url.pathname === '/api/receipts') {
        await ask(res, '/v1/receipts', { method: 'POST', headers: { 'content-type': 'application/jose' }, body: await body(req) });
      } else if (req.method === 'GET' && url.pathname.startsWith('/api/receipts/')) {
        await ask(res, `/v1/receipts/${encodeURIComponent(decodeURIComponent(url.pathname.slice('/api/receipts/'.length)))}`);
      } else if (req.method === 'GET' && url.pathname === '/api/status') {
        const subject = url.searchParams.get('subject') ?? '';
        const query = new URLSearchParams();
        for (const name of ['provider', 'products']) if (url.searchParams.get(name)) query.set(name, url.searchParams.get(name));
        await ask(res, `/v1/subjects/${encodeURIComponent(subject)}/status?${query}`);
      } else {
        reply(res, 404, 'application/json', JSON.stringify({ code: 'not-found', message: `no ${req.method} ${url.pathname}` }));
      }
    } catch (e) {
      reply(res, e.status ?? 400, 'application/json', JSON.stringify({ code: 'bad-request', message: e.message }));
    }
    return true;
  };
}

// Starts the host server; `dir` (optional) is a built page to serve beside the API.
export async function startHost({ ledger, token, port = 0, dir = null, requirements = SIGN_UP_REQUIREMENTS }) {
  const api = hostApi(ledger, token, requirements);
  if (dir) return serve(dir, () => ({}), api, port);
  const { createServer } = await import('node:http');
  const server = createServer(async (req, res) => {
    if (!(await api(req, res))) reply(res, 404, 'text/plain', 'not found');
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const ledger = option('ledger'), tokenFile = option('token-file');
  if (!ledger || !tokenFile) {
    console.error('usage: node tools/preview/host.mjs --ledger URL --token-file FILE [--listen PORT] [--static DIR]');
    process.exit(2);
  }
  const host = await startHost({ ledger, token: readFileSync(tokenFile, 'utf8').trim(), port: Number(option('listen') ?? 0), dir: option('static') });
  console.log(`host listening on ${host.url}`);
}
