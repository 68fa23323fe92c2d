#!/usr/bin/env bash
# The PINN step suite (issue 12), sciml4j against PyTorch, measured alternately: for each problem, PyTorch is first
# run once at 1 and once at 2 threads (the faster count is kept), then sciml4j and PyTorch run in turn, A B A B ...,
# --pairs times, each run a fresh process that warms up and then times a fixed number of steady-state full-batch Adam
# epochs. Reports per side the median per-epoch wall time, the median per-epoch CPU time of the process (all
# threads), the ratio of the medians (PyTorch / sciml4j), the load average before and after, the commit, the JDK, the
# vector width and the BLAS path in use.
#
# Usage: sciml4j-bench/run-suite.sh [--pairs N] [--only NAME[,NAME...]] [--quick] [--no-build]   (from anywhere)
#   --pairs N   sciml4j/PyTorch pairs per problem (default 3)
#   --only      a subset of the problems (names below)
#   --quick     tiny epoch counts and 1 pair (unless --pairs is given): a smoke test, not a measurement
#   --no-build  use the jars as built (sciml4j-bench/target/benchmarks.jar, sciml4j-cli/target/sciml4j.jar)
#
# sciml4j side: java -cp sciml4j-bench/target/benchmarks.jar org.sciml4j.bench.PinnSuiteStep NAME WARMUP EPOCHS
# (the problem file through ProblemFile and the real trainer; its default thread use). PyTorch side:
# sciml4j-bench/python/suite/*.py (Debian's python3-torch, float64, installed here when missing).
# Output: the Markdown table on stdout and, written atomically, target/bench/suite.md (header + table) and
# target/bench/suite.csv (one row per run). Every run's process is also timed by /usr/bin/time (wall, user, sys).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
SUITE=sciml4j-bench/python/suite

# name | java warmup | java epochs | torch warmup | torch epochs | PyTorch script and arguments
# (counts chosen so that a run's warm-up takes about 3 s and its timed part about a second on the idle 2-core VM, and
# the whole suite at 3 pairs under an hour on the loaded one)
# Where a row's timed epochs still included the JIT's warm-up (C2 takes a few seconds to compile a training step on
# two cores), its warm-up was lengthened to about 3 s of steady epochs: session 18 measured poisson-mlp-1x100 at 6.96
# ms per epoch after 150 warm-up epochs and 3.43 after 200 + 400, elasticity 18.8 after 50 and 16.3 after 400;
# session 20 Burgers 3.30/3.53/3.25/3.62 after 300 and 3.06/3.73/3.12/3.20 after 2000 (alternating), the fused
# elasticity 6.92/8.01 after 150 and 5.10/5.06 after 1500.
PROBLEMS="
forward|30000|5000|50|500|oscillator_forward.py
surrogate|4000|1000|20|150|oscillator_surrogate.py
burgers|1500|300|10|100|burgers.py
allen-cahn|400|100|5|30|allen_cahn.py
allen-cahn-hard|220|60|5|30|allen_cahn.py --hard
poisson-fourier|140|40|5|30|poisson.py --fourier 32 --layers 2 --width 50
kovasznay|280|80|5|30|kovasznay.py
elasticity|700|150|5|30|elasticity.py
kdv|700|150|5|30|kdv.py
poisson-modified-mlp|180|60|5|30|poisson.py --modified --layers 3 --width 50
poisson-mlp-1x20|4000|1000|10|100|poisson.py --layers 1 --width 20
poisson-mlp-1x50|2000|400|10|80|poisson.py --layers 1 --width 50
poisson-mlp-1x100|900|150|10|50|poisson.py --layers 1 --width 100
poisson-mlp-2x20|1500|300|10|80|poisson.py --layers 2 --width 20
poisson-mlp-2x50|400|100|5|50|poisson.py --layers 2 --width 50
poisson-mlp-2x100|130|40|5|30|poisson.py --layers 2 --width 100
poisson-mlp-3x20|1000|200|10|80|poisson.py --layers 3 --width 20
poisson-mlp-3x50|220|60|5|30|poisson.py --layers 3 --width 50
poisson-mlp-3x100|80|30|5|20|poisson.py --layers 3 --width 100
"
ALL=$(awk -F'|' 'NF > 1 { print $1 }' <<<"$PROBLEMS" | xargs)

