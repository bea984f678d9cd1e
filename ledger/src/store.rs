//! The ledger's tables in SQLite (WAL, full sync) or PostgreSQL, through sqlx's runtime API.
//! Both use the same SQL but for how an append takes the chain head: SQLite with
//! `BEGIN IMMEDIATE` (one writer per file), PostgreSQL with `SELECT ... FOR UPDATE` on the
//! head row (one writer per chain, across every service node).

use crate::chain::{entry_hash, sha256_hex, LedgerKey, WitnessClaims};
use consent_terms_core::receipt::ConsentRecord;
use consent_terms_core::requirements::{parse_mode, Requirements};
use serde::Serialize;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;
use std::str::FromStr;
use std::time::Duration;

/// The migrations, compiled in: `(version, description, SQL)`.
type Migrations = &'static [(i64, &'static str, &'static str)];

const SQLITE_MIGRATIONS: Migrations = &[
    (
        1,
        "ledger",
        concat!(
            include_str!("../migrations/0001_ledger.sql"),
            include_str!("../migrations/sqlite/0001_append_only.sql")
        ),
    ),
    (
        2,
        "requirements",
        include_str!("../migrations/0002_requirements.sql"),
    ),
];

const POSTGRES_MIGRATIONS: Migrations = &[
    (
        1,
        "ledger",
        concat!(
            include_str!("../migrations/0001_ledger.sql"),
            include_str!("../migrations/postgres/0001_append_only.sql")
        ),
    ),
    (
        2,
        "requirements",
        include_str!("../migrations/0002_requirements.sql"),
    ),
];

/// sqlx's migrations from compiled-in SQL (its `migrate!` macro would bring in every sqlx
/// proc-macro crate for the same result).
#[derive(Debug)]
struct Embedded(Migrations);

impl<'s> sqlx::migrate::MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> std::pin::Pin<
        Box<
            dyn std::future::Future<
                    Output = Result<Vec<sqlx::migrate::Migration>, sqlx::error::BoxDynError>,
                > + Send
                + 's,
        >,
    > {
        let migrations = self
            .0
            .iter()
            .map(|(version, description, sql)| {
                sqlx::migrate::Migration::new(
                    *version,
                    (*description).into(),
                    sqlx::migrate::MigrationType::Simple,
                    (*sql).into(),
                    false,
                )
            })
            .collect();
        Box::pin(async move { Ok(migrations) })
    }
}

async fn migrator(
    migrations: Migrations,
) -> Result<sqlx::migrate::Migrator, sqlx::migrate::MigrateError> {
    sqlx::migrate::Migrator::new(Embedded(migrations)).await
}

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The ledger's database.
pub struct Store {
    pool: Pool,
    /// Appends waiting for a transaction (see [`Store::append`]).
    queue: std::sync::Mutex<Vec<Job>>,
    /// Held while one batch of appends is committed.
    append_lock: tokio::sync::Mutex<()>,
}

/// Most receipts committed in one transaction.
pub const MAX_BATCH: usize = 64;

/// One receipt waiting to be appended, and where its outcome goes.
struct Job {
    jws: String,
    receipt_sha256: String,
    record: ConsentRecord,
    nonce: String,
    subject: String,
    reply: tokio::sync::oneshot::Sender<Result<Entry, AppendError>>,
}

/// Runs `$body` with `$pool` bound to whichever pool the store has.
macro_rules! with_pool {
    ($pools:expr, |$pool:ident, $head_lock:ident, $begin:ident| $body:expr) => {
        match $pools {
            Pool::Sqlite($pool) => {
                let ($head_lock, $begin) = ("", "BEGIN IMMEDIATE");
                let _ = ($head_lock, $begin);
                $body
            }
            Pool::Postgres($pool) => {
                let ($head_lock, $begin) = (" FOR UPDATE", "BEGIN");
                let _ = ($head_lock, $begin);
                $body
            }
        }
    };
}

pub use crate::nonce::Nonce;

