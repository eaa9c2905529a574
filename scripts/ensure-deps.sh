#!/usr/bin/env bash
# Installs what the demo, the tests and the benchmark need on a fresh machine:
# npm packages (when missing or stale) and Redis 7 from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

missing=()
for bin in redis-server redis-sentinel redis-cli; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing Redis from Debian's packages (missing: ${missing[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q redis-server redis-sentinel redis-tools >/dev/null 2>&1 || {
      apt-get update -q >/dev/null
      apt-get install -y -q redis-server redis-sentinel redis-tools >/dev/null
    }
  else
    echo "[setup] missing: ${missing[*]}." >&2
    echo "[setup] install Redis 7 first, as root: apt-get install -y redis-server redis-sentinel redis-tools" >&2
    exit 1
  fi
fi
# Debian starts a system redis-server on 6379 after install; the lab never uses it, so leave it be.
# openssl makes the TLS certificates of the TLS tests; ip (iproute2) builds the minikube-like lab.
extra=()
command -v openssl >/dev/null 2>&1 || extra+=(openssl)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || extra+=(iproute2)
# tclsh runs Redis's own test suite (npm run test:redis-suite).
command -v tclsh >/dev/null 2>&1 || extra+=(tcl)
if [ ${#extra[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing ${extra[*]} from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${extra[@]}" >/dev/null 2>&1 || {
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${extra[@]}" >/dev/null
    }
  else
    echo "[setup] note: ${extra[*]} not found; tests that need them say so and skip (as root: apt-get install -y ${extra[*]})" >&2
  fi
fi
exit 0
