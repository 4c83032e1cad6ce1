#!/bin/sh
# Alternates trajectory training (benchmark/trajectory.bench.ts, EPOCHS epochs on UNIPEN's training
# writers) of an earlier commit's trainer with this checkout's, ROUNDS times, so both see the same
# load on a shared machine. The earlier trainer is extracted by old-trainer.sh (git archive, this
# checkout's node_modules); nothing in the working tree changes.
#   sh benchmark/compare-trajectory-with-commit.sh [commit] [rounds] [epochs]
set -eu
commit=${1:-HEAD}
rounds=${2:-3}
epochs=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/benchmark/old-trainer.sh"
extract_trainer "$commit"
i=0
while [ "$i" -lt "$rounds" ]; do
  (cd "$here" && node --import tsx benchmark/trajectory.bench.ts --epochs "$epochs" \
    --trainer "$old/packages/trainer" | sed "s/^/$commit: /")
  (cd "$here" && node --import tsx benchmark/trajectory.bench.ts --epochs "$epochs" | sed 's/^/this: /')
  i=$((i + 1))
done
