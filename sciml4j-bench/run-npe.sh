#!/usr/bin/env bash
# NPE training, sciml4j against a PyTorch reference (issue 20, "Bench"), measured alternately: PyTorch is first run
# once at 1 and once at 2 threads (the faster count is kept), then sciml4j and PyTorch run in turn, A B A B ...,
# --pairs times, each a fresh process that warms up and then times a fixed number of training passes of the same
# problem: sciml4j's default NPE flow (MAF, 5 transforms, 50 hidden, 2 masked tanh blocks, context into the first
# layer, a random permutation after each step, theta and x z-scored) on the same 10^4 two_moons simulations (sbibm's
# simulator, seed 1, exported once to an .npz that both sides read), 10 % held out, batches of 50, Adam 5e-4,
# gradient norm clipped at 5, the validation loss after every pass, float64. One epoch = one pass (180 Adam steps)
# plus the validation loss.
# Reports per side the median wall time per epoch, the median CPU time per epoch of the process (all threads), their
# ratios (PyTorch / sciml4j), the load average before and after. Run it on an idle machine: on a loaded one the
# figures say little.
#
# Usage: sciml4j-bench/run-npe.sh [--pairs N] [--quick] [--no-build]   (from anywhere)
#   --pairs N   sciml4j/PyTorch pairs (default 3)
#   --quick     tiny epoch counts, 1 pair (unless --pairs is given): a smoke test, not a measurement
#   --no-build  use the jar as built (sciml4j-bench/target/benchmarks.jar)
#
# sciml4j side: java -cp sciml4j-bench/target/benchmarks.jar org.sciml4j.bench.NpeStep WARMUP EPOCHS DATA.npz.
# PyTorch side: sciml4j-bench/python/npe/npe_torch.py (Debian's python3-torch, installed here when missing).
# Output: the Markdown table on stdout and, written atomically, target/bench/npe.md and target/bench/npe.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
pairs="" quick=0 build=1
help_end=21
source "$root/sciml4j-bench/lib/alternate.sh"
bench_only_common_options "$@"
warm=3 epochs=10
[ "$quick" = 1 ] && { warm=1 epochs=2; }

bench_torch
bench_build
bench_setup npe
java_base=(java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}" ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.NpeStep)
echo "== exporting 10^4 two_moons simulations (seed 1) to $work/two_moons.npz" >&2
"${java_base[@]}" --export "$work/two_moons.npz" 10000 >&2
java_cmd=("${java_base[@]}" "$warm" "$epochs" "$work/two_moons.npz")
torch_cmd=("$PY" sciml4j-bench/python/npe/npe_torch.py --data "$work/two_moons.npz" --warmup "$warm" --epochs "$epochs")
bench_alternate "$pairs"
params=$(field params "$s_line") points=$(field points "$s_line")
bench_report "NPE training, alternating runs (sciml4j-bench/run-npe.sh --pairs $pairs$( [ "$quick" = 1 ] && echo ' --quick' || true))" "two_moons, $points training pairs, $params parameters (MAF 5 x 50, 2 blocks), batch 50; $warm + $epochs passes (warm-up + timed) per run on each side"
