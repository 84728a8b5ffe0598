#!/usr/bin/env bash
# Installs every Debian and npm package Stadtkern needs to build, test and
# benchmark. Idempotent and non-interactive: packages already present are
# skipped, so a second run costs a few seconds.
#
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh bench    additionally wrk and nginx (benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache clang-format
  # C++ libraries (see docs/dependencies.md)
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libtomlplusplus-dev zlib1g-dev libxapian-dev libcurl4-openssl-dev
  # appointments: Europe/Berlin time zone rules, .ics calendar files
  libhowardhinnant-date-dev libical-dev
  # the memory allocator of release builds (src/app/allocator.hpp)
  libjemalloc-dev
  # MQTT ingest (libmosquitto), a broker for its tests and the clients for bench/mqtt.sh
  libmosquitto-dev mosquitto mosquitto-clients
  # tests
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-pytest python3-requests
  chromium fonts-dejavu-core
  # web app build
  nodejs npm
  # fuzzing: libFuzzer targets of fuzz/
  clang
)
BENCH_PACKAGES=(wrk nginx-light sqlite3)

packages=("${DEBIAN_PACKAGES[@]}")
if [[ "${1:-}" == "bench" ]]; then
  packages+=("${BENCH_PACKAGES[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  # node may come from another source than Debian; accept any working node/npm.
  if [[ "$p" == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ "$p" == npm ]] && command -v npm >/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages of the web app and the browser tests, from the lock file.
if [[ ! -d web/node_modules ]] || [[ web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  echo "==> installing npm packages (web/)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

# npm packages of the SHACL validation of the DCAT-AP.de catalogue (tests/shacl).
if [[ ! -d tests/shacl/node_modules ]] || [[ tests/shacl/package-lock.json -nt tests/shacl/node_modules/.package-lock.json ]]; then
  echo "==> installing npm packages (tests/shacl/)"
  (cd tests/shacl && npm ci --no-audit --no-fund --loglevel=error)
fi
