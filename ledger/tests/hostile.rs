//! The ledger under hostile clients, on loopback: half-sent requests are cut after the header
//! timeout and cannot hold more connections than the cap (so not the process's last file
//! descriptors), `/healthz` answers through a flood of them, a request whose body never comes
//! gets 408, and what a client sends cannot write a line of its own into the log.

mod common;

use common::*;
use std::io::{BufRead, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The real program, under an open-file limit of its own, on a fresh SQLite file.
struct Service {
    child: Child,
    addr: SocketAddr,
    log: std::path::PathBuf,
    _dir: TempDir,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(open_files: u32, extra: &[&str]) -> Service {
    let dir = TempDir::new("hostile");
    std::fs::write(dir.0.join("token"), TOKEN).expect("token");
    let log = dir.0.join("server.log");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n {open_files} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_consent-terms-ledger"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .arg("--db")
        .arg(format!("sqlite://{}", dir.0.join("ledger.db").display()))
        .arg("--agreements")
        .arg(agreements_dir())
        .arg("--token-file")
        .arg(dir.0.join("token"))
        .arg("--ledger-key")
        .arg(dir.0.join("ledger-key.jwk"))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::from(std::fs::File::create(&log).expect("log file")))
        .spawn()
        .expect("start consent-terms-ledger");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the listening line");
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("the service did not start: {line:?}"));
    Service {
        child,
        addr,
        log,
        _dir: dir,
    }
}

/// Sockets the process holds open (its listener and its connections).
fn sockets_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| std::fs::read_link(e.path()).ok())
                .filter(|target| target.to_string_lossy().starts_with("socket:"))
                .count()
        })
        .unwrap_or(0)
}

/// A request head cut short: no blank line, so the server waits for the rest.
const HALF_SENT: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: ledger\r\nX-Waiting: ";

/// `GET /healthz` on a new connection, answered within `within`: its status line, or why not.
fn healthz(addr: SocketAddr, within: Duration) -> Result<String, String> {
    let deadline = Instant::now() + within;
    let mut stream = TcpStream::connect_timeout(&addr, within).map_err(|e| e.to_string())?;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: ledger\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(format!("no answer within {within:?}"));
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|e| e.to_string())?;
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if answer.is_empty() => return Err(format!("no answer: {e}")),
            Err(_) => break,
        }
    }
    let text = String::from_utf8_lossy(&answer).into_owned();
    Ok(text.lines().next().unwrap_or("").to_string())
}

/// Reads until the server closes the connection; how long that took, or None within `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        if left.is_zero() {
            return None;
        }
        stream.set_read_timeout(Some(left)).ok()?;
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(started.elapsed())
            }
            Err(_) => return None,
        }
    }
}

#[test]
fn a_flood_of_half_sent_requests_neither_holds_the_ledger_nor_its_descriptors() {
    // 300 half-sent requests without a token, more than the 256 files the process may open; at
    // most 200 connections at once, each cut 2 s after it was accepted.
    const FLOOD: usize = 300;
    const CAP: usize = 200;
    let header_timeout = Duration::from_secs(2);
    let service = spawn(
        256,
        &[
            "--header-timeout",
            "2",
            "--max-connections",
            &CAP.to_string(),
        ],
    );
    let pid = service.child.id();
    let idle = sockets_of(pid);
    assert!(
        healthz(service.addr, Duration::from_secs(5)).is_ok_and(|status| status.contains(" 200 "))
    );

    let started = Instant::now();
    let mut held = Vec::with_capacity(FLOOD);
    for _ in 0..FLOOD {
        let mut s = TcpStream::connect_timeout(&service.addr, Duration::from_secs(2))
            .expect("loopback connects (queued by the kernel once the ledger stops accepting)");
        s.write_all(HALF_SENT)
            .expect("the half-sent head is written");
        held.push(s);
    }
    // The ledger's sockets while the flood is on: never more than the cap, plus its listener.
    let watcher = std::thread::spawn(move || {
        let mut most = 0;
        let until = Instant::now() + Duration::from_millis(2500);
        while Instant::now() < until {
            most = most.max(sockets_of(pid));
            std::thread::sleep(Duration::from_millis(20));
        }
        most
    });
    // The first 200 are cut at 2 s, then the other 100 and this request are accepted: it is
    // answered within the header timeout plus a margin, counted from the flood's start.
    let answer = healthz(service.addr, header_timeout + Duration::from_secs(4));
    let answered_after = started.elapsed();
    let most = watcher.join().expect("watcher");
    assert!(
        answer.as_ref().is_ok_and(|status| status.contains(" 200 ")),
        "/healthz during the flood: {answer:?}"
    );
    assert!(
        answered_after < header_timeout + Duration::from_secs(4),
        "/healthz answered after {answered_after:?}"
    );
    assert!(
        most <= idle + CAP,
        "the ledger held {most} sockets ({idle} idle) with a cap of {CAP} connections"
    );
    assert!(
        most >= idle + CAP / 2,
        "the flood reached the ledger ({most} sockets, {idle} idle)"
    );
    // Every held connection is closed by the ledger, none answered: they sent no whole head.
    let mut closed = 0;
    for s in &mut held {
        if closed_within(s, Duration::from_secs(8)).is_some() {
            closed += 1;
        }
    }
    assert_eq!(closed, FLOOD, "every half-sent request is cut");
    assert!(healthz(service.addr, Duration::from_secs(2)).is_ok());
}

