#!/usr/bin/env bash
# The damped-oscillator tutorial's programs end to end: each one trained by sciml4j (`sciml4j run` on the problem
# files in examples/damped-oscillation) and by our PyTorch reference scripts (sciml4j-bench/python/tutorial, Debian's
# python3-torch, installed here when missing), one after the other on this machine; prints a markdown table.
#
# Usage: sciml4j-bench/run-tutorial.sh [--only NAME[,NAME...]] [--skip-torch] [--epochs N] [--lbfgs N]   (anywhere)
#   NAME: supervised-exact supervised-noisy forward inverse-exact inverse-noisy surrogate-tutorial surrogate
#         forward-recommended (the default: all of these), or burgers (only when named)
#   --epochs N / --lbfgs N: Adam epochs / L-BFGS iterations on both sides instead of the files' and scripts' (quick
#         checks; the PyTorch tutorial scripts have no L-BFGS)
#
# burgers: examples/burgers/burgers.yaml and sciml4j-bench/burgers_torch.py (DeepXDE's setup, float64, Adam 15000
# then L-BFGS 15000; sciml4j also places its points by the residual every 5000, PyTorch keeps them); its own table,
# with the Adam phase timed on each side: PyTorch's from its RESULT line (adam_seconds), sciml4j's from summary.json
# (adam_seconds).
#
# Times: "train" is the training loop as the program reports it (summary.json train_seconds; the RESULT line's
# seconds); "wall" is the whole process (JVM start, problem parsing, evaluation, writing plots / Python start,
# import torch, evaluation). Ratio = PyTorch train / sciml4j train. Both sides read the same data files
# (examples/damped-oscillation/data, identical to ../shared/data/damped-oscillation).
#
# The problem files for forward, inverse-* and surrogate impose the reference solution's initial slope
# u'(0) = -c/(2m) (the data files are exp(-c t/2m) cos(omega t)); the PyTorch scripts get --slope reference there so
# that both solve the same problem. surrogate-tutorial keeps the tutorial's slope 0 on both sides.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=/usr/bin/python3
ALL="supervised-exact supervised-noisy forward inverse-exact inverse-noisy surrogate-tutorial surrogate forward-recommended"

only="" skip_torch=0 epochs_opt="" lbfgs_opt=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || { echo "--only needs NAME[,NAME...]" >&2; exit 2; }; only="$2"; shift 2 ;;
    --only=*) only="${1#--only=}"; shift ;;
    --skip-torch) skip_torch=1; shift ;;
    --epochs) [ $# -ge 2 ] || { echo "--epochs needs N" >&2; exit 2; }; epochs_opt="$2"; shift 2 ;;
    --lbfgs) [ $# -ge 2 ] || { echo "--lbfgs needs N" >&2; exit 2; }; lbfgs_opt="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
selected=$ALL
if [ -n "$only" ]; then
  selected=""
  for n in ${only//,/ }; do
    case " $ALL burgers " in *" $n "*) selected="$selected $n" ;; *) echo "unknown program: $n (one of: $ALL burgers)" >&2; exit 2 ;; esac
  done
fi

# The PyTorch program of each row ("-": sciml4j only) and a note for the table.
torch_args() {
  case "$1" in
    supervised-exact) echo "supervised.py --data exact" ;;
    supervised-noisy) echo "supervised.py --data noisy" ;;
    forward) echo "forward.py --slope reference" ;;
    inverse-exact) echo "inverse.py --data exact --slope reference" ;;
    inverse-noisy) echo "inverse.py --data noisy --slope reference" ;;
    surrogate-tutorial) echo "surrogate.py" ;;
    surrogate) echo "surrogate.py --slope reference" ;;
    forward-recommended) echo "-" ;;
  esac
}
row_note() {
  case "$1" in
    supervised-*) echo "no physics" ;;
    forward|inverse-*) echo "slope -c/2m both" ;;
    surrogate-tutorial) echo "tutorial settings both (slope 0): like-for-like speed" ;;
    surrogate) echo "slope -c/2m both; PyTorch Adam 10000" ;;
    forward-recommended) echo "sciml4j only" ;;
  esac
}

source "$root/sciml4j-bench/lib/alternate.sh"   # bench_torch
[ "$skip_torch" = 1 ] || bench_torch

