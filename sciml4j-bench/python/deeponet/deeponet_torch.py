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
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "suite"))
from common import options, start, train  # noqa: E402  (the suite's options and timed Adam loop)

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
    p = options(__doc__.split("\n")[0])
    p.add_argument("--data", required=True)
    args = start(p)
    d = np.load(args.data)
    u = torch.tensor(d["inputs"])
    x = torch.tensor(d["points"])
    y = torch.tensor(d["values"])
    net = DeepONet(u.shape[1])
    train("deeponet", net, lambda: ((net(u, x) - y) ** 2).mean(), args, u.shape[0])


if __name__ == "__main__":
    main()
