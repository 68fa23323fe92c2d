"""The PyTorch side of the NPE training bench (sciml4j-bench/run-npe.sh): the same conditional masked autoregressive
flow as sciml4j's default NPE flow (org.sciml4j.bench.NpeStep, FlowSpec("maf", 5, 50, 2)), trained on the same
simulations, written as a PyTorch user writes a MAF by hand (nflows/sbi are not used):

- theta and x z-scored by the training pairs' means and sample sds (fixed buffers);
- 5 steps, each a MADE (Germain et al. 2015) with nflows' sequential degrees (input i has degree i+1, hidden unit k
  degree k mod max(1, D-1) + min(1, D-1)): a masked D-to-50 layer plus an unmasked, bias-free context-to-50 layer,
  tanh, 2 masked 50-to-50 tanh layers, a masked 50-to-2D output (shift and scale logits; masked linear layers are
  F.linear(x, weight * mask, bias)); the step is z = theta * s + t with s = softplus(u + log(e^0.999 - 1)) + 1e-3;
  a random feature permutation after each step; standard normal base;
- nn.Linear's default initialisation (uniform +-1/sqrt(fan_in)), float64;
- 10 % of the pairs held out (seeded permutation), batches of 50 drawn by a fresh permutation each pass,
  loss -mean log q(theta | x), torch.nn.utils.clip_grad_norm_(5), torch.optim.Adam(lr=5e-4); after each pass the
  validation loss under torch.no_grad() (sbi's loop).

One "epoch" is one pass over the 9000 training pairs (180 Adam steps) plus the validation loss, as sciml4j counts it.

Options: --data FILE (.npz with theta (N, D) and x (N, C), written by NpeStep --export), --warmup N (untimed
passes, default 2), --epochs N (timed passes, default 5), --batch B (default 50), --threads T, --seed S.
Prints one line:
    RESULT side=pytorch problem=npe ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=.. params=..
           threads=.. torch=.. loss=..
"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "suite"))
from common import options, start  # noqa: E402  (the suite's: float64, the options)

MIN_SCALE = 1e-3
SCALE_OFFSET = math.log(math.expm1(1 - MIN_SCALE))


class MaskedLinear(torch.nn.Linear):
    def __init__(self, mask):
        super().__init__(mask.shape[1], mask.shape[0])
        self.register_buffer("mask", mask)

    def forward(self, x):
        return F.linear(x, self.weight * self.mask, self.bias)


class Made(torch.nn.Module):
    """MADE with a context input: outputs (N, D) shift logits and (N, D) scale logits, output i sees inputs < i."""

    def __init__(self, features, context, hidden, blocks):
        super().__init__()
        in_deg = torch.arange(1, features + 1)
        hid_deg = torch.arange(hidden) % max(1, features - 1) + min(1, features - 1)
        self.initial = MaskedLinear((hid_deg[:, None] >= in_deg[None, :]).double())
        self.context = torch.nn.Linear(context, hidden, bias=False)
        self.blocks = torch.nn.ModuleList(
            MaskedLinear((hid_deg[:, None] >= hid_deg[None, :]).double()) for _ in range(blocks))
        out_mask = (in_deg[:, None] > hid_deg[None, :]).double()
        self.output = MaskedLinear(torch.cat([out_mask, out_mask]))  # rows: D scale logits, then D shifts

    def forward(self, x, c):
        h = torch.tanh(self.initial(x) + self.context(c))
        for block in self.blocks:
            h = torch.tanh(block(h))
        return self.output(h).chunk(2, dim=1)


class Maf(torch.nn.Module):
    def __init__(self, features, context, hidden=50, blocks=2, transforms=5):
        super().__init__()
        self.steps = torch.nn.ModuleList(Made(features, context, hidden, blocks) for _ in range(transforms))
        for i in range(transforms):
            self.register_buffer(f"perm{i}", torch.randperm(features))
        self.features = features

    def standardize(self, theta, x):
        self.register_buffer("theta_mean", theta.mean(0))
        self.register_buffer("theta_sd", theta.std(0))
        self.register_buffer("x_mean", x.mean(0))
        self.register_buffer("x_sd", x.std(0))

    def log_prob(self, theta, x):
        z = (theta - self.theta_mean) / self.theta_sd
        c = (x - self.x_mean) / self.x_sd
        log_det = -torch.log(self.theta_sd).sum()
        for i, made in enumerate(self.steps):
            u, t = made(z, c)
            s = F.softplus(u + SCALE_OFFSET) + MIN_SCALE
            z = z * s + t
            log_det = log_det + torch.log(s).sum(1)
            z = z[:, getattr(self, f"perm{i}")]
        return -0.5 * (z ** 2).sum(1) - 0.5 * self.features * math.log(2 * math.pi) + log_det


def main():
    p = options(__doc__.split("\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--batch", type=int, default=50)
    p.set_defaults(warmup=2, epochs=5)
    args = start(p)
    d = np.load(args.data)
    theta, x = torch.tensor(d["theta"]), torch.tensor(d["x"])
    n = theta.shape[0]
    n_val = max(1, round(0.1 * n))
    perm = torch.randperm(n)
    train, val = perm[:n - n_val], perm[n - n_val:]
    flow = Maf(theta.shape[1], x.shape[1])
    flow.standardize(theta[train], x[train])
    opt = torch.optim.Adam(flow.parameters(), lr=5e-4)
    th_train, x_train, th_val, x_val = theta[train], x[train], theta[val], x[val]

    def epoch():
        for idx in torch.randperm(th_train.shape[0]).split(args.batch):
            opt.zero_grad()
            loss = -flow.log_prob(th_train[idx], x_train[idx]).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(flow.parameters(), 5.0)
            opt.step()
        with torch.no_grad():
            return -flow.log_prob(th_val, x_val).mean()

    for _ in range(args.warmup):
        epoch()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(args.epochs):
        val_loss = epoch()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    params = sum(q.numel() for q in flow.parameters())
    print(f"RESULT side=pytorch problem=npe ms_per_epoch={wall / args.epochs * 1e3:.4f}"
          f" cpu_ms_per_epoch={cpu / args.epochs * 1e3:.4f} warmup={args.warmup} epochs={args.epochs}"
          f" points={th_train.shape[0]} params={params} threads={torch.get_num_threads()} torch={torch.__version__}"
          f" loss={val_loss.item():.6e}", flush=True)


if __name__ == "__main__":
    main()