work=$(mktemp -d "${TMPDIR:-/tmp}/sciml4j-tutorial.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Build once (the launcher builds on first use or when sources changed), then call the jar directly, so that an edit
# of the sources during the run does not trigger a rebuild between rows.
echo "Building sciml4j if needed (./sciml4j info)..." >&2
./sciml4j info >"$work/info.txt" 2>"$work/info.err" || { cat "$work/info.txt" "$work/info.err" >&2; exit 1; }
jar="$root/sciml4j-cli/target/sciml4j.jar"
# OpenBLAS (where it is the machine's BLAS) on the calling thread, as the ./sciml4j launcher runs it
java_cmd=(env OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" java --add-modules jdk.incubator.vector "${SCIML4J_JIT[@]}"
  ${SCIML4J_JAVA_OPTS:-} -jar "$jar")

if command -v jq >/dev/null 2>&1; then
  json() { jq -r "$2" "$1"; }
else
  json() { "$PY" -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].lstrip(".").split("."):
    v = v.get(k) if isinstance(v, dict) and k else v
print("null" if v is None else (json.dumps(v) if isinstance(v, dict) else v))' "$1" "$2"; }
fi
now() { date +%s.%N; }
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { if (x == "" || x == "-" || x == "nan" || x == "null") print "-"; else printf f, x }'; }
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }
# torch NAME ARGS...: runs $PY ARGS... into $work/NAME.torch.log (the log shown and the script stopped on failure);
# sets p_wall (seconds of the whole process) and line (its last RESULT line)
torch() {
  local name=$1 log="$work/$1.torch.log" t0
  shift
  t0=$(now)
  "$PY" "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "PyTorch run failed: $name" >&2; exit 1; }
  p_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  line=$(grep '^RESULT ' "$log" | tail -1) || { cat "$log" >&2; echo "no RESULT line from PyTorch: $name" >&2; exit 1; }
}

cpu=$(lscpu 2>/dev/null | sed -nE 's/^Model name:[[:space:]]+//p' | head -1)
[ -n "$cpu" ] || cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && echo ' (with local changes)')"
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "java: $(java -version 2>&1 | head -1)"
blas_lib=$(readlink -f "$(ldconfig -p 2>/dev/null | awk '/libblas\.so\.3 / { print $NF; exit }')" 2>/dev/null || true)
echo "sciml4j kernels (./sciml4j info): $(grep -E '^(small matrix products|BLAS)' "$work/info.txt" | paste -sd ';' | sed 's/;/; /g')${blas_lib:+ (libblas.so.3 = $blas_lib)}"
if [ "$skip_torch" = 0 ]; then
  echo "torch: $("$PY" -c 'import torch; print(torch.__version__, "(" + str(torch.get_num_threads()) + " threads, its default)")'), its BLAS: $(torch_blas)"
else
  echo "torch: skipped (--skip-torch)"
fi
echo

# --epochs / --lbfgs: the same overrides on both sides
sciml_over=() torch_over=()
[ -n "$epochs_opt" ] && sciml_over+=(--epochs "$epochs_opt") && torch_over+=(--epochs "$epochs_opt")
[ -n "$lbfgs_opt" ] && sciml_over+=(--lbfgs "$lbfgs_opt")

# burgers: sciml4j on examples/burgers/burgers.yaml, then burgers_torch.py; one row of burgers_rows.
burgers_rows=()
run_burgers() {
  local out="$work/burgers" every=1000 t0
  [ -n "$epochs_opt" ] && [ "$epochs_opt" -gt 0 ] && every=$epochs_opt
  echo "== burgers: sciml4j run examples/burgers/burgers.yaml ${sciml_over[*]}" >&2
  t0=$(now)
  if ! "${java_cmd[@]}" run examples/burgers/burgers.yaml --out "$out" --every "$every" "${sciml_over[@]}" \
      >"$work/burgers.log" 2>&1; then
    cat "$work/burgers.log" >&2; echo "sciml4j run failed: burgers" >&2; exit 1
  fi
  local s_wall s=$out/summary.json s_train s_rel s_adam s_lbfgs s_adam_s s_lbfgs_s
  s_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  s_train=$(json "$s" .train_seconds)
  s_rel=$(json "$s" .relative_error)
  s_adam=$(json "$s" .adam_epochs)
  s_lbfgs=$(json "$s" .lbfgs_iterations)
  # the trainer's own clock: the Adam phase, and the rest of training (L-BFGS)
  s_adam_s=$(fmt "$(json "$s" .adam_seconds)" %.2f)
  s_lbfgs_s=$(awk -v t="$s_train" -v a="$s_adam_s" 'BEGIN { printf "%.2f", t - a }')
  echo "   Adam $s_adam_s s, train $(fmt "$s_train" %.2f) s, wall $s_wall s, relative error $(fmt "$s_rel" %.3e)" >&2

  local p_adam_s=- p_lbfgs_s=- p_train=- p_wall=- p_rel=- p_lbfgs=- ratio_adam=- ratio_train=- line
  if [ "$skip_torch" = 0 ]; then
    local targs=(sciml4j-bench/burgers_torch.py "${torch_over[@]}")
    [ -n "$lbfgs_opt" ] && targs+=(--lbfgs "$lbfgs_opt")
    echo "== burgers: PyTorch ${targs[*]}" >&2
    torch burgers "${targs[@]}"
    p_adam_s=$(field adam_seconds "$line")
    p_lbfgs_s=$(field lbfgs_seconds "$line")
    p_train=$(field seconds "$line")
    p_rel=$(field rel_error "$line")
    p_lbfgs=$(field lbfgs_iterations "$line")
    [ "$s_adam_s" != - ] && ratio_adam=$(awk -v p="$p_adam_s" -v s="$s_adam_s" 'BEGIN { printf "%.1f×", p / s }')
    ratio_train=$(awk -v p="$p_train" -v s="$s_train" 'BEGIN { printf "%.1f×", p / s }')
    echo "   Adam $(fmt "$p_adam_s" %.2f) s, train $(fmt "$p_train" %.2f) s, wall $p_wall s, relative error $(fmt "$p_rel" %.3e); Adam ratio $ratio_adam" >&2
  fi
  burgers_rows+=("| burgers | $s_adam | $s_adam_s | $(fmt "$s_train" %.2f) | $s_wall | $(fmt "$s_rel" %.2e) | $(fmt "$p_adam_s" %.2f) | $(fmt "$p_train" %.2f) | $p_wall | $(fmt "$p_rel" %.2e) | $ratio_adam | $ratio_train | L-BFGS: sciml4j $s_lbfgs iterations in $s_lbfgs_s s, PyTorch $p_lbfgs in $(fmt "$p_lbfgs_s" %.2f) s |")
}

