#!/usr/bin/env bash
# DeepONet training, sciml4j against a PyTorch reference (issue 14, "Speed": one DeepONet epoch at least 3 times
# faster), measured alternately: PyTorch is first run once at 1 and once at 2 threads (the faster count is kept),
# then sciml4j and PyTorch run in turn, A B A B ..., --pairs times, each a fresh process that warms up and then times
# a fixed number of full-batch Adam epochs of the same problem: the DeepONet repository's antiderivative setup
# (examples/operators/deeponet-antiderivative.yaml): 10^4 (function, point, value) triples made once by the example's
# generator spec (RBF GRF, l = 0.2, 100 sensors, one random point per function) into an .npz both sides read;
# branch [100, 40, 40], trunk [1, 40, 40] (ReLU, also on the trunk's output), bias, mean square error, Adam 1e-3,
# float64. One epoch = one full-batch Adam step over the 10^4 triples.
# Reports per side the median wall time per epoch, the median CPU time per epoch of the process (all threads), their
# ratios (PyTorch / sciml4j), the load average before and after. Run it on an idle machine: on a loaded one the
# figures say little.
#
# Usage: sciml4j-bench/run-deeponet.sh [--pairs N] [--quick] [--no-build]   (from anywhere)
#   --pairs N   sciml4j/PyTorch pairs (default 3)
#   --quick     tiny epoch counts, 1 pair (unless --pairs is given): a smoke test, not a measurement
#   --no-build  use the jar as built (sciml4j-bench/target/benchmarks.jar)
#
# sciml4j side: java -cp sciml4j-bench/target/benchmarks.jar org.sciml4j.bench.DeepOnetStep WARMUP EPOCHS DATA.npz.
# PyTorch side: sciml4j-bench/python/deeponet/deeponet_torch.py (Debian's python3-torch, installed here when missing).
# Output: the Markdown table on stdout and, written atomically, target/bench/deeponet.md and target/bench/deeponet.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
pairs="" quick=0 build=1
help_end=21
source "$root/sciml4j-bench/lib/alternate.sh"
bench_only_common_options "$@"
jw=100 je=300 tw=20 te=100 n=10000
[ "$quick" = 1 ] && { jw=2 je=3 tw=1 te=2 n=500; }

bench_torch
bench_build
bench_setup deeponet
java_base=(java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}" ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.DeepOnetStep)
echo "== making $n antiderivative triples (examples/operators/data/antiderivative-points.yaml) in $work" >&2
"${java_base[@]}" --export examples/operators/data/antiderivative-points.yaml "$work/antiderivative.npz" "$n" >&2
java_cmd=("${java_base[@]}" "$jw" "$je" "$work/antiderivative.npz")
torch_cmd=("$PY" sciml4j-bench/python/deeponet/deeponet_torch.py --data "$work/antiderivative.npz" --warmup "$tw" --epochs "$te")
bench_alternate "$pairs"
params=$(field params "$s_line") points=$(field points "$s_line")
bench_report "DeepONet training, alternating runs (sciml4j-bench/run-deeponet.sh --pairs $pairs$( [ "$quick" = 1 ] && echo ' --quick' || true))" "antiderivative, $points (function, point, value) triples, full batch, $params parameters (branch [100, 40, 40], trunk [1, 40, 40], ReLU); sciml4j $jw + $je epochs, PyTorch $tw + $te epochs (warm-up + timed) per run"
