#!/usr/bin/env bash
# Minimises the fuzz corpus of FrontEndFuzzTest: the fewest inputs that together reach every
# coverage feature of the inputs committed and of those the last fuzzing runs left in
# .cifuzz-corpus, with libFuzzer's set-cover merge, and puts them into the inputs folder that a
# plain `mvn test` replays. Findings (oom-*, timeout-*, crash-*) are kept as they are.
# Run from the repository root after fuzzing (grammar/README.md), with the grammar module built:
#   grammar/fuzz-minimise.sh
set -euo pipefail
cd "$(dirname "$0")"
inputs=src/test/resources/nnlang/frontend/FrontEndFuzzTestInputs/checkGivesNetworksOrPositionedDiagnostics
fuzzed=.cifuzz-corpus/nnlang.frontend.FrontEndFuzzTest/checkGivesNetworksOrPositionedDiagnostics
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
classpath="$PWD/target/test-classes:$PWD/target/classes:$PWD/../runtime/target/classes:$(cat "$work/cp.txt")"

# libFuzzer's merge runs its driver again by the name "jazzer"; this one is Jazzer with our classes.
mkdir "$work/bin"
cat > "$work/bin/jazzer" <<LAUNCHER
#!/bin/sh
exec java -Xmx1g -cp "$classpath" com.code_intelligence.jazzer.Jazzer "\$@"
LAUNCHER
chmod +x "$work/bin/jazzer"

mkdir "$work/corpus" "$work/min"
find "$inputs" -type f ! -name 'oom-*' ! -name 'timeout-*' ! -name 'crash-*' -exec cp {} "$work/corpus/" \;
if [ -d "$fuzzed" ]; then cp "$fuzzed"/* "$work/corpus/"; fi
echo "merging $(ls "$work/corpus" | wc -l) inputs"
PATH="$work/bin:$PATH" jazzer --target_class=nnlang.frontend.FrontEndFuzzTest \
    --instrumentation_includes='nnlang.**' -set_cover_merge=1 "$work/min" "$work/corpus" > "$work/merge.log" 2>&1 \
    || { tail -20 "$work/merge.log"; exit 1; }
grep 'MERGE-OUTER: .* new files' "$work/merge.log"

find "$inputs" -type f ! -name 'oom-*' ! -name 'timeout-*' ! -name 'crash-*' -delete
cp "$work/min"/* "$inputs/"
echo "$(ls "$inputs" | wc -l) inputs in $inputs ($(cat "$inputs"/* | wc -c) bytes)"
