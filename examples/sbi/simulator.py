#!/usr/bin/env python3
"""An external simulator for `kind: sbi`: reads 'seed theta_1 theta_2' lines, writes 'x_1 x_2' lines.

The model: x = theta + 0.1 * noise (two parameters, two data values), each line drawing from its own seed so that
results do not depend on how sciml4j cuts the simulations into batches.
"""
import random
import sys

for line in sys.stdin:
    parts = line.split()
    if not parts:
        continue
    rng = random.Random(int(parts[0]))
    theta = [float(v) for v in parts[1:]]
    print(" ".join(repr(t + 0.1 * rng.gauss(0.0, 1.0)) for t in theta))