pairs="" only="" quick=0 build=1
help_end=19 help_more="problems: $ALL"
source "$root/sciml4j-bench/lib/alternate.sh"   # bench_torch, field, median
while [ $# -gt 0 ]; do
  bench_option "$@"; [ "$consumed" = 0 ] || { shift "$consumed"; continue; }
  case "$1" in
    --only) [ $# -ge 2 ] || { echo "--only needs NAME[,NAME...]" >&2; exit 2; }; only="$2"; shift 2 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
bench_pairs
selected=$ALL
if [ -n "$only" ]; then
  selected=""
  for n in ${only//,/ }; do
    case " $ALL " in *" $n "*) selected="$selected $n" ;; *) echo "unknown problem: $n (one of: $ALL)" >&2; exit 2 ;; esac
  done
fi

bench_torch
bench_build sciml4j-bench,sciml4j-cli
jar=${SCIML4J_BENCH_JAR:-$root/sciml4j-bench/target/benchmarks.jar}   # SCIML4J_BENCH_JAR: a copy, so that builds during a run do not change it
[ -f "$jar" ] || { echo "$jar missing: build it (drop --no-build)" >&2; exit 1; }
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f "TIME wall=%e user=%U sys=%S")

out=${SCIML4J_BENCH_OUT:-$root/target/bench}   # SCIML4J_BENCH_OUT: another folder for the table and CSV
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/sciml4j-suite.XXXXXX")
trap 'rm -rf "$work"' EXIT

csv=$work/suite.csv
echo "problem,side,run,threads,ms_per_epoch,cpu_ms_per_epoch,warmup,epochs,process_wall_s,process_user_s,process_sys_s,load1_before,path" >"$csv"

# run SIDE NAME RUN COMMAND...: runs one process, appends its CSV row, sets r_ms, r_cpu, r_line
run() {
  local side=$1 name=$2 runid=$3 log="$work/run.log" load
  shift 3
  load=$(cut -d' ' -f1 /proc/loadavg)
  bench_blas_prefix "$@"
  if ! "${timer[@]}" "${blas_prefix[@]}" "$@" >"$log" 2>&1; then
    cat "$log" >&2; echo "run failed: $side $name ($*)" >&2; exit 1
  fi
  r_line=$(grep '^RESULT ' "$log" | tail -1) || { cat "$log" >&2; echo "no RESULT line: $side $name" >&2; exit 1; }
  local t
  t=$(grep '^TIME ' "$log" | tail -1 || true)
  r_ms=$(field ms_per_epoch "$r_line")
  r_cpu=$(field cpu_ms_per_epoch "$r_line")
  echo "$name,$side,$runid,$(field threads "$r_line"),$r_ms,$r_cpu,$(field warmup "$r_line"),$(field epochs "$r_line"),$(field wall "$t"),$(field user "$t"),$(field sys "$t"),$load,$(field path "$r_line")" >>"$csv"
  printf '   %-8s %-4s %10s ms/epoch wall, %10s ms/epoch CPU (%s threads)\n' "$side" "$runid" "$r_ms" "$r_cpu" "$(field threads "$r_line")" >&2
}

./sciml4j info >"$work/info.txt" 2>/dev/null || true
cpu=$(lscpu 2>/dev/null | sed -nE 's/^Model name:[[:space:]]+//p' | head -1)
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx2|fma|avx512f)$' | paste -sd, - || true)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ' (with local changes)' || true)"
started=$(date -u '+%Y-%m-%d %H:%M UTC')

# write_table [partial]: the header and the rows so far, atomically into target/bench (after every problem, so that
# an interrupted run leaves what it measured)
write_table() {
  local load_after
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)

  {
    echo "PINN step suite, alternating runs${1:+ (partial: $1)} (sciml4j-bench/run-suite.sh --pairs $pairs${only:+ --only $only}$( [ "$quick" = 1 ] && echo ' --quick' || true))"
    echo
    echo "- started $started, commit $commit"
    echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores (${flags:-no avx2/fma/avx512f flags}); load average $load_before before, $load_after after"
    echo "- sciml4j's JVM options: the launcher's JIT thresholds (sciml4j-cli/jit.options) ${SCIML4J_JAVA_OPTS:-}"
    echo "- java: $(java -version 2>&1 | head -1); sciml4j: $(grep -E '^(small matrix products|BLAS)' "$work/info.txt" | paste -sd ';' | sed 's/;/; /g'); kernels' vector width in use ${vector_bits:-?} bits; threads: ${s_threads:-?} (available processors)"
    echo "- PyTorch $("$PY" -c 'import torch; print(torch.__version__)'), float64, at the faster of 1 and 2 threads per problem (probed once each; OpenBLAS, where it is PyTorch's BLAS, at the same count); its BLAS: $(torch_blas)"
    echo "- per side: median of $pairs runs of the per-epoch wall time (range in brackets) and of the process's CPU time per epoch (all threads)"
    echo
    echo "| problem | points | parameters | sciml4j path | sciml4j ms/epoch (range) | sciml4j CPU ms/epoch | PyTorch ms/epoch (range) | PyTorch CPU ms/epoch | PyTorch threads (probe ms/epoch) | ratio (wall, PyTorch / sciml4j) | ratio (CPU) |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
  } >"$work/suite.md"
  # atomic: written beside the targets, then renamed over them
  cp "$work/suite.md" "$out/.suite.md.tmp" && mv -f "$out/.suite.md.tmp" "$out/suite.md"
  cp "$csv" "$out/.suite.csv.tmp" && mv -f "$out/.suite.csv.tmp" "$out/suite.csv"
}

