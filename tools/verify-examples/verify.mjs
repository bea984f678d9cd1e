// Verifying a consent receipt in Node with the `jose` library (npm install jose).
// usage: node verify.mjs RECEIPT_FILE EXPECTED_NONCE EXPECTED_AUDIENCE
import { compactVerify, EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader } from 'jose';
import { readFileSync } from 'node:fs';

const [file, nonce, audience] = process.argv.slice(2);
const jws = readFileSync(file, 'utf8').trim();

// ES256 only; the key is the JWK embedded in the protected header.
const { payload, protectedHeader } = await compactVerify(jws, EmbeddedJWK, { algorithms: ['ES256'] });
if (protectedHeader.kid !== (await calculateJwkThumbprint(protectedHeader.jwk, 'sha256'))) {
  throw new Error('kid is not the thumbprint of the embedded key');
}
const record = JSON.parse(new TextDecoder().decode(payload));
if (record.schema !== 'consent-terms/receipt/v1') throw new Error(`unknown schema ${record.schema}`);
if (record.nonce !== nonce) throw new Error(`nonce ${record.nonce} is not ${nonce}`);
if (record.audience !== audience) throw new Error(`audience ${record.audience} is not ${audience}`);
if (Date.now() - Date.parse(record.accepted_at) > 10 * 60 * 1000) throw new Error('receipt is older than 10 minutes');
// A backend also looks up each (id, version, sha256) in its own agreements catalogue.
for (const a of record.agreements) console.log(`accepted ${a.id} ${a.version} ${a.sha256}`);
console.log(`verified with jose: receipt ${record.receipt_id}, key ${decodeProtectedHeader(jws).kid}`);