rows=()
for name in $selected; do
  if [ "$name" = burgers ]; then
    run_burgers
    continue
  fi
  echo "== $name: sciml4j run examples/damped-oscillation/$name.yaml" >&2
  out="$work/$name"
  t0=$(now)
  "${java_cmd[@]}" run "examples/damped-oscillation/$name.yaml" --out "$out" --quiet "${sciml_over[@]}" >"$work/$name.log" 2>&1 \
    || { cat "$work/$name.log" >&2; echo "sciml4j run failed: $name" >&2; exit 1; }
  s_wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  s=$out/summary.json
  s_train=$(json "$s" .train_seconds)
  s_rel=$(json "$s" .relative_error)
  s_c=$(json "$s" .parameters.c)
  s_adam=$(json "$s" .adam_epochs)
  s_lbfgs=$(json "$s" .lbfgs_iterations)
  echo "   train $(fmt "$s_train" %.2f) s, wall $s_wall s, relative error $(fmt "$s_rel" %.4f), c $(fmt "$s_c" %.4f)" >&2

  targs=$(torch_args "$name")
  p_train=- p_wall=- p_rel=- p_c=- ratio=-
  if [ "$targs" != "-" ] && [ "$skip_torch" = 0 ]; then
    echo "== $name: PyTorch $targs" >&2
    # shellcheck disable=SC2086
    torch "$name" "sciml4j-bench/python/tutorial/"$targs "${torch_over[@]}" \
      --data-dir "$root/examples/damped-oscillation/data"
    p_train=$(field seconds "$line")
    p_rel=$(field rel_error "$line")
    p_c=$(field c "$line")
    ratio=$(awk -v p="$p_train" -v s="$s_train" 'BEGIN { printf "%.1f×", p / s }')
    echo "   train $(fmt "$p_train" %.2f) s, wall $p_wall s, relative error $(fmt "$p_rel" %.4f), c $(fmt "$p_c" %.4f); ratio $ratio" >&2
  fi

  sciml_setup="Adam $s_adam"
  [ "${s_lbfgs:-0}" != 0 ] && [ "$s_lbfgs" != null ] && sciml_setup="$sciml_setup + L-BFGS $s_lbfgs"
  c_cell=-
  if [ "$s_c" != null ] || { [ "$p_c" != - ] && [ "$p_c" != nan ]; }; then
    c_cell="$(fmt "$s_c" %.4f) / $(fmt "$p_c" %.4f)"
  fi
  rows+=("| $name | $(fmt "$s_train" %.2f) | $s_wall | $(fmt "$s_rel" %.4f) | $(fmt "$p_train" %.2f) | $p_wall | $(fmt "$p_rel" %.4f) | $ratio | $c_cell | sciml4j $sciml_setup; $(row_note "$name") |")
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ${#burgers_rows[@]} -gt 0 ]; then
  echo
  echo "| program | Adam epochs | sciml4j Adam s | sciml4j train s | sciml4j wall s | sciml4j rel. L2 | PyTorch Adam s | PyTorch train s | PyTorch wall s | PyTorch rel. L2 | Adam ratio (PyTorch / sciml4j) | train ratio | note |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${burgers_rows[@]}"
fi
[ ${#rows[@]} -gt 0 ] || exit 0
echo
echo "| program | sciml4j train s | sciml4j wall s | sciml4j rel. error | PyTorch train s | PyTorch wall s | PyTorch rel. error | ratio (train, PyTorch / sciml4j) | c (sciml4j / PyTorch) | note |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
