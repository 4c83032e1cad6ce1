#!/bin/sh
# Builds the one-file element of an earlier commit (default: the last one before core's own
# kernels) and runs the bench on this build and that one side by side, in alternating rounds.
# The earlier core and element are extracted with `git archive` into a temporary folder that
# uses this checkout's node_modules (same tfjs, lit and rollup); nothing in the working tree
# changes.
#   sh benchmark/compare-with-commit.sh [commit] [rounds] [-- bench options]
set -eu
commit=${1:-66af3d5}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git -C "$root" archive "$commit" packages/core packages/element scripts tsconfig.base.json | tar -x -C "$old"
ln -s "$root/node_modules" "$old/node_modules"
# pnpm's links are relative: copied, they lead to the root's node_modules (linked above), and the
# element's @digit-canvas/core to the earlier core beside it.
for pkg in core element; do cp -a "$root/packages/$pkg/node_modules" "$old/packages/$pkg/"; done
(cd "$old/packages/core" && npx rollup -c >/dev/null)
(cd "$old/packages/element" && npx rollup -c >/dev/null)
shift 2 2>/dev/null || true
[ "${1:-}" = "--" ] && shift
node "$here/benchmark/run.mjs" --baseline "$old/packages/element/dist" --rounds "$rounds" "$@"
