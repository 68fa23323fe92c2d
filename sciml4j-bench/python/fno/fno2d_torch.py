"""The PyTorch reference for the FNO-2D Darcy error curve (issue 14; docs/OPERATORS.md, "FNO-2D on Darcy flow"):
the model and training of examples/operators/fno-darcy.yaml, written as neuraloperator's original fourier_2d.py
(Li et al. 2021): lifting fc0 = Linear(3, 32) on (a(x, y), x, y), the grid by torch.linspace(0, 1, s) per axis;
F.pad of floor(0.1 s + 0.5) zeros (9 of 85 points, the original's padding; before session 14 Python's round gave 8)
at the end of both axes; 4 Fourier layers gelu(SpectralConv2d(v) + Conv2d(32, 32, 1)(v)) (no gelu after the last);
SpectralConv2d = torch.fft.rfft2, the kept modes k1 in [0, 12) (weights1) and [n1 - 12, n1) (weights2), k2 in
[0, 12), times complex (in, out, 12, 12) weights by einsum("bixy,ioxy->boxy"), torch.fft.irfft2(s=(n1, n2)); crop; projection Linear(32, 128), gelu,
Linear(128, 1); F.gelu (exact); spectral weights scale * rand (the original); 2,368,001 parameters; float64, CPU.

Training as the example: Adam(lr=1e-3, weight_decay=1e-4), StepLR(step_size=100, gamma=0.5) stepped once per
epoch, batches of 20 shuffled training functions (torch.manual_seed(seed)), the relative L2 loss averaged over the
batch (neuraloperator's LpLoss; the original sums it over the batch and normalises a and u, see --original).

Data: the .npz sciml4j generate writes (inputs (N, s, s) a, outputs (N, s, s) u); train = the first --train rows,
test = the last --test rows (the example's split). After every epoch it prints the mean test relative L2 over the
test functions (evaluated without gradients, not timed) and the epoch's training seconds (wall and CPU):
    EPOCH epoch=.. test_rel_l2=.. train_loss=.. seconds=.. cpu_seconds=.. total_seconds=..
and, with --out FILE.tsv, writes the same as a table (epoch, test_relative_l2, seconds, train_loss, cpu_seconds)
after every epoch (atomically). Options: --epochs N (default 500), --threads T, --seed S, --train, --test,
--normalize (neuraloperator's UnitGaussianNormalizer on a and u: the network sees the encoded a and its output is
decoded before the loss; the example with `data.normalize: unit_gaussian`), --original (as written in
fourier_2d.py: --normalize and the loss summed over the batch). The test error is always the mean relative L2 of the
decoded prediction.
"""
import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)

BATCH, MODES, WIDTH, PADDING = 20, 12, 32, 0.1


class SpectralConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, modes1, modes2):
        super().__init__()
        self.modes1, self.modes2 = modes1, modes2
        scale = 1 / (in_channels * out_channels)
        shape = (in_channels, out_channels, modes1, modes2)
        self.weights1 = nn.Parameter(scale * torch.rand(*shape, dtype=torch.cdouble))
        self.weights2 = nn.Parameter(scale * torch.rand(*shape, dtype=torch.cdouble))

    def forward(self, x):
        b, n1, n2 = x.shape[0], x.shape[-2], x.shape[-1]
        m1, m2 = self.modes1, self.modes2
        x_ft = torch.fft.rfft2(x)
        out_ft = torch.zeros(b, self.weights1.shape[1], n1, n2 // 2 + 1, dtype=torch.cdouble)
        out_ft[:, :, :m1, :m2] = torch.einsum("bixy,ioxy->boxy", x_ft[:, :, :m1, :m2], self.weights1)
        out_ft[:, :, -m1:, :m2] = torch.einsum("bixy,ioxy->boxy", x_ft[:, :, -m1:, :m2], self.weights2)
        return torch.fft.irfft2(out_ft, s=(n1, n2))


class FNO2d(nn.Module):
    def __init__(self, modes=MODES, width=WIDTH, layers=4, padding=PADDING):
        super().__init__()
        self.padding = padding
        self.fc0 = nn.Linear(3, width)
        self.convs = nn.ModuleList(SpectralConv2d(width, width, modes, modes) for _ in range(layers))
        self.ws = nn.ModuleList(nn.Conv2d(width, width, 1) for _ in range(layers))
        self.fc1 = nn.Linear(width, 128)
        self.fc2 = nn.Linear(128, 1)

    def forward(self, a):
        b, s1, s2 = a.shape
        gx = torch.linspace(0, 1, s1).reshape(1, s1, 1, 1).repeat(b, 1, s2, 1)
        gy = torch.linspace(0, 1, s2).reshape(1, 1, s2, 1).repeat(b, s1, 1, 1)
        x = self.fc0(torch.cat((a.unsqueeze(-1), gx, gy), dim=-1)).permute(0, 3, 1, 2)
        # half up, as Java's Math.round in sciml4j (9 of 85, the original's fixed 9); Python's round(8.5) is 8
        p1, p2 = math.floor(self.padding * s1 + 0.5), math.floor(self.padding * s2 + 0.5)
        x = F.pad(x, [0, p2, 0, p1])
        for i, (conv, w) in enumerate(zip(self.convs, self.ws)):
            x = conv(x) + w(x)
            if i < len(self.convs) - 1:
                x = F.gelu(x)
        x = x[..., :s1, :s2].permute(0, 2, 3, 1)
        return self.fc2(F.gelu(self.fc1(x))).squeeze(-1)


def relative_l2(pred, truth):
    """Per function ||pred - truth|| / ||truth|| over its grid values, shape (B,)."""
    b = pred.shape[0]
    return torch.norm(pred.reshape(b, -1) - truth.reshape(b, -1), 2, 1) / torch.norm(truth.reshape(b, -1), 2, 1)


class UnitGaussianNormalizer:
    """neuraloperator's: pointwise mean and standard deviation over the training functions."""

    def __init__(self, x, eps=1e-5):
        self.mean, self.std, self.eps = x.mean(0), x.std(0), eps

    def encode(self, x):
        return (x - self.mean) / (self.std + self.eps)

    def decode(self, x):
        return x * (self.std + self.eps) + self.mean


def write_tsv(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("epoch\ttest_relative_l2\tseconds\ttrain_loss\tcpu_seconds\n")
        for r in rows:
            f.write("%d\t%.10g\t%.6g\t%.10g\t%.6g\n" % r)
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help=".npz with inputs and outputs (N, s, s)")
    p.add_argument("--epochs", type=int, default=500)
    p.add_argument("--train", type=int, default=1000)
    p.add_argument("--test", type=int, default=200)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default=None, help="a .tsv of the curve, rewritten after every epoch")
    p.add_argument("--normalize", action="store_true", help="normalise a and u (UnitGaussianNormalizer)")
    p.add_argument("--original", action="store_true", help="--normalize and the loss summed over the batch")
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    d = np.load(args.data)
    a, u = torch.tensor(d["inputs"]), torch.tensor(d["outputs"])
    n = a.shape[0]
    if args.train + args.test > n:
        raise SystemExit(f"{args.data}: {n} rows, fewer than train {args.train} + test {args.test}")
    a_train, u_train = a[:args.train], u[:args.train]
    a_test, u_test = a[n - args.test:], u[n - args.test:]
    decode_u = (lambda t: t)
    if args.original or args.normalize:
        na, nu = UnitGaussianNormalizer(a_train), UnitGaussianNormalizer(u_train)
        decode_u = nu.decode
        a_train, a_test = na.encode(a_train), na.encode(a_test)
    model = FNO2d()
    params = sum(q.numel() * (2 if q.is_complex() else 1) for q in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=100, gamma=0.5)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(a_train, u_train), batch_size=BATCH,
                                         shuffle=True)
    print(f"fno2d_torch: {params} parameters, {args.train} train + {args.test} test at {tuple(a.shape[1:])},"
          f" {args.epochs} epochs of {len(loader)} steps, threads {torch.get_num_threads()}, torch {torch.__version__}"
          f"{', original (normalised, summed loss)' if args.original else ', normalised' if args.normalize else ''}", flush=True)
    rows, total = [], 0.0
    for epoch in range(1, args.epochs + 1):
        model.train()
        c0, t0 = time.process_time(), time.perf_counter()
        losses = []
        for ab, ub in loader:
            opt.zero_grad()
            rel = relative_l2(decode_u(model(ab)), ub)
            loss = rel.sum() if args.original else rel.mean()
            loss.backward()
            opt.step()
            losses.append(rel.mean().detach())
        sched.step()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        total += wall
        model.eval()
        with torch.no_grad():
            pred = torch.cat([decode_u(model(a_test[i:i + 50])) for i in range(0, args.test, 50)])
            test = relative_l2(pred, u_test).mean().item()
        train_loss = torch.stack(losses).mean().item()
        rows.append((epoch, test, wall, train_loss, cpu))
        print(f"EPOCH epoch={epoch} test_rel_l2={test:.6g} train_loss={train_loss:.6g} seconds={wall:.3f}"
              f" cpu_seconds={cpu:.3f} total_seconds={total:.1f}", flush=True)
        if args.out:
            write_tsv(args.out, rows)


if __name__ == "__main__":
    main()
