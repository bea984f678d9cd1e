"""Verifying a consent receipt in Python with PyJWT (pip install "pyjwt[crypto]").

usage: python3 verify.py RECEIPT_FILE EXPECTED_NONCE EXPECTED_AUDIENCE

What this example checks: ES256 with the embedded key and no private `d`, `kid` as the key's
RFC 7638 thumbprint, the schema, the nonce, the audience, the age. What it leaves to the caller,
which the native verifier (`consent-terms verify`, `consent_terms::verify`) does: duplicate JSON
keys and unknown fields, `typ`, the JWK's `use`/`key_ops`/`alg`, strict RFC 3339 UTC times, the
receipt id and assent mode formats, each (id, version, sha256) and highlight id against the
catalogue, the requirements the record states (read to the end, every highlight acknowledged),
the sign-up's required agreements and versions, and the 64 KiB size limit. Detect replays by
nonce and receipt id, never by the JWS bytes.
"""
import base64
import hashlib
import json
import sys
import time
from datetime import datetime

import jwt
from jwt.algorithms import ECAlgorithm

path, nonce, audience = sys.argv[1:4]
token = open(path, encoding="utf-8").read().strip()

header = jwt.get_unverified_header(token)
if header.get("alg") != "ES256":
    sys.exit(f"algorithm {header.get('alg')} is not allowed")
jwk = header["jwk"]
if "d" in jwk:
    sys.exit("the embedded key has a private part")
members = json.dumps({k: jwk[k] for k in ("crv", "kty", "x", "y")}, separators=(",", ":"), sort_keys=True)
thumbprint = base64.urlsafe_b64encode(hashlib.sha256(members.encode()).digest()).rstrip(b"=").decode()
if header.get("kid") != thumbprint:
    sys.exit("kid is not the thumbprint of the embedded key")

key = ECAlgorithm.from_jwk(json.dumps(jwk))
# ES256 only; the payload is the consent record (not a JWT claims set, so no claim checks here).
record = json.loads(jwt.api_jws.decode(token, key=key, algorithms=["ES256"]))
if record["schema"] != "consent-terms/receipt/v1":
    sys.exit(f"unknown schema {record['schema']}")
if record["nonce"] != nonce or record["audience"] != audience:
    sys.exit("nonce or audience is not the expected one")
accepted = datetime.strptime(record["accepted_at"], "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
if time.time() - accepted > 600:
    sys.exit("receipt is older than 10 minutes")
# A backend also looks up each (id, version, sha256) in its own agreements catalogue.
for a in record["agreements"]:
    print(f"accepted {a['id']} {a['version']} {a['sha256']}")
print(f"verified with PyJWT: receipt {record['receipt_id']}, key {thumbprint}")
