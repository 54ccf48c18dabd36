#!/usr/bin/env bash
# Writes src-tauri/licences.txt: every crate the app is built from (cargo tree, normal
# dependencies only) and every npm package the window ships (ui/package-lock.json without
# dev packages), each with its licence. Settings › About shows it. With --check, fails when
# the file is not what the lock files give (make check).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src-tauri/licences.txt
new=$(
  echo "# Rust crates"
  ${CARGO:-cargo} tree -p counterpay -e normal --prefix none --format '{p}|{l}' --offline --locked \
    | sed -e 's/ (\*)//' -e 's/ (\/[^)]*)//' -e 's/ (proc-macro)//' | sort -u
  echo "# npm packages"
  node -e '
    const lock = require("./ui/package-lock.json");
    const rows = Object.entries(lock.packages)
      // The window bundles its dependencies and the Svelte runtime its components compile to.
      .filter(([path, p]) => path && (!p.dev || path === "node_modules/svelte"))
      .map(([path, p]) => `${path.split("node_modules/").pop()} v${p.version}|${p.license ?? "see package"}`);
    console.log([...new Set(rows)].sort().join("\n"));'
)
if [ "${1:-}" = "--check" ]; then
  if ! diff -q <(echo "$new") "$out" >/dev/null 2>&1; then
    echo "$out is stale: run make licences and commit it" >&2
    exit 1
  fi
else
  echo "$new" > "$out"
fi
