"""The PyTorch side of the neural ODE training bench (sciml4j-bench/run-node.sh): the same problem as
org.sciml4j.bench.NeuralOdeStep, written as a torchdiffeq user trains ode_demo.py's spiral with a fixed-step solver:
the field a 2-W-2 tanh MLP (Glorot-normal weights, zero biases), each Adam step (lr 1e-2) on 64 random segments of
10 observation intervals, integrated by the classical RK4 with one step per interval (0.025) and differentiated by
loss.backward() through the solver's operations (torchdiffeq's odeint without the adjoint does the same), float64.
torchdiffeq itself is not a Debian package; its fixed-grid rk4 step is these four stages.

Data: 8 spiral trajectories dx/dt = x^3 A, A = [[-0.1, 2], [-2, -0.1]], of [0, 10] at 40 points per unit time (401
points), from initial states at radius U[1, 2], integrated here with numpy (RK4, 10 substeps per interval): the
values differ from the Java side's draw but the shapes and the work per step are the same.

Options: --warmup N (untimed steps, default 20), --epochs N (timed, default 200), --width W (default 50),
--threads T, --seed S. Prints one line:
    RESULT side=pytorch problem=neural-ode ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=..
           params=.. threads=.. torch=.. loss=..
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "suite"))
from common import mlp, options, start, train  # noqa: E402  (the suite's: float64, the options, the Glorot tanh MLP)

A = np.array([[-0.1, 2.0], [-2.0, -0.1]])
DT = 0.025
SEGMENT = 10
BATCH = 64


def rk4_step(f, x, h):
    """One classical RK4 step of dx/dt = f(x) (numpy arrays or torch tensors alike)."""
    k1 = f(x)
    k2 = f(x + h / 2 * k1)
    k3 = f(x + h / 2 * k2)
    k4 = f(x + h * k3)
    return x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def spiral(seed, k=8, points=401, substeps=10):
    rng = np.random.default_rng(seed)
    r = rng.uniform(1.0, 2.0, k)
    phi = rng.uniform(0, 2 * np.pi, k)
    x = np.stack([r * np.cos(phi), r * np.sin(phi)], 1)
    out = [x]
    for _ in range(points - 1):
        for _ in range(substeps):
            x = rk4_step(lambda y: (y ** 3) @ A, x, DT / substeps)
        out.append(x)
    return torch.tensor(np.stack(out, 1))  # (k, points, 2)


def rk4(field, x0, steps):
    xs = [x0]
    for _ in range(steps):
        xs.append(rk4_step(field, xs[-1], DT))
    return torch.stack(xs[1:])  # (steps, batch, 2)


def main():
    p = options(__doc__.split("\n")[0])
    p.add_argument("--width", type=int, default=50)
    p.set_defaults(warmup=20)
    args = start(p)
    data = spiral(args.seed)
    k, points, _ = data.shape
    net = mlp([2, args.width, 2])
    offsets = torch.arange(1, SEGMENT + 1)

    def loss():
        traj = torch.randint(0, k, (BATCH,))
        first = torch.randint(0, points - SEGMENT, (BATCH,))
        x0 = data[traj, first]
        target = data[traj[None, :], first[None, :] + offsets[:, None]]  # (SEGMENT, BATCH, 2)
        return ((rk4(net, x0, SEGMENT) - target) ** 2).mean()

    train("neural-ode", net, loss, args, BATCH * SEGMENT, lr=1e-2)


if __name__ == "__main__":
    main()
