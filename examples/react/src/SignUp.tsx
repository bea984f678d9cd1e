import { useCallback, useEffect, useState } from 'react';
import type { ErrorDetail, ReceiptDetail } from 'consent-terms';
import { Terms } from './Terms';

// A real console takes the person from its session; this page names them in its query.
const subject = new URLSearchParams(location.search).get('subject') ?? 'person@example.com';

export function SignUp() {
  const [challenge, setChallenge] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  // The host's server issues a nonce for this sign-up (POST /api/signup); the receipt must carry it.
  useEffect(() => {
    const request = new AbortController();
    fetch('/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject, provider: 'kingsoft', products: 'cdn' }),
      signal: request.signal,
    })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`no nonce: HTTP ${r.status}`))))
      .then((body: { nonce: string }) => setChallenge(body.nonce))
      .catch((e: Error) => request.signal.aborted || setError(e.message));
    return () => request.abort();
  }, []);

  // The signed receipt goes to the host's server, which verifies and stores it.
  const onReceipt = useCallback(async ({ jws }: ReceiptDetail) => {
    const r = await fetch('/api/receipts', { method: 'POST', headers: { 'content-type': 'application/jose' }, body: jws });
    const body = await r.json();
    setStatus(r.status === 201 ? `Receipt stored (201), seq ${body.seq}` : `Receipt refused (${r.status} ${body.code}): ${body.message}`);
  }, []);
  const onError = useCallback(({ code, message }: ErrorDetail) => setError(`${code}: ${message}`), []);

  return (
    <section>
      <h1>Create your account</h1>
      {challenge ? (
        <Terms provider="kingsoft" products="cdn" subject={subject} challenge={challenge}
               onReceipt={onReceipt} onError={onError} />
      ) : (
        <p>Loading the terms…</p>
      )}
      <p role="status" id="receipt-status">{status}</p>
      <p role="alert" id="terms-error">{error}</p>
    </section>
  );
}
