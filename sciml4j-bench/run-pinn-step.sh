#!/usr/bin/env bash
# One PINN training step (damped oscillator, 1-20-20-1 tanh, 101 points, u_tt + 0.1 u_t + u, parameter gradient):
# sciml4j under JMH and PyTorch (Debian's python3-torch, installed here when missing), in one run on this machine.
# Usage: sciml4j-bench/run-pinn-step.sh        (from the repository root or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
root=$PWD
source "$root/sciml4j-bench/lib/alternate.sh"   # bench_torch
bench_torch
mvn -q -B package -DskipTests -pl sciml4j-bench -am
mkdir -p target
JAVA_OPTS="--add-modules jdk.incubator.vector"
java $JAVA_OPTS -jar sciml4j-bench/target/benchmarks.jar PinnStepBenchmark -rf csv -rff target/pinn-step.csv \
  >target/pinn-step-jmh.log 2>&1 || { cat target/pinn-step-jmh.log; exit 1; }
row() { awk -F, -v name="$1" '$1 ~ name"\"" {gsub(/"/,"",$5); gsub(/"/,"",$6); printf "%.1f %.1f", $5, $6}' target/pinn-step.csv; }
read -r ours err <<<"$(row oscillatorPinnStep)"
read -r fused ferr <<<"$(row oscillatorPinnStepFused)"
read -r demo derr <<<"$(row oscillatorPinnStepDemo)"
# PyTorch keeps its own default thread count (1 here; 2 threads measured slower on this 2-core machine)
torch_line=$("$PY" sciml4j-bench/python/pinn_step.py 3000)
theirs=$(echo "$torch_line" | sed -E 's/.*: ([0-9.]+) us\/step.*/\1/')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "sciml4j generic engine: $ours +- $err us/step (JMH; all products below the BLAS threshold: Vector API kernel)"
echo "sciml4j fused MlpJet:   $fused +- $ferr us/step"
echo "sciml4j demo loop body: $demo +- $derr us/step (fused jet at 102 points, initial-value terms, Adam step)"
echo "$torch_line"
awk -v a="$ours" -v f="$fused" -v b="$theirs" 'BEGIN {printf "ratio: generic %.1fx, fused %.1fx faster than PyTorch per step\n", b / a, b / f}'