/// A stored entry; serialized, an export line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When received (RFC 3339 UTC).
    pub received_at: String,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub entry_hash: String,
    /// SHA-256 of the receipt, hex (not in the export line: its reader hashes the receipt).
    #[serde(skip)]
    pub receipt_sha256: String,
    /// The record's receipt id.
    pub receipt_id: String,
    /// The receipt (compact JWS).
    pub receipt: String,
    /// The ledger's witness (compact JWS).
    pub witness: String,
}

impl Entry {
    /// The entry as an export line's JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// Why an append did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppendError {
    /// The nonce or the receipt id is already used.
    Replayed(String),
    /// The database failed; the transaction was rolled back (the message is for the log).
    Db(String),
}

/// One acceptance row: an agreement version a subject accepted, by which receipt.
pub type AcceptanceRow = crate::policy::Accepted;

const ENTRY_COLUMNS: &str =
    "seq, received_at, prev_hash, entry_hash, receipt_sha256, receipt_id, receipt, witness";

impl<'r, R: Row> sqlx::FromRow<'r, R> for Entry
where
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Entry, sqlx::Error> {
        Ok(Entry {
            seq: row.try_get("seq")?,
            received_at: row.try_get("received_at")?,
            prev_hash: row.try_get("prev_hash")?,
            entry_hash: row.try_get("entry_hash")?,
            receipt_sha256: row.try_get("receipt_sha256")?,
            receipt_id: row.try_get("receipt_id")?,
            receipt: row.try_get("receipt")?,
            witness: row.try_get("witness")?,
        })
    }
}

impl<'r, R: Row> sqlx::FromRow<'r, R> for Nonce
where
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Nonce, sqlx::Error> {
        let mode: String = row.try_get("mode")?;
        Ok(Nonce {
            nonce: row.try_get("nonce")?,
            subject: row.try_get("subject")?,
            audience: row.try_get("audience")?,
            provider: row.try_get("provider")?,
            products: row.try_get("products")?,
            issued_at_ms: row.try_get("issued_at_ms")?,
            expires_at_ms: row.try_get("expires_at_ms")?,
            requirements: Requirements {
                read_to_end: row.try_get::<i64, _>("read_to_end")? != 0,
                acknowledge_highlights: row.try_get::<i64, _>("acknowledge_highlights")? != 0,
                // The column's CHECK allows only the two names.
                mode: Some(parse_mode(&mode).ok_or_else(|| {
                    sqlx::Error::Decode(
                        format!("nonce mode `{mode}` is not checkbox or button").into(),
                    )
                })?),
            },
            used_seq: row.try_get("used_seq")?,
        })
    }
}

impl<'r, R: Row> sqlx::FromRow<'r, R> for AcceptanceRow
where
    &'r str: sqlx::ColumnIndex<R>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<AcceptanceRow, sqlx::Error> {
        Ok(AcceptanceRow {
            id: row.try_get("agreement_id")?,
            version: row.try_get("version")?,
            sha256: row.try_get("sha256")?,
            accepted_at: row.try_get("accepted_at")?,
            receipt_id: row.try_get("receipt_id")?,
        })
    }
}

/// Whether a key a client sends can be stored at all: PostgreSQL's text holds no U+0000, so no
/// nonce, receipt id or subject holding one was ever stored, on either database. Looked up, it is
/// simply not there (rather than PostgreSQL's error, a 503 a host would retry).
fn storable(key: &str) -> bool {
    !key.contains('\0')
}

impl Store {
    /// Opens (creating if needed) the database at `url` (`sqlite://FILE` or
    /// `postgres://...`) and applies the migrations.
    pub async fn open(url: &str) -> Result<Store, String> {
        let pool = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| format!("{url}: {e}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30));
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await
                .map_err(|e| format!("cannot open {url}: {e}"))?;
            migrator(SQLITE_MIGRATIONS)
                .await
                .map_err(|e| format!("cannot migrate {url}: {e}"))?
                .run(&pool)
                .await
                .map_err(|e| format!("cannot migrate {url}: {e}"))?;
            Pool::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map_err(|e| format!("cannot connect to {}: {e}", redact(url)))?;
            migrator(POSTGRES_MIGRATIONS)
                .await
                .map_err(|e| format!("cannot migrate {}: {e}", redact(url)))?
                .run(&pool)
                .await
                .map_err(|e| format!("cannot migrate {}: {e}", redact(url)))?;
            Pool::Postgres(pool)
        } else {
            return Err(format!(
                "--db `{}`: expected sqlite://FILE or postgres://USER@HOST/DB",
                redact(url)
            ));
        };
        Ok(Store {
            pool,
            queue: std::sync::Mutex::new(Vec::new()),
            append_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query("SELECT 1").execute(pool).await.map(|_| ())
        })
    }

