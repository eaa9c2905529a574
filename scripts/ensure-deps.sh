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
for bin in openssl ip; do
  command -v "$bin" >/dev/null 2>&1 || echo "[setup] note: $bin not found; tests that need it will say so and skip" >&2
done
exit 0
