#!/usr/bin/env bash
# HNN training, sciml4j against a PyTorch reference (issue 15, item 7), measured alternately: PyTorch is first run
# once at 1 and once at 2 threads (the faster count is kept), then sciml4j and PyTorch run in turn, A B A B ...,
# --pairs times, each a fresh process that warms up and then times a fixed number of full-batch Adam epochs of the
# same problem (Greydanus's mass-spring HNN on derivatives: 750 states, H a 2-200-200-1 tanh network, the field
# J grad H through the input gradient with create-graph, Adam 1e-3 with weight decay 1e-4, float64).
# Reports per side the median wall time per epoch, the median CPU time per epoch of the process (all threads), their
# ratios (PyTorch / sciml4j), the load average before and after. Run it on an idle machine: on a loaded one the
# figures say little.
#
# Usage: sciml4j-bench/run-hnn.sh [--pairs N] [--width W] [--quick] [--no-build]   (from anywhere)
#   --pairs N   sciml4j/PyTorch pairs (default 3)
#   --width W   hidden width (default 200, the paper's)
#   --quick     tiny epoch counts, 1 pair (unless --pairs is given): a smoke test, not a measurement
#   --no-build  use the jar as built (sciml4j-bench/target/benchmarks.jar)
#
# sciml4j side: java -cp sciml4j-bench/target/benchmarks.jar org.sciml4j.bench.HnnStep WARMUP EPOCHS WIDTH.
# PyTorch side: sciml4j-bench/python/hnn/hnn_torch.py (Debian's python3-torch, installed here when missing).
# Output: the Markdown table on stdout and, written atomically, target/bench/hnn.md and target/bench/hnn.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
pairs="" width=200 quick=0 build=1
help_end=19
source "$root/sciml4j-bench/lib/alternate.sh"
bench_only_common_options "$@"
jw=200 je=500 tw=50 te=500
[ "$quick" = 1 ] && { jw=3 je=5 tw=2 te=5; }

bench_torch
bench_build
bench_setup hnn
java_cmd=(java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}" ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.HnnStep "$jw" "$je" "$width")
torch_cmd=("$PY" sciml4j-bench/python/hnn/hnn_torch.py --warmup "$tw" --epochs "$te" --width "$width")
bench_alternate "$pairs"
params=$(field params "$s_line") points=$(field points "$s_line")
bench_report "HNN training, alternating runs (sciml4j-bench/run-hnn.sh --pairs $pairs --width $width$( [ "$quick" = 1 ] && echo ' --quick' || true))" "$points states, $params parameters; sciml4j $jw + $je epochs, PyTorch $tw + $te epochs (warm-up + timed) per run"