    /// Stores a newly issued nonce.
    pub async fn insert_nonce(&self, n: &Nonce) -> Result<(), sqlx::Error> {
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query(
                "INSERT INTO nonces (nonce, subject, audience, provider, products, issued_at_ms, expires_at_ms, \
                 read_to_end, acknowledge_highlights, mode) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&n.nonce)
            .bind(&n.subject)
            .bind(&n.audience)
            .bind(&n.provider)
            .bind(&n.products)
            .bind(n.issued_at_ms)
            .bind(n.expires_at_ms)
            .bind(i64::from(n.requirements.read_to_end))
            .bind(i64::from(n.requirements.acknowledge_highlights))
            .bind(
                n.requirements
                    .mode
                    .unwrap_or(consent_terms_core::consent::AssentMode::Checkbox)
                    .as_str(),
            )
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// A nonce, if issued.
    pub async fn nonce(&self, nonce: &str) -> Result<Option<Nonce>, sqlx::Error> {
        if !storable(nonce) {
            return Ok(None);
        }
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query_as("SELECT * FROM nonces WHERE nonce = $1")
                .bind(nonce)
                .fetch_optional(pool)
                .await
        })
    }

    /// Appends a verified receipt whose nonce is `nonce` and returns its entry once committed.
    ///
    /// Group commit: the receipt joins a queue; whoever holds the append lock takes up to
    /// [`MAX_BATCH`] queued receipts and appends them in one transaction (one durable commit
    /// for all), then answers each. A receipt refused inside the batch (replayed) takes no seq;
    /// a database failure fails the whole batch and nothing of it is stored.
    pub async fn append(
        &self,
        jws: &str,
        record: &ConsentRecord,
        nonce: &str,
        subject: &str,
        key: &LedgerKey,
    ) -> Result<Entry, AppendError> {
        let (reply, mut outcome) = tokio::sync::oneshot::channel();
        self.queue
            .lock()
            .map_err(|_| AppendError::Db("append queue poisoned".into()))?
            .push(Job {
                jws: jws.to_string(),
                receipt_sha256: sha256_hex(jws.as_bytes()),
                record: record.clone(),
                nonce: nonce.to_string(),
                subject: subject.to_string(),
                reply,
            });
        loop {
            let _serial = self.append_lock.lock().await;
            // An earlier holder of the lock may have committed this receipt with its batch.
            match outcome.try_recv() {
                Ok(result) => return result,
                Err(tokio::sync::oneshot::error::TryRecvError::Closed) => {
                    return Err(AppendError::Db("the append was abandoned".into()))
                }
                Err(tokio::sync::oneshot::error::TryRecvError::Empty) => {}
            }
            let batch: Vec<Job> = {
                let mut queue = self
                    .queue
                    .lock()
                    .map_err(|_| AppendError::Db("append queue poisoned".into()))?;
                let n = queue.len().min(MAX_BATCH);
                queue.drain(..n).collect()
            };
            // In a task of its own, so that a client hanging up cannot cut a batch short.
            let task = tokio::spawn(commit_batch(self.pool.clone(), batch, key.clone()));
            let _ = task.await;
            if let Ok(result) = outcome.try_recv() {
                return result;
            }
            // This receipt was not among the first MAX_BATCH queued: go again.
        }
    }

