#!/usr/bin/env bash
# One epoch of the convolutional network of ../shared/peers/pytorch_conv.py, in PyTorch (float32,
# then float64) and in nnlang's compiled back end (float64), one after the other, ROUNDS times, with
# the load average before each run: on a shared machine only figures of one session compare.
#   benchmarks/against-pytorch.sh            # the two-conv network, 3 rounds
#   VARIANT=single ROUNDS=2 benchmarks/against-pytorch.sh
# Needs python3 with numpy and torch (Debian: apt-get install python3-numpy python3-torch); PYTHON names
# another interpreter (PYTHON=/usr/bin/python3 where the first python3 on the PATH lacks torch).
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${PEERS:-../shared/peers}
mnist=${MNIST_DIR:-$(cd ../shared/data/mnist && pwd)}
variant=${VARIANT:-two}
rounds=${ROUNDS:-3}
single=$([ "$variant" = single ] && echo --single || true)
mvn -q -o -B -pl benchmarks -am test-compile
for round in $(seq "$rounds"); do
    for dtype in float32 float64; do
        echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo -n "pytorch $variant, $dtype: "
        OMP_NUM_THREADS=1 MNIST_DIR="$mnist" "${PYTHON:-python3}" "$peers/pytorch_conv.py" --epochs 1 --dtype "$dtype" $single
    done
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    mvn -q -o -B -Pbench -pl benchmarks -am test-compile exec:exec -Dbench.main=nnlang.benchmarks.ConvEpoch \
        -Dbench.mnist="$mnist" -Dbench.variant="$variant" -Dbench.epochs=1
done
