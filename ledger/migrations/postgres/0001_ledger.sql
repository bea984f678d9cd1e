-- The chain head: the last entry's seq and hash; every append locks this row (SELECT ... FOR
-- UPDATE) and moves it in the same transaction, so seq has no gap and the chain no fork, across
-- any number of service nodes.
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

-- Entries are append-only.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only';
END;
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
