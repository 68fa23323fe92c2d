"""The PyTorch side of the FNO training bench (sciml4j-bench/run-fno.sh): the same steps as
org.sciml4j.bench.FnoStep, written as neuraloperator's original fourier_1d.py (Li et al. 2021) trains its Burgers
model: lifting fc0 = Linear(2, 64) on (u(x), x); 4 Fourier layers gelu(SpectralConv1d(u) + Conv1d(64, 64, 1)(u))
(no gelu after the last); SpectralConv1d = torch.fft.rfft, the lowest 16 modes times complex (in, out, modes) weights
by einsum("bix,iox->box"), torch.fft.irfft(n=s); projection Linear(64, 128), gelu, Linear(128, 1); F.gelu (exact);
weights scale * rand (the original); relative L2 loss (the original's LpLoss, averaged over the batch),
torch.optim.Adam(lr=1e-3, weight_decay=1e-4), batches of 20 shuffled functions, float64, CPU.

Data: (TRAIN, 256) seeded normal inputs and outputs (the time of a step does not depend on the values) or the first
TRAIN rows of an .npz with arrays inputs and outputs (--data). An epoch is one pass over the TRAIN functions.

The RESULT's loss is the mean batch loss of the last timed epoch. Options: --warmup N (untimed steps, default 20), --epochs N (timed passes, default 2), --train N (default 1000),
--data FILE.npz, --threads T, --seed S. Prints one line:
    RESULT side=pytorch problem=fno1d ms_per_epoch=.. cpu_ms_per_epoch=.. ms_per_step=.. warmup=.. epochs=..
           points=.. params=.. threads=.. torch=.. loss=..
"""
import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)

GRID, BATCH, MODES, WIDTH = 256, 20, 16, 64


class SpectralConv1d(nn.Module):
    def __init__(self, in_channels, out_channels, modes):
        super().__init__()
        self.modes = modes
        scale = 1 / (in_channels * out_channels)
        self.weights = nn.Parameter(scale * torch.rand(in_channels, out_channels, modes, dtype=torch.cdouble))

    def forward(self, x):
        b, n = x.shape[0], x.shape[-1]
        x_ft = torch.fft.rfft(x)
        out_ft = torch.zeros(b, self.weights.shape[1], n // 2 + 1, dtype=torch.cdouble)
        out_ft[:, :, :self.modes] = torch.einsum("bix,iox->box", x_ft[:, :, :self.modes], self.weights)
        return torch.fft.irfft(out_ft, n=n)


class FNO1d(nn.Module):
    def __init__(self, modes=MODES, width=WIDTH, layers=4):
        super().__init__()
        self.fc0 = nn.Linear(2, width)
        self.convs = nn.ModuleList(SpectralConv1d(width, width, modes) for _ in range(layers))
        self.ws = nn.ModuleList(nn.Conv1d(width, width, 1) for _ in range(layers))
        self.fc1 = nn.Linear(width, 128)
        self.fc2 = nn.Linear(128, 1)

    def forward(self, u):
        b, s = u.shape
        grid = torch.linspace(0, 1, s).reshape(1, s, 1).repeat(b, 1, 1)
        x = self.fc0(torch.cat((u.unsqueeze(-1), grid), dim=-1)).permute(0, 2, 1)
        for i, (conv, w) in enumerate(zip(self.convs, self.ws)):
            x = conv(x) + w(x)
            if i < len(self.convs) - 1:
                x = F.gelu(x)
        x = F.gelu(self.fc1(x.permute(0, 2, 1)))
        return self.fc2(x).squeeze(-1)


def relative_l2(pred, truth):
    b = pred.shape[0]
    diff = torch.norm(pred.reshape(b, -1) - truth.reshape(b, -1), 2, 1)
    return (diff / torch.norm(truth.reshape(b, -1), 2, 1)).mean()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--warmup", type=int, default=20, help="untimed steps first (default 20)")
    p.add_argument("--epochs", type=int, default=2, help="timed passes over the training functions (default 2)")
    p.add_argument("--train", type=int, default=1000)
    p.add_argument("--data", default=None, help=".npz with inputs and outputs (N, s)")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.data:
        d = np.load(args.data)
        x, y = torch.tensor(d["inputs"][:args.train]), torch.tensor(d["outputs"][:args.train])
    else:
        g = torch.Generator().manual_seed(1)
        x, y = torch.randn(args.train, GRID, generator=g), torch.randn(args.train, GRID, generator=g)
    model = FNO1d()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=BATCH, shuffle=True)

    def step(xb, yb):
        opt.zero_grad()
        loss = relative_l2(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.detach()

    done = 0
    while done < args.warmup:
        for xb, yb in loader:
            if done == args.warmup:
                break
            step(xb, yb)
            done += 1
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(args.epochs):
        losses = [step(xb, yb) for xb, yb in loader]
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    loss = torch.stack(losses).mean()  # the mean batch loss of the last epoch (one batch's loss is noisy)
    steps = args.epochs * len(loader)
    params = sum(q.numel() * (2 if q.is_complex() else 1) for q in model.parameters())
    print(f"RESULT side=pytorch problem=fno1d ms_per_epoch={wall / args.epochs * 1e3:.4f}"
          f" cpu_ms_per_epoch={cpu / args.epochs * 1e3:.4f} ms_per_step={wall / steps * 1e3:.4f}"
          f" warmup={args.warmup} epochs={args.epochs} points={x.shape[0]} params={params}"
          f" threads={torch.get_num_threads()} torch={torch.__version__} loss={loss.item():.6e}", flush=True)


if __name__ == "__main__":
    main()
