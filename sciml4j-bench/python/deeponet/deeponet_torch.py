"""The PyTorch side of the DeepONet training bench (sciml4j-bench/run-deeponet.sh): the same problem as
org.sciml4j.bench.DeepOnetStep, written as a PyTorch user writes DeepXDE's unstacked DeepONet: branch
Linear(100, 40), ReLU, Linear(40, 40); trunk Linear(1, 40), ReLU, Linear(40, 40), ReLU (DeepXDE applies the
activation to the trunk's output); output sum_k b_k t_k + b0 per (function, point) row; Glorot-normal weights, zero
biases; mean square error, full batch, torch.optim.Adam(lr=1e-3), float64, CPU. One epoch = one full-batch Adam step.

Data: the .npz the bench exports (arrays inputs (N, 100), points (N, 1), values (N, 1): one random point per
function, the DeepONet repository's antiderivative triples), the same file the Java side reads.

Options: --data FILE (required), --warmup N (untimed epochs, default 50), --epochs N (timed, default 200),
--threads T, --seed S. Prints one line:
    RESULT side=pytorch problem=deeponet ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=.. params=..
           threads=.. torch=.. loss=..
"""
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def linear(n_in, n_out):
    lin = torch.nn.Linear(n_in, n_out)
    torch.nn.init.xavier_normal_(lin.weight)
    torch.nn.init.zeros_(lin.bias)
    return lin


class DeepONet(torch.nn.Module):
    def __init__(self, m, width=40, p=40):
        super().__init__()
        self.branch = torch.nn.Sequential(linear(m, width), torch.nn.ReLU(), linear(width, p))
        self.trunk = torch.nn.Sequential(linear(1, width), torch.nn.ReLU(), linear(width, p), torch.nn.ReLU())
        self.b0 = torch.nn.Parameter(torch.zeros(1))

    def forward(self, u, x):
        return (self.branch(u) * self.trunk(x)).sum(dim=1, keepdim=True) + self.b0


def main():
    import argparse
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    d = np.load(args.data)
    u = torch.tensor(d["inputs"])
    x = torch.tensor(d["points"])
    y = torch.tensor(d["values"])
    net = DeepONet(u.shape[1])
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def epoch():
        opt.zero_grad()
        loss = ((net(u, x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        return loss

    for _ in range(args.warmup):
        epoch()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(args.epochs):
        loss = epoch()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    params = sum(q.numel() for q in net.parameters())
    print(f"RESULT side=pytorch problem=deeponet ms_per_epoch={wall / args.epochs * 1e3:.4f}"
          f" cpu_ms_per_epoch={cpu / args.epochs * 1e3:.4f} warmup={args.warmup} epochs={args.epochs}"
          f" points={u.shape[0]} params={params} threads={torch.get_num_threads()} torch={torch.__version__}"
          f" loss={loss.item():.6e}", flush=True)


if __name__ == "__main__":
    main()
