#!/usr/bin/env bash
# How many dist/ files a one-line change rewrites: builds the tree into a scratch folder, then
# again with one string changed in one source file, and counts the files that are new, gone or
# different — what a reviewer of the dist commit sees. Defaults: a warning text of the gate.
#   scripts/measure-dist-churn.sh [file] [sed expression]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-src/readiness/gate.ts}
edit=${2:-s/cloud-init was not checked/cloud-init was not looked at/}
scratch=$(mktemp -d)
cp "$file" "$scratch/source"
trap 'cp "$scratch/source" "$file"; rm -rf "$scratch"' EXIT
node scripts/build.mjs --outdir "$scratch/clean" >/dev/null
sed -i "$edit" "$file"
cmp -s "$file" "$scratch/source" && { echo "the edit changed nothing in $file" >&2; exit 2; }
node scripts/build.mjs --outdir "$scratch/changed" >/dev/null
changed=0
while IFS= read -r path; do
  cmp -s "$scratch/clean/$path" "$scratch/changed/$path" || changed=$((changed + 1))
done < <({ (cd "$scratch/clean" && find . -type f); (cd "$scratch/changed" && find . -type f); } | sort -u)
total=$(find "$scratch/changed" -type f | wc -l)
echo "a one-line change in $file rewrites $changed of $total dist files"