    /// The entry holding receipt `receipt_id`.
    pub async fn entry_by_receipt(&self, receipt_id: &str) -> Result<Option<Entry>, sqlx::Error> {
        if !storable(receipt_id) {
            return Ok(None);
        }
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query_as(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries WHERE receipt_id = $1"
            ))
            .bind(receipt_id)
            .fetch_optional(pool)
            .await
        })
    }

    /// Entries after `since`, in order, at most `limit`.
    pub async fn entries_after(&self, since: i64, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query_as(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2"
            ))
            .bind(since)
            .bind(limit)
            .fetch_all(pool)
            .await
        })
    }

    /// Every acceptance by `subject`, oldest first.
    pub async fn acceptances(&self, subject: &str) -> Result<Vec<AcceptanceRow>, sqlx::Error> {
        if !storable(subject) {
            return Ok(Vec::new());
        }
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query_as(
                "SELECT agreement_id, version, sha256, accepted_at, receipt_id FROM acceptances \
                 WHERE subject = $1 ORDER BY seq",
            )
            .bind(subject)
            .fetch_all(pool)
            .await
        })
    }

    /// The chain head: the last entry's seq and hash (0 and [`crate::chain::GENESIS`] before
    /// the first entry), as committed.
    pub async fn head(&self) -> Result<(i64, String), sqlx::Error> {
        with_pool!(&self.pool, |pool, _l, _b| {
            sqlx::query_as("SELECT seq, entry_hash FROM chain_head WHERE id = 1")
                .fetch_one(pool)
                .await
        })
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        with_pool!(&self.pool, |pool, _l, _b| pool.close().await)
    }
}

/// Appends `jobs` in one transaction and answers each.
async fn commit_batch(pool: Pool, jobs: Vec<Job>, key: LedgerKey) {
    match append_all(&pool, &jobs, &key).await {
        Ok(results) => {
            for (job, result) in jobs.into_iter().zip(results) {
                let _ = job.reply.send(result);
            }
        }
        Err(e) => {
            tracing::error!(error = ?e.to_string(), receipts = jobs.len(), "append failed; the batch was rolled back");
            for job in jobs {
                let _ = job.reply.send(Err(AppendError::Db(e.to_string())));
            }
        }
    }
}

