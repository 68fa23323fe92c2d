#!/usr/bin/env bash
# Alternating A/B timing of the Burgers Adam epoch (BurgersPinnStep: 2780 points, 2-20-20-20-1 tanh, fused jet):
# A B A B ... with two benchmark jars, e.g. the main branch's and yours, each run a fresh JVM of
# `BurgersPinnStep STEPS 2 [one]` (half the steps of warm-up, then two timed rounds; the second is kept).
# Prints per run the wall and CPU microseconds per step, then the medians and the B/A ratio, with the load before
# and after. Usage: sciml4j-bench/ab-burgers-step.sh A.jar B.jar [pairs=3] [steps=1000] [one]
# (build a jar: mvn -q -o -pl sciml4j-bench -am package -DskipTests; copy sciml4j-bench/target/benchmarks.jar).
set -euo pipefail
a=$1; b=$2; pairs=${3:-3}; steps=${4:-1000}; mode=${5:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "A=$a B=$b pairs=$pairs steps=$steps mode=${mode:-all threads}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() {
  java --add-modules jdk.incubator.vector -cp "$1" org.sciml4j.pinn.BurgersPinnStep "$steps" 2 $mode 2>/dev/null \
    | tail -1 | sed -E 's/.*: ([0-9.]+) us\/step wall, ([0-9.]+) us\/step CPU.*/\1 \2/'
}
wa=(); ca=(); wb=(); cb=()
for ((i = 1; i <= pairs; i++)); do
  for side in A B; do
    jar=$a; [ $side = B ] && jar=$b
    read -r w c < <(run "$jar")
    echo "pair $i $side: wall $w us/step, CPU $c us/step (load $(cut -d' ' -f1 /proc/loadavg))"
    if [ $side = A ]; then wa+=("$w"); ca+=("$c"); else wb+=("$w"); cb+=("$c"); fi
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
mwa=$(median "${wa[@]}"); mca=$(median "${ca[@]}"); mwb=$(median "${wb[@]}"); mcb=$(median "${cb[@]}")
echo "median A: wall $mwa us/step, CPU $mca us/step"
echo "median B: wall $mwb us/step, CPU $mcb us/step"
awk -v a="$mwa" -v b="$mwb" -v c="$mca" -v d="$mcb" 'BEGIN {printf "A/B: wall %.2fx, CPU %.2fx\n", a/b, c/d}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
