# Shared parts of the alternating sciml4j-vs-PyTorch bench scripts (sourced, not run). One place for: installing
# Debian's python3-torch, the per-process RESULT protocol, the thread probe, the A B A B loop, medians, and the
# Markdown/CSV report written atomically. A RESULT line is "RESULT key=value ..." with at least ms_per_epoch,
# cpu_ms_per_epoch, threads, warmup, epochs (PyTorch's also torch=VERSION); the caller reads others with `field`.
#
# Use: set root (the repository) and PY, source this file, then
#   bench_option "$@"                 one of the common options (--pairs N, --quick, --no-build, --width W where the
#                                     script set a default width, -h/--help: the
#                                     script's header lines 2..help_end, then help_more); sets consumed (0: not one)
#   bench_pairs                       the default and the check of --pairs (1 with --quick, else 3), and of --width
#   bench_only_common_options "$@"    for a script with no options of its own: all of the above, unknown refused
#   bench_build [MODULES]             unless --no-build: mvn package of sciml4j-bench (or MODULES) and upstream
#   bench_torch [matplotlib]          install python3-torch when missing (and python3-matplotlib, when asked)
#   torch_blas                        one line: the BLAS library PyTorch's products run on
#   bench_blas_prefix CMD...          blas_prefix: env OPENBLAS_NUM_THREADS=... for CMD (see there)
#   bench_setup NAME                  jar, out (target/bench), work (temporary), the CSV header
#   java_cmd=(...) torch_cmd=(...)    the two sides' commands (torch_cmd gets --threads N appended)
#   bench_alternate PAIRS             probe PyTorch at 1 and 2 threads, then PAIRS pairs; medians and ratios
#   bench_report TITLE LINE           the table under TITLE and LINE (the problem's description) into out/NAME.md

# The ./sciml4j launcher's JIT options (sciml4j-cli/jit.options, why there), for every sciml4j JVM a script starts:
# the benchmarks measure what the command runs
mapfile -t SCIML4J_JIT < <(grep -v -e '^#' -e '^[[:space:]]*$' "$root/sciml4j-cli/jit.options")

# field KEY LINE: the value of KEY=... in LINE
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<" $2" | head -1; }

# median of whitespace-separated numbers on stdin
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# bench_option ARGS...: parse the first of ARGS if it is a common option; consumed = how many words it took
bench_option() {
  consumed=0
  case "$1" in
    --pairs) [ $# -ge 2 ] || { echo "--pairs needs N" >&2; exit 2; }; pairs="$2"; consumed=2 ;;
    --quick) quick=1; consumed=1 ;;
    --no-build) build=0; consumed=1 ;;
    --width) # only for scripts that set a default width before sourcing this file
      [ -n "${width:-}" ] || return 0
      [ $# -ge 2 ] || { echo "--width needs W" >&2; exit 2; }; width="$2"; consumed=2 ;;
    -h|--help) sed -n "2,${help_end:-21}p" "$0" | sed 's/^# \{0,1\}//'; [ -z "${help_more:-}" ] || echo "$help_more"; exit 0 ;;
  esac
}

bench_pairs() {
  [ -n "$pairs" ] || { [ "$quick" = 1 ] && pairs=1 || pairs=3; }
  [[ "$pairs" =~ ^[1-9][0-9]*$ ]] || { echo "--pairs must be a positive integer, got '$pairs'" >&2; exit 2; }
  [ -z "${width:-}" ] || [[ "$width" =~ ^[1-9][0-9]*$ ]] \
    || { echo "--width must be a positive integer, got '$width'" >&2; exit 2; }
}

