#!/bin/sh
# Alternates trajectory training (benchmark/trajectory.bench.ts, EPOCHS epochs on UNIPEN's training
# writers) of an earlier commit's trainer with this checkout's, ROUNDS times, so both see the same
# load on a shared machine. The earlier trainer is extracted with `git archive` into a temporary
# folder that uses this checkout's node_modules; nothing in the working tree changes.
#   sh benchmark/compare-trajectory-with-commit.sh [commit] [rounds] [epochs]
set -eu
commit=${1:-HEAD}
rounds=${2:-3}
epochs=${3:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git -C "$root" archive "$commit" packages/trainer tsconfig.base.json | tar -x -C "$old"
ln -s "$root/node_modules" "$old/node_modules"
ln -s "$here/node_modules" "$old/packages/trainer/node_modules"
i=0
while [ "$i" -lt "$rounds" ]; do
  (cd "$here" && node --import tsx benchmark/trajectory.bench.ts --epochs "$epochs" \
    --trainer "$old/packages/trainer" | sed "s/^/$commit: /")
  (cd "$here" && node --import tsx benchmark/trajectory.bench.ts --epochs "$epochs" | sed 's/^/this: /')
  i=$((i + 1))
done
