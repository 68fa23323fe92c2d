"""The PyTorch side of the HNN training bench (sciml4j-bench/run-hnn.sh): the same problem as
org.sciml4j.bench.HnnStep, written as Greydanus et al.'s hnn.py trains it: H a 2-W-W-1 tanh MLP (Glorot-normal
weights, zero biases), the field J grad H by torch.autograd.grad(create_graph=True), the mean square against the
true derivatives, full batch, torch.optim.Adam(lr=1e-3, weight_decay=1e-4), float64.

Data: 25 mass-spring trajectories of 30 points on [0, 3] (750 states), H = q^2 + p^2 (Greydanus's), initial states
at radius U[0.1, 1], noise N(0, 0.1^2) on the observed states; drawn here with numpy (closed form), so the values
differ from the Java side's draw but the shapes and the work per epoch are the same.

Options: --warmup N (untimed epochs, default 50), --epochs N (timed, default 200), --width W (default 200),
--threads T, --seed S. Prints one line:
    RESULT side=pytorch problem=hnn ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=.. params=..
           threads=.. torch=.. loss=..
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "suite"))
from common import mlp, options, start, train  # noqa: E402  (the suite's: float64, the options, the Glorot tanh MLP)


def data(seed, k=25, points=30, noise=0.1):
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 3, points)
    xs, ds = [], []
    for _ in range(k):
        r = rng.uniform(0.1, 1.0)
        phase = rng.uniform(0, 2 * np.pi)
        # H = q^2 + p^2: q' = 2p, p' = -2q, a rotation at angular frequency 2
        q = r * np.cos(2 * t + phase)
        p = -r * np.sin(2 * t + phase)
        x = np.stack([q, p], 1)
        ds.append(np.stack([2 * p, -2 * q], 1))
        xs.append(x + noise * rng.standard_normal(x.shape))
    return torch.tensor(np.concatenate(xs)), torch.tensor(np.concatenate(ds))


def main():
    p = options(__doc__.split("\n")[0])
    p.add_argument("--width", type=int, default=200)
    args = start(p)
    x, dxdt = data(args.seed)
    net = mlp([2, args.width, args.width, 1])

    def loss():
        xi = x.clone().requires_grad_(True)
        h = net(xi)
        dh = torch.autograd.grad(h.sum(), xi, create_graph=True)[0]
        field = torch.cat([dh[:, 1:2], -dh[:, 0:1]], 1)  # J grad H = (dH/dp, -dH/dq)
        return ((field - dxdt) ** 2).mean()

    train("hnn", net, loss, args, x.shape[0], weight_decay=1e-4)


if __name__ == "__main__":
    main()
