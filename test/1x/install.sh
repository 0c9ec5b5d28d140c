#!/usr/bin/env bash
# Installs the n8n 1.x engine pair from test/1x/package-lock.json into .cache/n8n-1x,
# once per lock file: skipped when the same lock is already installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
src="$root/test/1x"
dest="$root/.cache/n8n-1x"
hash="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)"
if [[ -f "$dest/.installed" && "$(cat "$dest/.installed")" == "$hash" ]]; then
	echo "n8n 1.x engine already installed in $dest ($hash)"
	exit 0
fi
rm -rf "$dest"
mkdir -p "$dest"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
echo "Installing n8n-core 1.122.48 + n8n-workflow 1.120.31 into $dest"
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "$hash" > "$dest/.installed"
