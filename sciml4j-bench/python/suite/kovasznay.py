"""Suite: Kovasznay flow (examples/kovasznay/kovasznay.yaml), float64: steady Navier-Stokes at Re = 20 on
[-0.5, 1] x [-0.5, 1.5], fields u, v, p from one network 2-30-30-30-3 tanh; momentum x and y and continuity at a
51 x 51 grid; u and v from the exact solution at 100 points on each wall, p also on the right wall.
Options: see common.py."""
import math

import torch

from common import d, full, mlp, options, start, train

args = start(options(__doc__))
net = mlp([2, 30, 30, 30, 3])
re = 20.0
lam = re / 2 - math.sqrt(re ** 2 / 4 + 4 * math.pi ** 2)
gx, gy = torch.meshgrid(torch.linspace(-0.5, 1, 51), torch.linspace(-0.5, 1.5, 51), indexing="ij")
x = gx.reshape(-1, 1).clone().requires_grad_(True)
y = gy.reshape(-1, 1).clone().requires_grad_(True)


def exact(xs, ys):
    e = torch.exp(lam * xs)
    return 1 - e * torch.cos(2 * math.pi * ys), lam / (2 * math.pi) * e * torch.sin(2 * math.pi * ys), \
        (1 - torch.exp(2 * lam * xs)) / 2


walls = []  # (points, target u, v, p, whether p is given)
for xs, ys, with_p in [(full(100, -0.5), -0.5 + 2 * torch.rand(100, 1), False),
                       (full(100, 1.0), -0.5 + 2 * torch.rand(100, 1), True),
                       (-0.5 + 1.5 * torch.rand(100, 1), full(100, -0.5), False),
                       (-0.5 + 1.5 * torch.rand(100, 1), full(100, 1.5), False)]:
    walls.append((torch.cat([xs, ys], 1), exact(xs, ys), with_p))


def loss():
    out = net(torch.cat([x, y], 1))
    u, v, p = out[:, 0:1], out[:, 1:2], out[:, 2:3]
    u_x, u_y, v_x, v_y = d(u, x), d(u, y), d(v, x), d(v, y)
    momentum_x = u * u_x + v * u_y + d(p, x) - (d(u_x, x) + d(u_y, y)) / re
    momentum_y = u * v_x + v * v_y + d(p, y) - (d(v_x, x) + d(v_y, y)) / re
    total = (momentum_x ** 2).mean() + (momentum_y ** 2).mean() + ((u_x + v_y) ** 2).mean()
    for points, (ue, ve, pe), with_p in walls:
        o = net(points)
        total = total + ((o[:, 0:1] - ue) ** 2).mean() + ((o[:, 1:2] - ve) ** 2).mean()
        if with_p:
            total = total + ((o[:, 2:3] - pe) ** 2).mean()
    return total


train("kovasznay", net, loss, args, 51 * 51 + 400)
