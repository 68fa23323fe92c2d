"""Two numpy checks behind docs/DYNAMICS.md's account of the SSGP's loss on the double-well Duffing.

1. How much trajectory MSE a field that is right in shape but uniformly too slow by a factor c costs over the
   evaluation's [0, 15] (25 test states drawn as the example's: H = p^2/2 - q^2/2 + q^4/4 in [0.5, 2]).
2. Errors in variables: the speed factor c of the TRUE field that best fits one-unit (and two-unit) segments starting
   at noisy observations (14 trajectories of [0, 10], 5 points per unit time, noise sd 0.1, as the example's data).
   c < 1 means noisy segment starts alone pull a segment fit towards a slower field.

Run: python3 sciml4j-bench/python/ssgp/speed_bias.py   (numpy only, deterministic, about a minute)
"""
import numpy as np

rng = np.random.default_rng(0)


def field(x):
    q, p = x[..., 0], x[..., 1]
    return np.stack([p, q - q ** 3], -1)


def energy(x):
    q, p = x[..., 0], x[..., 1]
    return p ** 2 / 2 - q ** 2 / 2 + q ** 4 / 4


def rk4(x, h, n, c=1.0):
    out = [x]
    for _ in range(n):
        k1 = c * field(x)
        k2 = c * field(x + h / 2 * k1)
        k3 = c * field(x + h / 2 * k2)
        k4 = c * field(x + h * k3)
        x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out.append(x)
    return np.stack(out)


def states(n):
    xs = []
    while len(xs) < n:
        x = rng.uniform(-3, 3, 2)
        if 0.5 <= energy(x) <= 2:
            xs.append(x)
    return np.array(xs)


x0 = states(25)
truth = rk4(x0, 0.01, 1500)[::10]
for c in (0.95, 0.967, 0.98, 0.99, 1.01):
    pred = rk4(x0, 0.01, 1500, c)[::10]
    print(f"field speed factor {c}: trajectory MSE over [0, 15] {((pred - truth) ** 2).mean():.3f}")

dt = 0.2
grid = np.linspace(0.9, 1.05, 61)
for segment in (5, 10):
    best = []
    for rep in range(3):
        start = states(14)
        clean = rk4(start, dt / 20, 50 * 20)[::20]
        y = clean + rng.normal(0, 0.1, clean.shape)
        loss = []
        for c in grid:
            e = 0.0
            for i in range(0, 51 - segment):
                pred = rk4(y[i], dt / 4, segment * 4, c)[::4]
                e += ((pred[1:] - y[i + 1:i + segment + 1]) ** 2).mean()
            loss.append(e)
        best.append(round(float(grid[int(np.argmin(loss))]), 4))
    print(f"segments of {segment} intervals from noisy starts: best speed factor of the true field {best}")
