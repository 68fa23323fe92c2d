#!/usr/bin/env bash
# End to end, alternating (issue 12): whole programs, wall time of the process including the JVM's (Python's) start,
# sciml4j and PyTorch in turn, A B A B ..., --pairs times; reports the median of each side, the ratio of the medians,
# the process CPU time (/usr/bin/time: user + sys) beside the wall time, the load average before and after, the
# commit, the JDK, the kernels in use.
#
#   forward: ./sciml4j run examples/damped-oscillation/forward.yaml (10000 Adam epochs, float64) against the
#            tutorial's forward program (sciml4j-bench/python/tutorial/forward.py --slope reference --outputs DIR: the
#            tutorial's code, float32, 10000 Adam epochs, and what its program writes: the loss history line by line,
#            the network, the two figures with matplotlib; sciml4j run writes the same and more)
#   burgers: the Adam phase of examples/burgers/burgers.yaml (./sciml4j run ... --lbfgs 0: 15000 Adam epochs, with
#            its two RAD redraws) against sciml4j-bench/burgers_torch.py --lbfgs 0 (the same setup, float64)
#
# Usage: sciml4j-bench/run-end-to-end.sh [--pairs N] [--only forward|burgers] [--epochs N] [--no-build] [--bare-torch]
#   --epochs N    Adam epochs on both sides instead of the programs' (10000 / 15000): shorter runs, more start-up share
#   --bare-torch  forward.py without --outputs: PyTorch trains and prints only (the comparison before session 26)
# Output: a Markdown table on stdout, also written atomically to target/bench/end-to-end.md (+ .csv, one row per run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3

pairs=3 only="forward burgers" epochs="" build=1 torch_outputs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) [ $# -ge 2 ] || { echo "--pairs needs N" >&2; exit 2; }; pairs="$2"; shift 2 ;;
    --only) [ $# -ge 2 ] || { echo "--only needs forward|burgers" >&2; exit 2; }; only="${2//,/ }"; shift 2 ;;
    --epochs) [ $# -ge 2 ] || { echo "--epochs needs N" >&2; exit 2; }; epochs="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --bare-torch) torch_outputs=0; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] || { echo "--pairs must be a positive integer, got '$pairs'" >&2; exit 2; }
[ -z "$epochs" ] || [[ "$epochs" =~ ^[1-9][0-9]*$ ]] || { echo "--epochs must be a positive integer" >&2; exit 2; }
for n in $only; do
  case "$n" in forward|burgers) ;; *) echo "unknown program: $n (forward or burgers)" >&2; exit 2 ;; esac
done

source "$root/sciml4j-bench/lib/alternate.sh"   # bench_torch, field, median
bench_torch matplotlib
if [ "$build" = 1 ]; then
  echo "Building sciml4j (./sciml4j info)..." >&2
  ./sciml4j info >/dev/null 2>&1
fi
jar=${SCIML4J_JAR:-$root/sciml4j-cli/target/sciml4j.jar}   # SCIML4J_JAR: a copy, so that builds during a run do not change it
[ -f "$jar" ] || { echo "$jar missing: build it (drop --no-build)" >&2; exit 1; }
export SCIML4J_JAR=$jar   # ./sciml4j runs this jar as it is, with the launcher's own options
./sciml4j info >/dev/null   # the launcher's class-data archive for this jar, made once here rather than in a timed run
timer=(/usr/bin/time -f "TIME wall=%e user=%U sys=%S")
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

out=$root/target/bench
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/sciml4j-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
csv=$work/end-to-end.csv
echo "program,side,run,wall_s,user_s,sys_s,load1_before" >"$csv"

