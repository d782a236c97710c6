#!/usr/bin/env bash
# Builds the data explorer bundle (the nteract data explorer, React 16, bundled by esbuild into one
# script that defines the global TdrExplorer) with this machine's Node and npm, from the locked
# dependencies, and copies it where the notebook extension and `tdr explore` take it from. The
# result is committed, so the Maven build needs no Node; run this after changing src/ or
# package.json, and commit package-lock.json with it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund
npm run build
out=../src/main/resources/dev/tdr/notebook/nbextension/tdr-explorer
cp dist/tdr-explorer.js "$out/tdr-explorer.js"
cp dist/tdr-explorer.js.LEGAL.txt "$out/tdr-explorer.js.LEGAL.txt"
echo "built $out/tdr-explorer.js ($(wc -c < "$out/tdr-explorer.js") bytes)"
