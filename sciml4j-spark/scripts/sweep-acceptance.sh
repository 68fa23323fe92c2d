#!/usr/bin/env bash
# Issue 19's first acceptance line: a 16-run Burgers sweep (learning rate x width x 4 seeds) on local[2] gives the
# same summary.json figures as the 16 runs made one by one with `sciml4j run` on hand-edited files, bit for bit.
# Also compares each run's model.safetensors, prediction.tsv and loss.tsv byte for byte.
#   sciml4j-spark/scripts/sweep-acceptance.sh [OUT]     (default OUT: /tmp/sciml4j-sweep16; about 6 min idle)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/sciml4j-sweep16}"
cd "$root"
rm -rf "$out"; mkdir -p "$out/one"
base=examples/spark/burgers-short.yaml
data="$(cd "$root/.." && pwd)/shared/data/deepxde/Burgers.npz"
start=$(date +%s)
./sciml4j sweep "$base" --grid 'training.adam.lr=[1e-3,3e-3]' --grid 'network.layers=[[20,20,20],[40,40,40]]' \
  --seeds 4 --master 'local[2]' --threads 1 --out "$out/sweep"
echo "sweep: $(( $(date +%s) - start )) s wall"
start=$(date +%s)
for lr in 1e-3 3e-3; do for w in 20 40; do
  f="$out/one/burgers-$lr-$w.yaml"     # edited by hand, as a user would: no override machinery
  sed -e "s/adam: {lr: 1e-3,/adam: {lr: $lr,/" -e "s/layers: \[20, 20, 20\]/layers: [$w, $w, $w]/" \
      -e "s#file: .*Burgers.npz#file: $data#" "$base" > "$f"
  for s in 0 1 2 3; do
    ./sciml4j run "$f" --seed $s --threads 1 --quiet --out "$out/one/$lr-$w-$s"
  done
done; done
echo "one by one: $(( $(date +%s) - start )) s wall"
python3 - "$out" <<'PY'
import csv, filecmp, json, sys
out = sys.argv[1]
def flat(d, p=""):
    r = {}
    for k, v in d.items():
        r.update(flat(v, p + k + ".") if isinstance(v, dict) else {p + k: v})
    return r
skip = ("problem_file", "evaluation_file")
rows = list(csv.DictReader(open(f"{out}/sweep/sweep.tsv"), delimiter="\t"))
values = differ = files = same = 0
for r in rows:
    lr = "1e-3" if float(r["training.adam.lr"]) == 1e-3 else "3e-3"
    w = r["network.layers"].strip("[]").split(",")[0].strip()
    one = f"{out}/one/{lr}-{w}-{r['seed']}"
    a = flat(json.load(open(f"{out}/sweep/runs/{r['run']}/summary.json")))
    b = flat(json.load(open(f"{one}/summary.json")))
    for k in a:
        if "seconds" in k or k in skip:
            continue
        values += 1
        if a[k] != b.get(k):
            differ += 1
            print("DIFFERS", r["run"], k, a[k], b.get(k))
    for f in ("model.safetensors", "prediction.tsv", "loss.tsv"):
        files += 1
        same += filecmp.cmp(f"{out}/sweep/runs/{r['run']}/{f}", f"{one}/{f}", shallow=False)
    print(f"{r['run']} lr {lr} width {w} seed {r['seed']}: relative_error {a['relative_error']!r} "
          f"(one by one {b['relative_error']!r})")
print(f"{len(rows)} runs: {values} summary values compared, {differ} differ; {same} of {files} files identical")
sys.exit(1 if differ or same != files or len(rows) != 16 else 0)
PY
