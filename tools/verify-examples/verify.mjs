// Verifying a consent receipt in Node with the `jose` library (npm install jose).
// usage: node verify.mjs RECEIPT_FILE EXPECTED_NONCE EXPECTED_AUDIENCE
//
// What this example checks: ES256 with the embedded key, `kid` as its thumbprint, the schema,
// the nonce, the audience, an age of at most 10 minutes. What it leaves to the caller, which the
// native verifier (`consent-terms verify`, `consent_terms::verify`) does: duplicate JSON keys and
// unknown fields (JSON.parse keeps the last duplicate), `typ`, the JWK's `use`/`key_ops`/`alg`,
// strict RFC 3339 UTC times (`Date.parse` also takes offsets like `+08:00`), the receipt id and
// assent mode formats, each (id, version, sha256) and highlight id against the catalogue, the
// requirements the record states (read to the end, every highlight acknowledged), the sign-up's
// required agreements and versions, and the 64 KiB size limit. Detect replays by nonce and
// receipt id, never by the JWS bytes.
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