# run SIDE NAME RUN COMMAND...: one process under /usr/bin/time; sets r_wall, r_cpu (user + sys)
run() {
  local side=$1 name=$2 runid=$3 log="$work/run.log" load t
  shift 3
  load=$(cut -d' ' -f1 /proc/loadavg)
  "${timer[@]}" "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "run failed: $side $name" >&2; exit 1; }
  t=$(grep '^TIME ' "$log" | tail -1)
  r_wall=$(field wall "$t")
  r_cpu=$(awk -v u="$(field user "$t")" -v s="$(field sys "$t")" 'BEGIN { printf "%.2f", u + s }')
  echo "$name,$side,$runid,$r_wall,$(field user "$t"),$(field sys "$t"),$load" >>"$csv"
  printf '   %-8s %s: %s s wall, %s s CPU\n' "$side" "$runid" "$r_wall" "$r_cpu" >&2
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
rows=()
for name in $only; do
  ep=()
  if [ "$name" = forward ]; then
    [ -n "$epochs" ] && ep=(--epochs "$epochs")
    sciml=(./sciml4j run examples/damped-oscillation/forward.yaml --out "$work/forward" --quiet "${ep[@]}")
    torch=("$PY" sciml4j-bench/python/tutorial/forward.py --slope reference
      --data-dir "$root/examples/damped-oscillation/data" "${ep[@]}")
    what="tutorial forward: \`sciml4j run forward.yaml\` (float64) / the tutorial's forward.py (float32)"
    if [ "$torch_outputs" = 1 ]; then
      torch+=(--outputs "$work/forward-torch")
      what="$what with the tutorial program's outputs"
    else
      what="$what, training only (--bare-torch)"
    fi
    what="$what, ${epochs:-10000} Adam epochs"
  else
    [ -n "$epochs" ] && ep=(--epochs "$epochs")
    sciml=(./sciml4j run examples/burgers/burgers.yaml
      --out "$work/burgers" --quiet --lbfgs 0 "${ep[@]}")
    torch=("$PY" sciml4j-bench/burgers_torch.py --lbfgs 0 --every 100000 "${ep[@]}")
    what="Burgers' Adam phase: \`sciml4j run burgers.yaml --lbfgs 0\` / burgers_torch.py --lbfgs 0 (float64), ${epochs:-15000} Adam epochs"
  fi
  echo "== $name: $pairs pairs" >&2
  s_w="" s_c="" p_w="" p_c=""
  for i in $(seq 1 "$pairs"); do
    rm -rf "$work/$name" "$work/$name-torch"
    mkdir -p "$work/$name-torch"
    run sciml4j "$name" "$i" "${sciml[@]}"
    s_w="$s_w $r_wall" s_c="$s_c $r_cpu"
    run pytorch "$name" "$i" "${torch[@]}"
    p_w="$p_w $r_wall" p_c="$p_c $r_cpu"
  done
  sw=$(median <<<"$s_w") sc=$(median <<<"$s_c") pw=$(median <<<"$p_w") pc=$(median <<<"$p_c")
  rows+=("| $what | $sw ($(echo $s_w | tr ' ' '/')) | $sc | $pw ($(echo $p_w | tr ' ' '/')) | $pc | **$(awk -v p="$pw" -v s="$sw" 'BEGIN { printf "%.1f×", p / s }')** | $(awk -v p="$pc" -v s="$sc" 'BEGIN { printf "%.1f×", p / s }') |")
done

cpu=$(lscpu 2>/dev/null | sed -nE 's/^Model name:[[:space:]]+//p' | head -1)
{
  echo "End to end, alternating (sciml4j-bench/run-end-to-end.sh --pairs $pairs${epochs:+ --epochs $epochs})"
  echo
  echo "- started $started, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ' (with local changes)' || true)"
  echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
  echo "- java: $(java -version 2>&1 | head -1); PyTorch $("$PY" -c 'import torch; print(torch.__version__, "at", torch.get_num_threads(), "thread(s), its default")'), its BLAS: $(torch_blas)"
  echo "- wall: the whole process (JVM or Python start, reading, training, evaluation, files); CPU: user + sys of the process"
  echo
  echo "| program | sciml4j wall s, median (runs) | sciml4j CPU s | PyTorch wall s, median (runs) | PyTorch CPU s | ratio (wall, PyTorch / sciml4j) | ratio (CPU) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >"$work/end-to-end.md"
cp "$work/end-to-end.md" "$out/.end-to-end.md.tmp" && mv -f "$out/.end-to-end.md.tmp" "$out/end-to-end.md"
cp "$csv" "$out/.end-to-end.csv.tmp" && mv -f "$out/.end-to-end.csv.tmp" "$out/end-to-end.csv"
cat "$out/end-to-end.md"
