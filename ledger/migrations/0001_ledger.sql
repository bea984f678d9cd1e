-- The ledger's tables, the same for SQLite and PostgreSQL; each backend's file adds what its
-- dialect spells differently (the append-only triggers).
--
-- The chain head: the last entry's seq and hash. Every append reads and moves it in one
-- transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT ... FOR UPDATE on this row, across
-- any number of service nodes), so seq has no gap and the chain no fork.
CREATE TABLE chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    entry_hash TEXT NOT NULL
);
INSERT INTO chain_head (id, seq, entry_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE nonces (
    nonce TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    audience TEXT NOT NULL,
    provider TEXT,
    products TEXT,
    issued_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    used_seq BIGINT
);

CREATE TABLE entries (
    seq BIGINT PRIMARY KEY,
    received_at TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL UNIQUE,
    receipt_sha256 TEXT NOT NULL,
    receipt_id TEXT NOT NULL UNIQUE,
    nonce TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    audience TEXT NOT NULL,
    receipt TEXT NOT NULL,
    witness TEXT NOT NULL
);

CREATE TABLE acceptances (
    seq BIGINT NOT NULL REFERENCES entries (seq),
    subject TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    receipt_id TEXT NOT NULL,
    PRIMARY KEY (seq, agreement_id)
);
CREATE INDEX acceptances_by_subject ON acceptances (subject, seq);
