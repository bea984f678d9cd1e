// WebCrypto and IndexedDB for receipts: one non-extractable ECDSA P-256 key per origin, kept
// in IndexedDB and reused; a key for this page only where IndexedDB is unavailable.
const DB = 'consent-terms';
const STORE = 'keys';
const KEY_ID = 'receipt-signing-key-v1';
let pageKey = null;

// Never throws: a page may have replaced these with getters that do.
export function webCryptoAvailable() {
  try {
    return !!(globalThis.isSecureContext && globalThis.crypto && globalThis.crypto.subtle);
  } catch (e) {
    return false;
  }
}

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDb() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('IndexedDB open is blocked'));
  });
}

async function fresh() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const full = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, jwk: { kty: full.kty, crv: full.crv, x: full.x, y: full.y } };
}

// Resolves to { privateKey, jwk, persisted }. Concurrent calls share one request (the widget
// asks as soon as it shows, so that the key exists and accepting only reads and signs); each
// new call reads IndexedDB again, so a key that can no longer be kept is reported as such.
let inflight = null;
export function signingKey() {
  if (!inflight) inflight = loadOrCreate().finally(() => { inflight = null; });
  return inflight;
}

async function loadOrCreate() {
  let db = null;
  try {
    db = await openDb();
  } catch (e) {
    return pageOnly();
  }
  try {
    const stored = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY_ID));
    return usable(stored) ? { ...stored, persisted: true } : await storeNew(db);
  } catch (e) {
    return pageOnly();
  } finally {
    // One connection per request, closed after it: an open one would hold the database against
    // another page's upgrade, and each mount asks.
    db.close();
  }
}

// Where IndexedDB fails: a key for this page only. Apart from loadOrCreate, as is making and
// storing a key, so that what runs at every mount of a page with its key stored is small.
async function pageOnly() {
  if (!pageKey) pageKey = await fresh();
  return { ...pageKey, persisted: false };
}

// The key is made outside the transaction (WebCrypto's promise would let it commit), then
// stored only if no other page of the origin stored one meanwhile: two tabs opened at once
// end with one key, the one both use.
async function storeNew(db) {
  const key = await fresh();
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  let chosen = key;
  const read = store.get(KEY_ID);
  read.onsuccess = () => {
    if (usable(read.result)) chosen = read.result;
    else store.put(key, KEY_ID);
  };
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('aborted'));
  });
  return { ...chosen, persisted: true };
}

const usable = (k) => !!(k && k.privateKey && k.jwk);

export async function signText(privateKey, text) {
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(text)));
  // An ES256 signature is r and s, 32 bytes each, neither zero: anything else (a replaced
  // `sign`) is no signature, and the receipt it would make is refused as `signing-failed`.
  const zero = (part) => part.every((b) => b === 0);
  if (signature.length !== 64 || zero(signature.subarray(0, 32)) || zero(signature.subarray(32))) {
    throw new Error(`the browser's ECDSA signature is not one (${signature.length} bytes)`);
  }
  return signature;
}

export function randomUuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
