#!/usr/bin/env bash
# FNO-1D training, sciml4j against a PyTorch reference (issue 14, item 6), measured alternately: PyTorch is first run
# once at 1 and once at 2 threads (the faster count is kept), then sciml4j and PyTorch run in turn, A B A B ...,
# --pairs times, each a fresh process that warms up and then times whole epochs of the same training: neuraloperator's
# fourier_1d.py on Burgers (width 64, 16 modes, 4 layers, s = 256, 549,569 parameters), batches of 20 of the 1000
# training functions (50 steps an epoch), relative L2 loss, Adam 1e-3 with weight decay 1e-4, float64.
# Reports per side the median wall time per epoch, the median CPU time per epoch of the process (all threads), their
# ratios (PyTorch / sciml4j), the load average before and after. Run it on an idle machine: on a loaded one the
# figures say little.
#
# Usage: sciml4j-bench/run-fno.sh [--pairs N] [--data FILE.npz] [--quick] [--no-build]   (from anywhere)
#   --pairs N    sciml4j/PyTorch pairs (default 3)
#   --data FILE  an .npz with inputs and outputs (N >= 1000, 256) for both sides (default: seeded random functions;
#                the time of a step does not depend on the values)
#   --quick      40 functions, 1 timed epoch of 2 steps, 1 pair (unless --pairs is given): a smoke test, not a
#                measurement
#   --no-build   use the jar as built (sciml4j-bench/target/benchmarks.jar)
#
# sciml4j side: java -cp sciml4j-bench/target/benchmarks.jar org.sciml4j.bench.FnoStep WARMUP_STEPS EPOCHS TRAIN [NPZ].
# PyTorch side: sciml4j-bench/python/fno/fno_torch.py (Debian's python3-torch, installed here when missing).
# Output: the Markdown table on stdout and, written atomically, target/bench/fno.md and target/bench/fno.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
pairs="" data="" quick=0 build=1
help_end=21
source "$root/sciml4j-bench/lib/alternate.sh"
while [ $# -gt 0 ]; do
  bench_option "$@"; [ "$consumed" = 0 ] || { shift "$consumed"; continue; }
  case "$1" in
    --data) [ $# -ge 2 ] || { echo "--data needs FILE" >&2; exit 2; }; data="$2"; shift 2 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
bench_pairs
[ -z "$data" ] || [ -f "$data" ] || { echo "--data: no such file: $data" >&2; exit 2; }
[ -z "$data" ] || data=$(cd "$(dirname "$data")" && pwd)/$(basename "$data")
train=1000 jw=30 je=2 tw=5 te=1
[ "$quick" = 1 ] && { train=40 jw=2 je=1 tw=1 te=1; }

bench_torch
bench_build
bench_setup fno
java_cmd=(java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}" ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.FnoStep "$jw" "$je" "$train" ${data:+"$data"})
torch_cmd=("$PY" sciml4j-bench/python/fno/fno_torch.py --warmup "$tw" --epochs "$te" --train "$train" ${data:+--data "$data"})
bench_alternate "$pairs"
params=$(field params "$s_line") points=$(field points "$s_line")
source_line="random data"
[ -z "$data" ] || source_line="data $(basename "$data")"
bench_report "FNO-1D training, alternating runs (sciml4j-bench/run-fno.sh --pairs $pairs$( [ -n "$data" ] && echo " --data $(basename "$data")" || true)$( [ "$quick" = 1 ] && echo ' --quick' || true))" "$points training functions at s = 256, batch 20 ($((points / 20)) steps an epoch), $params parameters; $source_line, sciml4j $jw warm-up steps + $je epochs, PyTorch $tw warm-up steps + $te epoch(s) per run"
