#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (MongoDB wire protocol over SQLite) into
# .ferretdb/bin/ferretdb for the store contract tests. Idempotent: does
# nothing when a working binary is already there.
#
# Why not `go install …/cmd/ferretdb@v1.24.2`: the module as published lacks
# build/version/version.txt, and such a binary panics at start ("Invalid
# build/version/version.txt"). So the module source is copied, the version
# file written, and the binary built from that copy.
set -euo pipefail

VERSION="v1.24.2"
MODULE="github.com/FerretDB/FerretDB"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.ferretdb/bin/ferretdb"

if [ -x "$BIN" ] && [[ "$("$BIN" --version 2>/dev/null || true)" == *"version: $VERSION"* ]]; then
  echo "ferretdb $VERSION already installed at $BIN"
  exit 0
fi

command -v go >/dev/null || { echo "install-ferretdb: go is required" >&2; exit 1; }

export GOTOOLCHAIN=local
# `go mod download -json` prints the module's folder in the module cache.
DIR="$(go mod download -json "$MODULE@$VERSION" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);if(m.Error){console.error(m.Error);process.exit(1)}process.stdout.write(m.Dir)})')"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -R "$DIR/." "$WORK/src"
chmod -R u+w "$WORK/src"
echo "$VERSION" > "$WORK/src/build/version/version.txt"

mkdir -p "$(dirname "$BIN")"
(cd "$WORK/src" && GOFLAGS=-mod=mod go build -o "$BIN.tmp" ./cmd/ferretdb)
mv "$BIN.tmp" "$BIN"
"$BIN" --version | sed -n 1p  # sed reads to the end: no SIGPIPE under pipefail