#[test]
fn a_half_sent_request_and_a_silent_connection_are_closed_after_the_header_timeout() {
    let service = spawn(1024, &["--header-timeout", "1.5"]);
    let mut half = TcpStream::connect(service.addr).expect("connects");
    half.write_all(HALF_SENT).expect("writes");
    let mut silent = TcpStream::connect(service.addr).expect("connects");
    let took = closed_within(&mut half, Duration::from_secs(6));
    assert!(
        took.is_some_and(|t| t >= Duration::from_millis(1300) && t < Duration::from_secs(4)),
        "the half-sent request was closed after {took:?}"
    );
    let took = closed_within(&mut silent, Duration::from_secs(6));
    assert!(
        took.is_some_and(|t| t < Duration::from_secs(4)),
        "the silent connection was closed after {took:?}"
    );
    // A whole request on a fresh connection is answered as ever.
    assert!(
        healthz(service.addr, Duration::from_secs(5)).is_ok_and(|status| status.contains(" 200 "))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_body_never_comes_gets_408() {
    let Some(s) = TestServer::start_configured(Backend::Sqlite, |c| {
        c.limits.request_timeout = Duration::from_millis(1500);
    })
    .await
    else {
        return;
    };
    let addr = s.running.addr;
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream
            .write_all(
                format!(
                    "POST /v1/receipts HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer {TOKEN}\r\n\
                     Content-Type: application/jose\r\nContent-Length: 1000\r\n\r\neyJhbGciOi"
                )
                .as_bytes(),
            )
            .expect("writes");
        let started = Instant::now();
        stream
            .set_read_timeout(Some(Duration::from_secs(8)))
            .expect("timeout");
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
        (started.elapsed(), String::from_utf8_lossy(&answer).into_owned())
    })
    .await
    .expect("client");
    let (took, text) = answer;
    assert!(text.starts_with("HTTP/1.1 408"), "{took:?}: {text:?}");
    assert!(text.contains("\"code\":\"request-timeout\""), "{text}");
    assert!(
        took >= Duration::from_millis(1300) && took < Duration::from_secs(5),
        "{took:?}"
    );
    // Nothing was stored.
    assert_eq!(s.export(0).await, "");
}

