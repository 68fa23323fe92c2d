"""Shared pieces of the PINN step suite's PyTorch scripts (sciml4j-bench/run-suite.sh; Debian's python3-torch,
run with /usr/bin/python3): float64, command-line options, the networks, the input derivative, and the timed Adam
loop that prints the RESULT line.

Each script is a plain PINN program as a PyTorch user writes it: one leaf tensor per input variable (x and t apart,
so that u_x and u_t are single torch.autograd.grad calls with create_graph=True), the network applied to their
concatenation, each condition evaluated on its own points, loss.backward() and torch.optim.Adam(lr=1e-3). The points
are drawn uniformly at random (seeded): the timing depends on their number, not their placement.

Options of every script: --warmup N (untimed Adam epochs first, default 50), --epochs N (timed epochs, default 200),
--threads T (torch.set_num_threads; default: torch's own), --seed S. Output, one line:

    RESULT side=pytorch problem=.. ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=.. params=..
           threads=.. torch=.. loss=..

ms_per_epoch: wall clock per timed epoch; cpu_ms_per_epoch: this process's CPU time (all threads) per timed epoch.
"""
import argparse
import math
import time

import torch

torch.set_default_dtype(torch.float64)


def options(description):
    """Parses the common options; sets the thread count and the seed."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--warmup", type=int, default=50, help="untimed Adam epochs first (default 50)")
    p.add_argument("--epochs", type=int, default=200, help="timed Adam epochs (default 200)")
    p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's own)")
    p.add_argument("--seed", type=int, default=0)
    return p


def start(p):
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    return args


def mlp(sizes):
    """tanh MLP, Glorot-normal weights, zero biases (sciml4j's and DeepXDE's glorot_normal)."""
    layers = []
    for i in range(len(sizes) - 1):
        lin = torch.nn.Linear(sizes[i], sizes[i + 1])
        torch.nn.init.xavier_normal_(lin.weight)
        torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


class FourierMlp(torch.nn.Module):
    """[cos(2 pi x B), sin(2 pi x B)] with a frozen B ~ N(0, scale^2) of shape (in, features), then a tanh MLP."""

    def __init__(self, inputs, features, scale, hidden, outputs):
        super().__init__()
        self.register_buffer("B", torch.randn(inputs, features) * scale)
        self.net = mlp([2 * features] + hidden + [outputs])

    def forward(self, x):
        z = 2 * math.pi * (x @ self.B)
        return self.net(torch.cat([torch.cos(z), torch.sin(z)], 1))


class ModifiedMlp(torch.nn.Module):
    """Wang, Teng & Perdikaris's modified MLP: U, V encoders; H = Z * U + (1 - Z) * V after every hidden layer."""

    def __init__(self, inputs, width, depth, outputs):
        super().__init__()
        self.u = mlp([inputs, width])
        self.v = mlp([inputs, width])
        self.hidden = torch.nn.ModuleList(mlp([inputs if i == 0 else width, width]) for i in range(depth))
        self.out = mlp([width, outputs])

    def forward(self, x):
        u = torch.tanh(self.u(x))
        v = torch.tanh(self.v(x))
        h = x
        for layer in self.hidden:
            z = torch.tanh(layer(h))
            h = z * u + (1 - z) * v
        return self.out(h)


def d(y, x):
    """dy/dx for a column y computed from the leaf column x, kept differentiable (create_graph=True)."""
    return torch.autograd.grad(y, x, torch.ones_like(y), create_graph=True)[0]


def uniform(n, lo, hi, grad=True):
    """n points uniform in [lo, hi], shape (n, 1), a leaf that requires grad (unless grad=False)."""
    return (lo + (hi - lo) * torch.rand(n, 1)).requires_grad_(grad)


def full(n, value):
    """n copies of value, shape (n, 1), no grad."""
    return torch.full((n, 1), float(value))


def train(problem, net, loss_fn, args, points, weight_decay=0.0, lr=1e-3):
    """--warmup untimed then --epochs timed Adam epochs (lr 1e-3 unless given, torch's coupled weight decay) of
    loss_fn; prints the RESULT line."""
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=weight_decay)

    def epoch():
        opt.zero_grad()
        loss = loss_fn()
        loss.backward()
        opt.step()
        return loss

    for _ in range(args.warmup):
        epoch()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(args.epochs):
        loss = epoch()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    print(f"RESULT side=pytorch problem={problem} ms_per_epoch={wall / args.epochs * 1e3:.4f}"
          f" cpu_ms_per_epoch={cpu / args.epochs * 1e3:.4f} warmup={args.warmup} epochs={args.epochs}"
          f" points={points} params={params} threads={torch.get_num_threads()} torch={torch.__version__}"
          f" loss={loss.item():.6e}", flush=True)
