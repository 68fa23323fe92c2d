#!/usr/bin/env bash
# The Hamiltonian-penalty table (issue 14 item 4, docs/OPERATORS.md "Hamiltonian penalty"): FNO-1D on the sine-Gordon
# state map with 10, 30 and 100 training pairs x seeds 0, 1, 2, without the penalty (fno-sine-gordon.yaml) and with
# it (fno-sine-gordon-energy.yaml); test relative L2 and energy drift, medians over the seeds.
#
#   examples/operators/hamiltonian-penalty-table.sh [OUT_DIR] [STEPS]
#
# OUT_DIR (default runs/hamiltonian-penalty) receives one run folder per case and table.md; a case whose
# summary.json exists is not run again, so an interrupted table resumes. Every case trains STEPS optimiser steps
# (default 1000: epochs = STEPS / ceil(train / batch), the learning rate halved every fifth of them), so the sizes
# differ in data, not in optimisation. Runs go one at a time under nice -n 10. The file copies differ from the
# examples only in train, epochs and step, and name the generator spec by its absolute path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-runs/hamiltonian-penalty}"
steps="${2:-1000}"
mkdir -p "$out/files"
out="$(cd "$out" && pwd)"
batch=10
for n in 10 30 100; do
  per=$(( (n + batch - 1) / batch ))
  epochs=$(( (steps + per - 1) / per ))
  step=$(( (epochs + 4) / 5 ))
  for variant in fno-sine-gordon fno-sine-gordon-energy; do
    file="$out/files/$variant-$n.yaml"
    sed -e "s/^  train: [0-9]*$/  train: $n/" \
        -e "s|generate: data/|generate: $here/data/|" \
        -e "s/epochs: [0-9]*, batch: [0-9]*, step: [0-9]*/epochs: $epochs, batch: $batch, step: $step/" \
        "$here/$variant.yaml" > "$file"
    grep -q "train: $n$" "$file" && grep -q "epochs: $epochs, batch: $batch, step: $step" "$file" \
      || { echo "$file: the example's data or adam line did not take the overrides" >&2; exit 1; }
    for seed in 0 1 2; do
      run="$out/$variant-$n-s$seed"
      if [ -f "$run/summary.json" ]; then
        continue
      fi
      echo "== $variant, $n pairs, seed $seed ($epochs epochs, $(( epochs * per )) steps)"
      nice -n 10 "$root/sciml4j" run "$file" --seed "$seed" --out "$run" --quiet
    done
  done
done

python3 - "$out" <<'EOF'
import json, os, statistics, sys
out = sys.argv[1]
rows = ["| train pairs | penalty | test relative L2 (median; seeds 0, 1, 2) | energy drift (median; seeds 0, 1, 2) |",
        "|---|---|---|---|"]
for n in (10, 30, 100):
    for variant, label in (("fno-sine-gordon", "none"), ("fno-sine-gordon-energy", "energy")):
        s = [json.load(open(os.path.join(out, f"{variant}-{n}-s{k}", "summary.json"))) for k in range(3)]
        if label == "energy":
            label = f"weight {s[0]['energy_weight']:g}, {s[0]['energy_states']} states"
        err = [x["relative_error"] for x in s]
        drift = [x["energy_drift"] for x in s]
        rows.append(f"| {n} | {label} | **{statistics.median(err):.4f}** ({', '.join(f'{e:.4f}' for e in err)}) |"
                    f" **{statistics.median(drift):.4f}** ({', '.join(f'{d:.4f}' for d in drift)}) |")
text = "\n".join(rows) + "\n"
tmp = os.path.join(out, "table.md.tmp")
open(tmp, "w").write(text)
os.replace(tmp, os.path.join(out, "table.md"))
print(text, end="")
EOF