rows=()
for name in $selected; do
  IFS='|' read -r _ jw je tw te targs <<<"$(grep "^$name|" <<<"$PROBLEMS")"
  if [ "$quick" = 1 ]; then jw=3 je=3 tw=2 te=3; fi
  java_cmd=(java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}" ${SCIML4J_JAVA_OPTS:-} -cp "$jar" org.sciml4j.bench.PinnSuiteStep "$name" "$jw" "$je")
  # shellcheck disable=SC2206
  torch_cmd=("$PY" "$SUITE/"$targs --warmup "$tw" --epochs "$te")
  echo "== $name: PyTorch thread probe (1 and 2 threads)" >&2
  probe_cmd=("${torch_cmd[@]:0:${#torch_cmd[@]}-1}" "$(( (te + 1) / 2 ))")   # half the timed epochs
  run pytorch "$name" probe1 "${probe_cmd[@]}" --threads 1
  t1=$r_ms
  run pytorch "$name" probe2 "${probe_cmd[@]}" --threads 2
  best=1
  awk -v a="$r_ms" -v b="$t1" 'BEGIN { exit !(a < b) }' && best=2
  echo "== $name: $pairs pairs, sciml4j then PyTorch at $best threads" >&2
  s_ms="" s_cpu="" p_ms="" p_cpu="" path="" s_threads=""
  for i in $(seq 1 "$pairs"); do
    run sciml4j "$name" "$i" "${java_cmd[@]}"
    s_ms="$s_ms $r_ms" s_cpu="$s_cpu $r_cpu" path=$(field path "$r_line") s_threads=$(field threads "$r_line")
    vector_bits=$(field vector_bits "$r_line") points=$(field points "$r_line") params=$(field params "$r_line")
    run pytorch "$name" "$i" "${torch_cmd[@]}" --threads "$best"
    p_ms="$p_ms $r_ms" p_cpu="$p_cpu $r_cpu"
  done
  sm=$(median <<<"$s_ms") sc=$(median <<<"$s_cpu") pm=$(median <<<"$p_ms") pc=$(median <<<"$p_cpu")
  ratio=$(awk -v p="$pm" -v s="$sm" 'BEGIN { printf "%.1f×", p / s }')
  cratio=$(awk -v p="$pc" -v s="$sc" 'BEGIN { printf "%.1f×", p / s }')
  fmt() { awk -v x="$1" 'BEGIN { printf (x < 1 ? "%.3f" : x < 10 ? "%.2f" : "%.1f"), x }'; }
  spread() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf (lo < 1 ? "%.3f-%.3f" : lo < 10 ? "%.2f-%.2f" : "%.1f-%.1f"), lo, hi }'; }
  rows+=("| $name | $points | $params | $path | $(fmt "$sm") ($(spread <<<"$s_ms")) | $(fmt "$sc") | $(fmt "$pm") ($(spread <<<"$p_ms")) | $(fmt "$pc") | $best (1: $(fmt "$t1"), 2: $(fmt "$(awk -F, -v n="$name" '$1 == n && $3 == "probe2" { print $5 }' "$csv")")) | **$ratio** | $cratio |")
  echo "   $name: sciml4j $sm ms, PyTorch $pm ms: $ratio (CPU $cratio)" >&2
  write_table "${#rows[@]} of $(wc -w <<<"$selected") problems"
done
write_table
cat "$out/suite.md"
echo >&2
echo "written: $out/suite.md, $out/suite.csv" >&2
