#!/usr/bin/env bash
# Fuzz the CSV reader and the importers with libFuzzer for a bounded time (default 60 s).
#   scripts/fuzz.sh [SECONDS]
# Seeds come from Fixtures/ (every CSV, with a kind byte in front). A crash leaves
# crash-* files in .build-fuzz/; turn each into a regression test in
# Tests/BancheIOTests/HostileInputTests.swift.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
out=.build-fuzz
mkdir -p "$out/corpus"
i=0
for f in Fixtures/*/*.csv Fixtures/bad/*.csv; do
  i=$((i + 1))
  { printf "\\x$(printf %02x $((i % 6)))"; cat "$f"; } > "$out/corpus/seed-$i" 2>/dev/null || true
done
# BancheCore and BancheIO compiled into one module with the fuzz entry point
# (their `import BancheCore` lines dropped, since it is all one module here). The .xlsx
# reader and the reader that chooses it need ZIPFoundation and are left out.
rm -rf "$out/src" && mkdir -p "$out/src"
for f in $(find Sources/BancheCore Sources/BancheIO -name '*.swift' | grep -v -e XLSXReader.swift -e TableReader.swift | sort); do
  sed '/^import BancheCore$/d' "$f" > "$out/src/$(echo "$f" | tr / _)"
done
swiftc -O -sanitize=fuzzer,address -parse-as-library -enable-bare-slash-regex -module-name BancheFuzz \
  "$out"/src/*.swift scripts/fuzz/ImportFuzz.swift -o "$out/import-fuzz" 2>&1 | grep -v "warning:" || true
test -x "$out/import-fuzz"
"$out/import-fuzz" "$out/corpus" -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -artifact_prefix="$out/" -print_final_stats=1
