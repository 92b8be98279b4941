#!/usr/bin/env bash
# Writes Fixtures/xlsx/libreoffice-workers-*.xlsx: Fixtures/small/workers.csv opened in
# LibreOffice Calc and saved as .xlsx, as an office would, by a third program (Debian's
# libreoffice-calc; run from the repository root). XLSXImportCLITests expects them.
#   text-ids:   resident_id and phone columns imported as text (what a careful clerk does)
#   number-ids: every column "standard", so Calc, like Excel, turns ID numbers into numbers
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cp Fixtures/small/workers.csv "$tmp/workers.csv"
soffice --headless --infilter="CSV:44,34,76,1,1/1/2/1/3/2/4/2" --convert-to xlsx --outdir "$tmp/text" "$tmp/workers.csv"
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$tmp/number" "$tmp/workers.csv"
cp "$tmp/text/workers.xlsx" Fixtures/xlsx/libreoffice-workers-text-ids.xlsx
cp "$tmp/number/workers.xlsx" Fixtures/xlsx/libreoffice-workers-number-ids.xlsx
rm -rf "$tmp"
