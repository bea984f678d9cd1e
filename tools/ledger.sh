#!/usr/bin/env bash
# The consent ledger's tests and benchmark, with a throwaway PostgreSQL cluster.
#
# Sourced by tools/dev, which calls the functions; or run on its own:
#   bash tools/ledger.sh test    install PostgreSQL if missing, start a cluster, cargo test the ledger
#   bash tools/ledger.sh bench   the same cluster, a release build, one line per figure
#   bash tools/ledger.sh setup   only install what is missing
#
# ledger_setup            installs Debian's postgresql with apt-get, only if it is missing
# ledger_postgres_start   initdb + pg_ctl in a temp dir on a free loopback port; exports
#                         LEDGER_TEST_POSTGRES_URL; stops the cluster on exit (ledger_postgres_stop)
# ledger_postgres_stop    stops and removes the cluster; safe to call twice or with none running
# ledger_test             cargo test -p consent-terms-ledger with the cluster up
# ledger_bench            release build; SQLite, PostgreSQL and verify-only figures

LEDGER_PG_DIR=""
LEDGER_PG_BIN=""

_ledger_say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

_ledger_as_postgres() { # runs a command as the cluster's owner (PostgreSQL refuses root)
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_ledger_pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then LEDGER_PG_BIN=$dir; return 0; fi
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        LEDGER_PG_BIN=$(dirname "$(command -v initdb)"); return 0
    fi
    return 1
}

ledger_setup() {
    if _ledger_pg_bin; then return 0; fi
    command -v apt-get >/dev/null || { echo "PostgreSQL is needed for the ledger tests and apt-get is absent; install PostgreSQL (initdb, pg_ctl) by hand" >&2; return 1; }
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    _ledger_say "apt-get install postgresql"
    $sudo apt-get update -qq || { echo "apt-get update failed" >&2; return 1; }
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
        || { echo "apt-get could not install postgresql; to install it by hand: apt-get install postgresql" >&2; return 1; }
    _ledger_pg_bin || { echo "postgresql installed but initdb is not found under /usr/lib/postgresql" >&2; return 1; }
}

_ledger_free_port() {
    local port tries=0
    while [ $tries -lt 200 ]; do
        port=$(( 20000 + RANDOM % 20000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
        tries=$((tries + 1))
    done
    return 1
}

_ledger_add_exit_trap() { # chains ledger_postgres_stop before whatever EXIT trap is set
    local existing
    existing=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
    case "$existing" in *ledger_postgres_stop*) return 0 ;; esac
    if [ -n "$existing" ]; then
        # shellcheck disable=SC2064
        trap "ledger_postgres_stop; $existing" EXIT
    else
        trap ledger_postgres_stop EXIT
    fi
}

ledger_postgres_start() {
    [ -n "$LEDGER_PG_DIR" ] && return 0
    _ledger_pg_bin || ledger_setup || return 1
    local port dir
    port=$(_ledger_free_port) || { echo "no free loopback port for PostgreSQL" >&2; return 1; }
    dir=$(mktemp -d "${TMPDIR:-/tmp}/consent-ledger-pg.XXXXXX") || return 1
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    LEDGER_PG_DIR=$dir
    _ledger_add_exit_trap
    _ledger_as_postgres "$LEDGER_PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; ledger_postgres_stop; return 1; }
    _ledger_as_postgres "$LEDGER_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; ledger_postgres_stop; return 1; }
    export LEDGER_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
    _ledger_say "PostgreSQL $("$LEDGER_PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
}

ledger_postgres_stop() {
    [ -n "$LEDGER_PG_DIR" ] || return 0
    local dir=$LEDGER_PG_DIR
    LEDGER_PG_DIR=""
    if [ -f "$dir/data/postmaster.pid" ]; then
        _ledger_as_postgres "$LEDGER_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    unset LEDGER_TEST_POSTGRES_URL
}

ledger_test() {
    ledger_postgres_start || return 1
    _ledger_say "cargo test -p consent-terms-ledger (SQLite file and PostgreSQL at $LEDGER_TEST_POSTGRES_URL)"
    # The elliptic-curve crates are optimised even in the dev profile (Cargo.toml), so the
    # 1,600-receipt and crash tests take seconds in the same target directory as the rest.
    local rc=0
    cargo test -p consent-terms-ledger || rc=$?
    ledger_postgres_stop
    return $rc
}

ledger_bench() {
    # The workspace's release profile is tuned for the wasm's size (opt-level "z", fat LTO, one
    # codegen unit); the service is measured as it would be deployed: optimised for speed, in a
    # target directory of its own so the widget's release artefacts stay as they are.
    local target=${CARGO_TARGET_DIR:-target}/ledger-release
    _ledger_say "cargo build --release -p consent-terms-ledger --features test-helpers (opt-level 3)"
    CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_TARGET_DIR=$target \
        cargo build --release --quiet -p consent-terms-ledger --features test-helpers || return 1
    local bin=$target/release/consent-terms-ledger
    local tmp receipts=${LEDGER_BENCH_RECEIPTS:-2000} clients=${LEDGER_BENCH_CLIENTS:-8}
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/consent-ledger-bench.XXXXXX") || return 1
    _ledger_say "benchmark: $receipts receipts, $clients clients, on $(nproc) cores"
    "$bin" bench --agreements agreements --db "sqlite://$tmp/bench.db" --receipts "$receipts" --clients "$clients" || { rm -rf "$tmp"; return 1; }
    rm -rf "$tmp"
    ledger_postgres_start || return 1
    "$bin" bench --agreements agreements --db "$LEDGER_TEST_POSTGRES_URL" --receipts "$receipts" --clients "$clients" \
        | grep -v '^verify-only' || { ledger_postgres_stop; return 1; }
    ledger_postgres_stop
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    cd "$(dirname "$0")/.."
    case "${1:-}" in
        setup) ledger_setup ;;
        test) ledger_setup && ledger_test ;;
        bench) ledger_setup && ledger_bench ;;
        *) echo "usage: bash tools/ledger.sh test|bench|setup" >&2; exit 2 ;;
    esac
fi
