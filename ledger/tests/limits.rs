//! The body limit and the extractors' rejections as a client sees them on the wire: a body over
//! 64 KiB, sent chunked or declared by `Content-Length`, is answered 413 `too-large` with the
//! JSON error body (a declared one at once, before any of it is sent); a bad path or query is
//! 400 `bad-request` in JSON, not axum's plain text. On a real SQLite file (the database is not
//! what this tests).

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Sends `head` and then `body` on a new connection; the answer's status line, body, and the
/// time from the end of the head to the answer.
async fn raw(addr: SocketAddr, head: String, body: Vec<u8>) -> (String, String, Duration) {
    tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(8)))
            .expect("timeout");
        stream.write_all(head.as_bytes()).expect("writes the head");
        let started = Instant::now();
        // The server may answer and close before the whole body is sent.
        let _ = stream.write_all(&body);
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buf[..n]);
            if answer.windows(4).any(|w| w == b"\r\n\r\n") && answer.ends_with(b"}") {
                break;
            }
        }
        let took = started.elapsed();
        let text = String::from_utf8_lossy(&answer).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.lines().next().unwrap_or("").to_string();
        (status, body.to_string(), took)
    })
    .await
    .expect("client")
}

fn chunked(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(8192) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn json_code(body: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("a JSON error body, not {body:?}: {e}"));
    assert!(value["message"].is_string(), "{body}");
    value["code"].as_str().unwrap_or("").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_body_over_64_kib_is_413_too_large_in_json() {
    let Some(s) = TestServer::start(Backend::Sqlite, 900).await else {
        return;
    };
    for (path, content_type, filler) in [
        ("/v1/receipts", "application/jose", b'a'),
        ("/v1/nonces", "application/json", b' '),
    ] {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer {TOKEN}\r\n\
             Content-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        );
        let (status, body, _) =
            raw(s.running.addr, head, chunked(&vec![filler; 64 * 1024 + 1])).await;
        assert!(
            status.starts_with("HTTP/1.1 413"),
            "{path}: {status} {body}"
        );
        assert_eq!(json_code(&body), "too-large", "{path}");
    }
    // One byte under the limit is read (and refused for what it is, not for its size).
    let head = format!(
        "POST /v1/nonces HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    let (status, body, _) = raw(s.running.addr, head, chunked(&vec![b' '; 64 * 1024])).await;
    assert!(status.starts_with("HTTP/1.1 400"), "{status} {body}");
    assert_eq!(json_code(&body), "bad-request");
    assert_eq!(s.export(0).await, "", "nothing stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_length_over_64_kib_is_refused_before_the_body_comes() {
    let Some(s) = TestServer::start(Backend::Sqlite, 900).await else {
        return;
    };
    for path in ["/v1/receipts", "/v1/nonces"] {
        let content_type = if path == "/v1/receipts" {
            "application/jose"
        } else {
            "application/json"
        };
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer {TOKEN}\r\n\
             Content-Type: {content_type}\r\nContent-Length: 10000000\r\n\r\n"
        );
        // No body at all: the answer cannot wait for it (the request timeout is 30 s).
        let (status, body, took) = raw(s.running.addr, head, Vec::new()).await;
        assert!(
            status.starts_with("HTTP/1.1 413"),
            "{path}: {status} {body}"
        );
        assert_eq!(json_code(&body), "too-large", "{path}");
        assert!(
            took < Duration::from_secs(3),
            "{path}: answered after {took:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_path_or_query_is_400_bad_request_in_json() {
    let Some(s) = TestServer::start(Backend::Sqlite, 900).await else {
        return;
    };
    for path in [
        // Not UTF-8 once percent-decoded.
        "/v1/subjects/%FF/status",
        "/v1/receipts/%C3%28",
        // Not a parameter the status knows.
        "/v1/subjects/alice/status?colour=blue",
        // Not a sequence number.
        "/v1/export?since=seven",
        "/v1/export?since=-1",
    ] {
        let r = s.get(path).await;
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert_eq!(json_code(&r.text()), "bad-request", "{path}");
    }
}

#[tokio::test]
async fn an_export_answer_is_bounded_in_bytes_and_pages_on() {
    // A receipt may be 64 KiB, so 10,000 of them would be an answer of 650 MB: a page also
    // ends at the first whole entry past the byte bound, and `since` goes on from there.
    let Some(s) = TestServer::start_configured(Backend::Sqlite, |c| {
        c.limits.export_bytes = 4096;
    })
    .await
    else {
        return;
    };
    for subject in ["alice", "bob", "carol", "dave", "erin"] {
        let nonce = s.nonce(subject, true).await;
        let r = s
            .post_receipt(&sign(&record_now(&s.catalog, CDN_SIGN_UP, subject, &nonce)))
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let (mut since, mut seen, mut pages) = (0, Vec::new(), 0);
    loop {
        let page = s.export(since).await;
        if page.is_empty() {
            break;
        }
        pages += 1;
        assert!(page.ends_with('\n'), "a page ends on a whole line");
        let lines: Vec<serde_json::Value> = page
            .lines()
            .map(|l| serde_json::from_str(l).expect("a whole entry"))
            .collect();
        // One entry past the bound at most: every line but the last started under it.
        let before_last = page.len() - page.lines().last().map_or(0, |l| l.len() + 1);
        assert!(before_last < 4096, "a page of {} bytes", page.len());
        for e in &lines {
            seen.push(e["seq"].as_i64().expect("seq"));
        }
        since = *seen.last().expect("an entry");
    }
    assert_eq!(seen, [1, 2, 3, 4, 5], "every entry once, in order");
    assert!(pages > 1, "the five entries came in {pages} page(s)");
}