/// The transaction of [`commit_batch`]: takes the chain head, then for each job checks the
/// receipt id is new, uses the nonce, signs the witness and writes the entry and its
/// acceptances; moves the head; commits.
async fn append_all(
    pools: &Pool,
    jobs: &[Job],
    key: &LedgerKey,
) -> Result<Vec<Result<Entry, AppendError>>, sqlx::Error> {
    with_pool!(pools, |pool, head_lock, begin| {
        let mut tx = pool.begin_with(begin).await?;
        let head = sqlx::query(&format!(
            "SELECT seq, entry_hash FROM chain_head WHERE id = 1{head_lock}"
        ))
        .fetch_one(&mut *tx)
        .await?;
        let (mut last_seq, mut prev_hash): (i64, String) =
            (head.try_get("seq")?, head.try_get("entry_hash")?);
        // Entries are received in the order of their seq: a clock stepped back (NTP) must not
        // date an entry before the one it follows (`verify-export` refuses that). Every time is
        // written as `rfc3339_ms` writes it, so the strings order as the times do.
        let mut last_received: String =
            sqlx::query("SELECT received_at FROM entries WHERE seq = $1")
                .bind(last_seq)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get("received_at"))
                .transpose()?
                .unwrap_or_default();
        let mut results = Vec::with_capacity(jobs.len());
        for job in jobs {
            let record = &job.record;
            let seen = sqlx::query("SELECT seq FROM entries WHERE receipt_id = $1")
                .bind(&record.receipt_id)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(row) = seen {
                let seq: i64 = row.try_get("seq")?;
                results.push(Err(AppendError::Replayed(format!(
                    "receipt `{}` is already stored as entry {seq}",
                    record.receipt_id
                ))));
                continue;
            }
            let seq = last_seq + 1;
            let used = sqlx::query(
                "UPDATE nonces SET used_seq = $1 WHERE nonce = $2 AND used_seq IS NULL",
            )
            .bind(seq)
            .bind(&job.nonce)
            .execute(&mut *tx)
            .await?;
            if used.rows_affected() != 1 {
                results.push(Err(AppendError::Replayed(format!(
                    "nonce `{}` is already used",
                    job.nonce
                ))));
                continue;
            }
            let received_at =
                crate::time::rfc3339_ms(crate::time::now_ms()).max(last_received.clone());
            last_received.clone_from(&received_at);
            let witness = key.witness(&WitnessClaims {
                receipt_sha256: job.receipt_sha256.clone(),
                received_at: received_at.clone(),
                seq,
                prev_hash: prev_hash.clone(),
            });
            let hash = entry_hash(seq, &received_at, &prev_hash, &job.receipt_sha256, &witness);
            sqlx::query(
                "INSERT INTO entries (seq, received_at, prev_hash, entry_hash, receipt_sha256, \
                 receipt_id, nonce, subject, audience, receipt, witness) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(seq)
            .bind(&received_at)
            .bind(&prev_hash)
            .bind(&hash)
            .bind(&job.receipt_sha256)
            .bind(&record.receipt_id)
            .bind(&job.nonce)
            .bind(&job.subject)
            .bind(&record.audience)
            .bind(&job.jws)
            .bind(&witness)
            .execute(&mut *tx)
            .await?;
            // One row per agreement: the latest version accepted. Where the person accepted
            // an announced version ahead, that one: from its effective date it is the current
            // version, and the status must not ask for it again (the receipt keeps both).
            for (id, version, sha256) in record.agreements.iter().map(|a| {
                record
                    .accepted_ahead
                    .iter()
                    .find(|n| n.id == a.id)
                    .map_or((&a.id, &a.version, &a.sha256), |n| {
                        (&n.id, &n.version, &n.sha256)
                    })
            }) {
                sqlx::query(
                    "INSERT INTO acceptances (seq, subject, agreement_id, version, sha256, accepted_at, receipt_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(seq)
                .bind(&job.subject)
                .bind(id)
                .bind(version)
                .bind(sha256)
                .bind(&record.accepted_at)
                .bind(&record.receipt_id)
                .execute(&mut *tx)
                .await?;
            }
            results.push(Ok(Entry {
                seq,
                received_at,
                prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
                entry_hash: hash,
                receipt_sha256: job.receipt_sha256.clone(),
                receipt_id: record.receipt_id.clone(),
                receipt: job.jws.clone(),
                witness,
            }));
            last_seq = seq;
        }
        sqlx::query("UPDATE chain_head SET seq = $1, entry_hash = $2 WHERE id = 1")
            .bind(last_seq)
            .bind(&prev_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(results)
    })
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_database_made_before_the_requirements_is_migrated_with_the_widgets_defaults() {
        let dir = std::env::temp_dir().join(format!(
            "ledger-migrate-test-{}-{}",
            std::process::id(),
            crate::time::now_ms()
        ));
        std::fs::create_dir_all(&dir).expect("dir");
        let url = format!("sqlite://{}", dir.join("old.db").display());
        // The schema as the first release made it, with a nonce issued then.
        let options = SqliteConnectOptions::from_str(&url)
            .expect("url")
            .create_if_missing(true);
        let pool = SqlitePool::connect_with(options).await.expect("open");
        migrator(&SQLITE_MIGRATIONS[..1])
            .await
            .expect("migrations")
            .run(&pool)
            .await
            .expect("migration 1");
        sqlx::query(
            "INSERT INTO nonces (nonce, subject, audience, issued_at_ms, expires_at_ms) \
             VALUES ('old', 'alice', 'https://console.example.com', 1, 2)",
        )
        .execute(&pool)
        .await
        .expect("an old nonce");
        pool.close().await;

        let store = Store::open(&url).await.expect("migrated");
        let old = store.nonce("old").await.expect("read").expect("kept");
        assert_eq!(old.requirements, Requirements::default());
        assert_eq!((old.subject.as_str(), old.expires_at_ms), ("alice", 2));
        // The columns take nothing but what a nonce can say.
        let Pool::Sqlite(pool) = &store.pool else {
            unreachable!("a SQLite store")
        };
        let other = sqlx::query(
            "INSERT INTO nonces (nonce, subject, audience, issued_at_ms, expires_at_ms, mode) \
             VALUES ('x', 'a', 'https://a.example', 1, 2, 'telepathy')",
        )
        .execute(pool)
        .await;
        assert!(other.is_err(), "an unknown mode is refused by the schema");
        store.close().await;
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