#[test]
fn what_a_client_sends_cannot_forge_a_log_line() {
    let service = spawn(1024, &[]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let catalog = catalog();
    let forged = "2026-12-01T00:00:00.000000Z  INFO consent_terms_ledger::server: receipt stored seq=1 subject=\"someone-else\"";
    let subject = format!("eve\n{forged}");
    runtime.block_on(async {
        let addr = service.addr;
        let call = |path: &'static str, content_type: &'static str, body: Vec<u8>| async move {
            consent_terms_ledger::client::request(
                addr,
                "POST",
                path,
                Some(TOKEN),
                Some(content_type),
                &body,
            )
            .await
        };
        let ask = |subject: &str| {
            let body = serde_json::json!({ "subject": subject, "audience": AUDIENCE });
            call(
                "/v1/nonces",
                "application/json",
                body.to_string().into_bytes(),
            )
        };
        // A subject with a line break is refused: no console or log shows it.
        let r = ask(&subject).await.expect("answers");
        assert_eq!(r.status, 400, "{}", r.text());
        let r = ask("eve").await.expect("answers");
        assert_eq!(r.status, 201, "{}", r.text());
        let nonce = r.json()["nonce"].as_str().expect("nonce").to_string();
        let record = record_now(&catalog, CDN_SIGN_UP, "eve", &nonce);
        let r = call(
            "/v1/receipts",
            "application/jose",
            sign(&record).into_bytes(),
        )
        .await
        .expect("answers");
        assert_eq!(r.status, 201, "{}", r.text());
        // A nonce with a line break: refused, and the refusal logged with it.
        let record = record_now(
            &catalog,
            CDN_SIGN_UP,
            "mallory",
            "no-such-nonce\nFORGED-LINE consent_terms_ledger::server: receipt stored",
        );
        let r = call(
            "/v1/receipts",
            "application/jose",
            sign(&record).into_bytes(),
        )
        .await
        .expect("answers");
        assert_eq!(r.json()["code"], "nonce-unknown", "{}", r.text());
    });
    // The log is written as each event happens.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut log = String::new();
    while Instant::now() < deadline {
        log = std::fs::read_to_string(&service.log).expect("the log");
        if log.contains("receipt refused") && log.contains("receipt stored") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        log.contains("receipt refused") && log.contains("receipt stored"),
        "{log}"
    );
    for line in log.lines() {
        assert!(
            !line.starts_with("2026-12-01T00:00:00.000000Z") && !line.starts_with("FORGED-LINE"),
            "a client wrote a line into the log: {line:?}\n{log}"
        );
    }
    assert!(
        log.contains("no-such-nonce\\\\u{000A}FORGED-LINE"),
        "the nonce is logged escaped:\n{log}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_its_answers_cannot_hold_a_slot() {
    // Requests pipelined by the thousand whose answers are never read: the answers fill the
    // socket, the ledger stops reading requests, and no header timer runs. A connection that
    // takes nothing of its answer for the request timeout is closed, so two such clients do not
    // keep the two slots from everyone else.
    let service = spawn(
        1024,
        &[
            "--header-timeout",
            "2",
            "--request-timeout",
            "2",
            "--max-connections",
            "2",
        ],
    );
    let pipeline = b"GET /healthz HTTP/1.1\r\nHost: ledger\r\n\r\n".repeat(300_000);
    let stalled: Vec<_> = (0..2)
        .map(|_| {
            let (addr, pipeline) = (service.addr, pipeline.clone());
            tokio::spawn(async move {
                use tokio::io::AsyncWriteExt;
                let socket = tokio::net::TcpSocket::new_v4().expect("socket");
                socket.set_recv_buffer_size(1024).expect("a small buffer");
                let mut stream = socket.connect(addr).await.expect("connects");
                let started = Instant::now();
                // Written until the ledger stops reading, then until it closes the connection.
                let _ = stream.write_all(&pipeline).await;
                started.elapsed()
            })
        })
        .collect();
    // The ledger answers the pipeline until the sockets are full (seconds, in a debug build),
    // then waits the request timeout for the client to take something.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let addr = service.addr;
    let answered = tokio::task::spawn_blocking(move || healthz(addr, Duration::from_secs(25)))
        .await
        .expect("the check ran");
    assert!(
        answered.as_ref().is_ok_and(|s| s.contains(" 200 ")),
        "/healthz behind two clients that read nothing: {answered:?}"
    );
    for client in stalled {
        let took = tokio::time::timeout(Duration::from_secs(30), client).await;
        assert!(
            matches!(took, Ok(Ok(t)) if t < Duration::from_secs(30)),
            "a client that reads nothing kept its connection: {took:?}"
        );
    }
}
