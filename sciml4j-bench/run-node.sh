#!/usr/bin/env bash
# Neural ODE training, sciml4j against a PyTorch reference (issue 15, item 7), measured alternately: PyTorch is first
# run once at 1 and once at 2 threads (the faster count is kept), then sciml4j and PyTorch run in turn, A B A B ...,
# --pairs times, each a fresh process that warms up and then times a fixed number of Adam steps of the same problem
# (torchdiffeq's spiral learned by a neural ODE as examples/neural-ode/spiral.yaml: a 2-W-2 tanh field, 64 segments
# of 10 observation intervals per step, RK4 with one step per interval, backpropagation through the solver, Adam 1e-2,
# float64). Reports per side the median wall time per step, the median CPU time per step of the process (all
# threads), their ratios (PyTorch / sciml4j), the load average before and after. Run it on an idle machine.
#
# Usage: sciml4j-bench/run-node.sh [--pairs N] [--width W] [--quick] [--no-build]   (from anywhere)
#   --pairs N   sciml4j/PyTorch pairs (default 3)
#   --width W   hidden width (default 50, the example's)
#   --quick     tiny step counts, 1 pair (unless --pairs is given): a smoke test, not a measurement
#   --no-build  use the jar as built (sciml4j-bench/target/benchmarks.jar)
#
# sciml4j side: java -cp sciml4j-bench/target/benchmarks.jar org.sciml4j.bench.NeuralOdeStep WARMUP EPOCHS WIDTH.
# PyTorch side: sciml4j-bench/python/node/node_torch.py (Debian's python3-torch, installed here when missing).
# Output: the Markdown table on stdout and, written atomically, target/bench/node.md and target/bench/node.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
pairs="" width=50 quick=0 build=1
help_end=18
source "$root/sciml4j-bench/lib/alternate.sh"
bench_only_common_options "$@"
jw=300 je=1500 tw=30 te=300
[ "$quick" = 1 ] && { jw=3 je=5 tw=2 te=5; }

bench_torch
bench_build
bench_setup node
java_cmd=(java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}" ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.NeuralOdeStep "$jw" "$je" "$width")
torch_cmd=("$PY" sciml4j-bench/python/node/node_torch.py --warmup "$tw" --epochs "$te" --width "$width")
bench_alternate "$pairs"
params=$(field params "$s_line") points=$(field points "$s_line")
bench_report "Neural ODE training, alternating runs (sciml4j-bench/run-node.sh --pairs $pairs --width $width$( [ "$quick" = 1 ] && echo ' --quick' || true))" "$points predicted states per step, $params parameters; sciml4j $jw + $je steps, PyTorch $tw + $te steps (warm-up + timed) per run"
