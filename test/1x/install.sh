#!/usr/bin/env bash
# Installs the n8n 1.x engine pair (n8n-core 1.122.48 + n8n-workflow 1.120.31) pinned by
# test/1x/package-lock.json, once per lock: into a per-user cache keyed by the lock's hash,
# ${N8N_NODES_MERCADOPAGO_CACHE:-~/.cache/n8n-nodes-mercadopago}/n8n-1x-<hash>, linked from
# .cache/n8n-1x (what jest.1x.config.js maps n8n-core and n8n-workflow to).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
src="$root/test/1x"
store="${N8N_NODES_MERCADOPAGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-mercadopago}"
hash="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)"
dest="$store/n8n-1x-$hash"
if [[ -f "$dest/.installed" ]]; then
	echo "n8n 1.x engine already installed ($dest)"
else
	rm -rf "$dest" "$dest.partial"
	mkdir -p "$dest.partial"
	cp "$src/package.json" "$src/package-lock.json" "$dest.partial/"
	echo "Installing n8n-core 1.122.48 + n8n-workflow 1.120.31 into $dest"
	(cd "$dest.partial" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	echo "$hash" > "$dest.partial/.installed"
	mv "$dest.partial" "$dest"
fi
mkdir -p "$root/.cache"
if [[ -d "$root/.cache/n8n-1x" && ! -L "$root/.cache/n8n-1x" ]]; then rm -rf "$root/.cache/n8n-1x"; fi
ln -sfn "$dest" "$root/.cache/n8n-1x"
