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
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) [ $# -ge 2 ] || { echo "--pairs needs N" >&2; exit 2; }; pairs="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$pairs" ] || { [ "$quick" = 1 ] && pairs=1 || pairs=3; }
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] || { echo "--pairs must be a positive integer, got '$pairs'" >&2; exit 2; }
warm=3 epochs=10
[ "$quick" = 1 ] && { warm=1 epochs=2; }

if ! "$PY" -c "import torch" 2>/dev/null; then
  echo "Installing Debian's python3-torch for the reference runs (apt-get update; apt-get install -y python3-torch)..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq python3-torch >/dev/null; fi
fi
if [ "$build" = 1 ]; then
  echo "Building sciml4j-bench (mvn -o -q package -DskipTests)..." >&2
  mvn -B -ntp -o -q package -DskipTests -pl sciml4j-bench -am >&2
fi
jar=${SCIML4J_BENCH_JAR:-$root/sciml4j-bench/target/benchmarks.jar}
[ -f "$jar" ] || { echo "$jar missing: build it (drop --no-build)" >&2; exit 1; }
out=${SCIML4J_BENCH_OUT:-$root/target/bench}
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/sciml4j-npe.XXXXXX")
trap 'rm -rf "$work"' EXIT

field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<" $2" | head -1; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "side,run,threads,ms_per_epoch,cpu_ms_per_epoch,warmup,epochs,load1_before" >"$work/npe.csv"

# run SIDE RUN COMMAND...: one process; appends its CSV row; sets r_ms, r_cpu, r_line
run() {
  local side=$1 runid=$2 log="$work/run.log" load
  shift 2
  load=$(cut -d' ' -f1 /proc/loadavg)
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "run failed: $side ($*)" >&2; exit 1; }
  r_line=$(grep '^RESULT ' "$log" | tail -1) || { cat "$log" >&2; echo "no RESULT line: $side" >&2; exit 1; }
  r_ms=$(field ms_per_epoch "$r_line") r_cpu=$(field cpu_ms_per_epoch "$r_line")
  echo "$side,$runid,$(field threads "$r_line"),$r_ms,$r_cpu,$(field warmup "$r_line"),$(field epochs "$r_line"),$load" >>"$work/npe.csv"
  printf '   %-8s %-7s %10s ms/epoch wall, %10s ms/epoch CPU\n' "$side" "$runid" "$r_ms" "$r_cpu" >&2
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
java_base=(java --add-modules jdk.incubator.vector ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.NpeStep)
echo "== exporting 10^4 two_moons simulations (seed 1) to $work/two_moons.npz" >&2
"${java_base[@]}" --export "$work/two_moons.npz" 10000 >&2
java_cmd=("${java_base[@]}" "$warm" "$epochs" "$work/two_moons.npz")
torch_cmd=("$PY" sciml4j-bench/python/npe/npe_torch.py --data "$work/two_moons.npz" --warmup "$warm" --epochs "$epochs")
echo "== PyTorch thread probe (1 and 2 threads)" >&2
run pytorch probe1 "${torch_cmd[@]}" --threads 1
t1=$r_ms
run pytorch probe2 "${torch_cmd[@]}" --threads 2
best=1
awk -v a="$r_ms" -v b="$t1" 'BEGIN { exit !(a < b) }' && best=2
echo "== $pairs pairs, sciml4j then PyTorch at $best threads" >&2
s_ms="" s_cpu="" p_ms="" p_cpu=""
for i in $(seq 1 "$pairs"); do
  run sciml4j "$i" "${java_cmd[@]}"
  s_ms="$s_ms $r_ms" s_cpu="$s_cpu $r_cpu" params=$(field params "$r_line") points=$(field points "$r_line")
  run pytorch "$i" "${torch_cmd[@]}" --threads "$best"
  p_ms="$p_ms $r_ms" p_cpu="$p_cpu $r_cpu" torchv=$(field torch "$r_line")
done
sm=$(median <<<"$s_ms") sc=$(median <<<"$s_cpu") pm=$(median <<<"$p_ms") pc=$(median <<<"$p_cpu")
ratio=$(awk -v p="$pm" -v s="$sm" 'BEGIN { printf "%.2f", p / s }')
cratio=$(awk -v p="$pc" -v s="$sc" 'BEGIN { printf "%.2f", p / s }')
{
  echo "NPE training, alternating runs (sciml4j-bench/run-npe.sh --pairs $pairs$( [ "$quick" = 1 ] && echo ' --quick' || true))"
  echo
  echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
  echo "- java: $(java -version 2>&1 | head -1); PyTorch $torchv, float64, $best thread(s) (probe: 1 thread $t1 ms, 2 threads $(awk -F, '$2 == "probe2" { print $4 }' "$work/npe.csv") ms)"
  echo "- two_moons, $points training pairs, $params parameters (MAF 5 x 50, 2 blocks), batch 50; $warm + $epochs passes (warm-up + timed) per run on each side"
  echo
  echo "| side | ms/epoch wall (median; runs) | CPU ms/epoch (median; runs) |"
  echo "| --- | --- | --- |"
  echo "| sciml4j | $sm ($s_ms ) | $sc ($s_cpu ) |"
  echo "| PyTorch | $pm ($p_ms ) | $pc ($p_cpu ) |"
  echo "| ratio PyTorch / sciml4j | **$ratio** | $cratio |"
} >"$work/npe.md"
cp "$work/npe.md" "$out/.npe.md.tmp" && mv -f "$out/.npe.md.tmp" "$out/npe.md"
cp "$work/npe.csv" "$out/.npe.csv.tmp" && mv -f "$out/.npe.csv.tmp" "$out/npe.csv"
cat "$out/npe.md"
