# Sourced by compare-with-commit.sh and compare-trajectory-with-commit.sh, with $here set to this
# package's folder: `extract_trainer COMMIT` puts that commit's trainer, from `git archive`, in a
# temporary folder ($old, removed on exit) that uses this checkout's node_modules. Nothing in the
# working tree changes.
extract_trainer() {
  root=$(git -C "$here" rev-parse --show-toplevel)
  old=$(mktemp -d)
  trap 'rm -rf "$old"' EXIT
  git -C "$root" archive "$1" packages/trainer tsconfig.base.json | tar -x -C "$old"
  ln -s "$root/node_modules" "$old/node_modules"
  ln -s "$here/node_modules" "$old/packages/trainer/node_modules"
}
