#!/bin/sh
# Alternates the trainer bench of an earlier commit (default: the last one before data-parallel
# training) with this checkout's bench, ROUNDS times, so both see the same load on a shared
# machine. The earlier trainer is extracted with `git archive` into a temporary folder that uses
# this checkout's node_modules; nothing in the working tree changes.
#   sh benchmark/compare-with-commit.sh [commit] [rounds]
set -eu
commit=${1:-12c29e9}
rounds=${2:-4}
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git -C "$root" archive "$commit" packages/trainer tsconfig.base.json | tar -x -C "$old"
ln -s "$root/node_modules" "$old/node_modules"
ln -s "$here/node_modules" "$old/packages/trainer/node_modules"
# The earlier bench also timed the cpu backend (a minute a run): wasm only.
sed -i "/backend: 'cpu', batchSize: 8/d" "$old/packages/trainer/benchmark/train.bench.ts"
i=0
while [ "$i" -lt "$rounds" ]; do
  (cd "$old/packages/trainer" && node --import tsx benchmark/train.bench.ts | sed "s/^/$commit: /")
  (cd "$here" && node --import tsx benchmark/train.bench.ts --rounds 1 | sed 's/^/this: /')
  i=$((i + 1))
done
