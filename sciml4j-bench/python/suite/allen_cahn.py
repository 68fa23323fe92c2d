"""Suite: Allen-Cahn (sciml4j-bench/problems/allen-cahn.yaml, allen-cahn-hard.yaml), float64:
u_t = 1e-4 u_xx - 5 u^3 + 5 u on x in [-1, 1], t in [0, 1] at 8000 collocation points, network 2-20-20-20-1 tanh.
Plain: u(x, 0) = x^2 cos(pi x) at 160 points and u(+-1, t) = -1 at 80 points as loss terms. --hard: the output
transform u = x^2 cos(pi x) + t (1 - x^2) N(x, t) instead (no condition terms). Options: see common.py."""
import math

import torch

from common import d, full, mlp, options, start, train, uniform

p = options(__doc__)
p.add_argument("--hard", action="store_true", help="hard-constraint output transform instead of condition terms")
args = start(p)
net = mlp([2, 20, 20, 20, 1])
x, t = uniform(8000, -1, 1), uniform(8000, 0, 1)
xb = torch.where(torch.rand(80, 1) < 0.5, -1.0, 1.0)
tb = uniform(80, 0, 1, grad=False)
xi, ti = uniform(160, -1, 1, grad=False), full(160, 0)


def field(xs, ts):
    n = net(torch.cat([xs, ts], 1))
    return xs ** 2 * torch.cos(math.pi * xs) + ts * (1 - xs ** 2) * n if args.hard else n


def loss():
    u = field(x, t)
    u_x = d(u, x)
    residual = d(u, t) - 1e-4 * d(u_x, x) + 5 * u ** 3 - 5 * u
    total = (residual ** 2).mean()
    if not args.hard:
        total = total + ((net(torch.cat([xb, tb], 1)) + 1) ** 2).mean() \
            + ((net(torch.cat([xi, ti], 1)) - xi ** 2 * torch.cos(math.pi * xi)) ** 2).mean()
    return total


train("allen-cahn-hard" if args.hard else "allen-cahn", net, loss, args, 8000 if args.hard else 8240)