bench_only_common_options() {
  while [ $# -gt 0 ]; do
    bench_option "$@"
    [ "$consumed" != 0 ] || { echo "unknown option: $1 (see --help)" >&2; exit 2; }
    shift "$consumed"
  done
  bench_pairs
}

bench_build() {
  [ "$build" = 1 ] || return 0
  local modules=${1:-sciml4j-bench}
  echo "Building $modules (mvn -o -q package -DskipTests)..." >&2
  mvn -B -ntp -o -q package -DskipTests -pl "$modules" -am >&2
}

bench_torch() {
  local pkgs=()
  "$PY" -c "import torch" 2>/dev/null || pkgs+=(python3-torch)
  [ "${1:-}" != matplotlib ] || "$PY" -c "import matplotlib" 2>/dev/null || pkgs+=(python3-matplotlib python3-munkres)
  [ ${#pkgs[@]} -gt 0 ] || return 0
  # matplotlib without changing PyTorch's BLAS (Debian's torch uses whatever libblas.so.3 is): left to itself apt
  # reaches python3-scipy (python3-fonttools depends on python3-scipy | python3-munkres) and through python3-pythran
  # libopenblas-dev, which makes OpenBLAS the machine's libblas.so.3 (session 26: PyTorch's Burgers epoch 27.7 ->
  # 12.1 ms); python3-munkres satisfies fonttools instead, and no recommended packages are installed
  echo "Installing Debian's ${pkgs[*]} for the reference runs (apt-get install -y --no-install-recommends)..." >&2
  local apt=(apt-get install -y -qq --no-install-recommends "${pkgs[@]}")
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && "${apt[@]}" >/dev/null
  else sudo apt-get update -qq && sudo "${apt[@]}" >/dev/null; fi
}

# bench_blas_prefix CMD...: sets blas_prefix, the words to put before CMD so that OPENBLAS_NUM_THREADS is set for it
# where a machine has OpenBLAS (elsewhere the variable is ignored): 1 for a JVM (sciml4j splits its products over its
# own threads; the ./sciml4j launcher sets the same), the N of a trailing "--threads N" for PyTorch (whose --threads
# sets torch's threads, not OpenBLAS's: without this the probe's "1 thread" ran its products on two), else nothing
bench_blas_prefix() {
  local n=$#
  blas_prefix=()
  if [ "$1" = java ]; then
    blas_prefix=(env OPENBLAS_NUM_THREADS=1)
  elif [ "$n" -ge 2 ] && [ "${@:n-1:1}" = --threads ]; then
    blas_prefix=(env "OPENBLAS_NUM_THREADS=${@:n:1}")
  fi
}

# torch_blas: the BLAS library PyTorch runs its float64 products on (Debian's torch is built against the generic
# libblas.so.3, so the machine's BLAS alternative decides: the reference BLAS, or OpenBLAS where libopenblas0 is
# installed, which also runs its own threads whatever --threads says)
torch_blas() {
  "$PY" - <<'PYEOF' 2>/dev/null || echo unknown
import torch
torch.ones(64, 64, dtype=torch.float64) @ torch.ones(64, 64, dtype=torch.float64)
libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.split()[-1]})
tuned = [k for k in ("OpenBLAS", "BLIS", "ATLAS", "MKL") if any(k.lower() in l.lower() for l in libs)]
kind = tuned[0] if tuned else "the reference BLAS" if libs else "none loaded"
print(kind + " (" + ", ".join(libs) + ")")
PYEOF
}

bench_setup() {
  bench_name=$1
  jar=${SCIML4J_BENCH_JAR:-$root/sciml4j-bench/target/benchmarks.jar}
  [ -f "$jar" ] || { echo "$jar missing: build it (drop --no-build)" >&2; exit 1; }
  out=${SCIML4J_BENCH_OUT:-$root/target/bench}
  mkdir -p "$out"
  work=$(mktemp -d "${TMPDIR:-/tmp}/sciml4j-$bench_name.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  csv="$work/$bench_name.csv"
  echo "side,run,threads,ms_per_epoch,cpu_ms_per_epoch,warmup,epochs,load1_before" >"$csv"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')
}

# bench_run SIDE RUN COMMAND...: one process; appends its CSV row; sets r_ms, r_cpu, r_line
bench_run() {
  local side=$1 runid=$2 log="$work/run.log" load
  shift 2
  load=$(cut -d' ' -f1 /proc/loadavg)
  bench_blas_prefix "$@"
  "${blas_prefix[@]}" "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "run failed: $side ($*)" >&2; exit 1; }
  r_line=$(grep '^RESULT ' "$log" | tail -1) || { cat "$log" >&2; echo "no RESULT line: $side" >&2; exit 1; }
  r_ms=$(field ms_per_epoch "$r_line") r_cpu=$(field cpu_ms_per_epoch "$r_line")
  echo "$side,$runid,$(field threads "$r_line"),$r_ms,$r_cpu,$(field warmup "$r_line"),$(field epochs "$r_line"),$load" >>"$csv"
  printf '   %-8s %-7s %10s ms/epoch wall, %10s ms/epoch CPU\n' "$side" "$runid" "$r_ms" "$r_cpu" >&2
}

# bench_alternate PAIRS: sets best (PyTorch's threads), t1/t2 (probe), s_line (sciml4j's last RESULT), torchv, the
# runs (s_ms s_cpu p_ms p_cpu), their medians (sm sc pm pc) and ratios (ratio cratio, PyTorch / sciml4j)
bench_alternate() {
  echo "== PyTorch thread probe (1 and 2 threads)" >&2
  bench_run pytorch probe1 "${torch_cmd[@]}" --threads 1
  t1=$r_ms
  bench_run pytorch probe2 "${torch_cmd[@]}" --threads 2
  t2=$r_ms best=1
  awk -v a="$t2" -v b="$t1" 'BEGIN { exit !(a < b) }' && best=2
  echo "== $1 pairs, sciml4j then PyTorch at $best threads" >&2
  s_ms="" s_cpu="" p_ms="" p_cpu=""
  for i in $(seq 1 "$1"); do
    bench_run sciml4j "$i" "${java_cmd[@]}"
    s_ms="$s_ms $r_ms" s_cpu="$s_cpu $r_cpu" s_line=$r_line
    bench_run pytorch "$i" "${torch_cmd[@]}" --threads "$best"
    p_ms="$p_ms $r_ms" p_cpu="$p_cpu $r_cpu" torchv=$(field torch "$r_line")
  done
  sm=$(median <<<"$s_ms") sc=$(median <<<"$s_cpu") pm=$(median <<<"$p_ms") pc=$(median <<<"$p_cpu")
  ratio=$(awk -v p="$pm" -v s="$sm" 'BEGIN { printf "%.2f", p / s }')
  cratio=$(awk -v p="$pc" -v s="$sc" 'BEGIN { printf "%.2f", p / s }')
}

# bench_report TITLE LINE: writes out/NAME.md and out/NAME.csv (temporary file, then rename) and prints the table
bench_report() {
  local md="$work/$bench_name.md"
  {
    echo "$1"
    echo
    echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
    echo "- java: $(java -version 2>&1 | head -1); PyTorch $torchv, float64, $best thread(s) (probe: 1 thread $t1 ms, 2 threads $t2 ms), its BLAS: $(torch_blas)"
    echo "- $2"
    echo
    echo "| side | ms/epoch wall (median; runs) | CPU ms/epoch (median; runs) |"
    echo "| --- | --- | --- |"
    echo "| sciml4j | $sm ($s_ms ) | $sc ($s_cpu ) |"
    echo "| PyTorch | $pm ($p_ms ) | $pc ($p_cpu ) |"
    echo "| ratio PyTorch / sciml4j | **$ratio** | $cratio |"
  } >"$md"
  cp "$md" "$out/.$bench_name.md.tmp" && mv -f "$out/.$bench_name.md.tmp" "$out/$bench_name.md"
  cp "$csv" "$out/.$bench_name.csv.tmp" && mv -f "$out/.$bench_name.csv.tmp" "$out/$bench_name.csv"
  cat "$out/$bench_name.md"
}
