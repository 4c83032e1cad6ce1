#!/bin/sh
# Alternates the trainer bench of an earlier commit (default: the last one before data-parallel
# training) with this checkout's bench, ROUNDS times, so both see the same load on a shared
# machine. The earlier trainer is extracted by old-trainer.sh (git archive, this checkout's
# node_modules); nothing in the working tree changes.
#   sh benchmark/compare-with-commit.sh [commit] [rounds]
set -eu
commit=${1:-12c29e9}
rounds=${2:-4}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/benchmark/old-trainer.sh"
extract_trainer "$commit"
# The earlier bench also timed the cpu backend (a minute a run): wasm only.
sed -i "/backend: 'cpu', batchSize: 8/d" "$old/packages/trainer/benchmark/train.bench.ts"
i=0
while [ "$i" -lt "$rounds" ]; do
  (cd "$old/packages/trainer" && node --import tsx benchmark/train.bench.ts | sed "s/^/$commit: /")
  (cd "$here" && node --import tsx benchmark/train.bench.ts --rounds 1 | sed 's/^/this: /')
  i=$((i + 1))
done
