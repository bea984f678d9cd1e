-- What the sign-up requires of an acceptance, as the host's server stated it when it asked for
-- the nonce: a receipt that says less (`required`, `assent.mode`) is refused. Nonces issued
-- before these columns existed take the widget's defaults, which require everything.
ALTER TABLE nonces ADD COLUMN read_to_end BIGINT NOT NULL DEFAULT 1 CHECK (read_to_end IN (0, 1));
ALTER TABLE nonces ADD COLUMN acknowledge_highlights BIGINT NOT NULL DEFAULT 1 CHECK (acknowledge_highlights IN (0, 1));
ALTER TABLE nonces ADD COLUMN mode TEXT NOT NULL DEFAULT 'checkbox' CHECK (mode IN ('checkbox', 'button'));
