#!/usr/bin/env bash
# One PINN training step (damped oscillator, 1-20-20-1 tanh, 101 points, u_tt + 0.1 u_t + u, parameter gradient):
# sciml4j under JMH and PyTorch (Debian's python3-torch, installed here when missing), in one run on this machine.
# Usage: sciml4j-bench/run-pinn-step.sh        (from the repository root or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! "$PY" -c "import torch" 2>/dev/null; then
  echo "Installing Debian's python3-torch for the reference run..."
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-torch >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq python3-torch >/dev/null; fi
fi
mvn -q -B package -DskipTests -pl sciml4j-bench -am
mkdir -p target
JAVA_OPTS="--add-modules jdk.incubator.vector"
java $JAVA_OPTS -jar sciml4j-bench/target/benchmarks.jar PinnStepBenchmark -rf csv -rff target/pinn-step.csv \
  >target/pinn-step-jmh.log 2>&1 || { cat target/pinn-step-jmh.log; exit 1; }
ours=$(awk -F, 'NR==2 {gsub(/"/,"",$5); printf "%.1f", $5}' target/pinn-step.csv)
err=$(awk -F, 'NR==2 {gsub(/"/,"",$6); printf "%.1f", $6}' target/pinn-step.csv)
torch_line=$(OMP_NUM_THREADS=$(nproc) "$PY" sciml4j-bench/python/pinn_step.py 3000)
theirs=$(echo "$torch_line" | sed -E 's/.*: ([0-9.]+) us\/step.*/\1/')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "sciml4j: $ours +- $err us/step (JMH; every product here is below the BLAS threshold: Vector API kernel)"
echo "$torch_line"
awk -v a="$ours" -v b="$theirs" 'BEGIN {printf "ratio: sciml4j is %.1fx faster than PyTorch per step\n", b / a}'
