"""Suite: 2-D linear elasticity with a mixed derivative (sciml4j-bench/problems/elasticity.yaml), float64:
(l + 2m) u_xx + m u_yy + (l + m) v_xy + f = 0 and m v_xx + (l + 2m) v_yy + (l + m) u_xy + f = 0 on the unit square,
l = 1, m = 0.5, f = (l + 3m) pi^2 sin(pi x) sin(pi y) - (l + m) pi^2 cos(pi x) cos(pi y); u = v = 0 at 400 points on
the sides; 2000 collocation points, network 2-20-20-20-2 tanh. Options: see common.py."""
import math

import torch

from common import d, mlp, options, start, train, uniform

args = start(options(__doc__))
net = mlp([2, 20, 20, 20, 2])
lam, mu = 1.0, 0.5
x, y = uniform(2000, 0, 1), uniform(2000, 0, 1)
side = torch.where(torch.rand(200, 1) < 0.5, 0.0, 1.0)
boundary = torch.cat([torch.cat([side, torch.rand(200, 1)], 1),
                      torch.cat([torch.rand(200, 1), side[torch.randperm(200)]], 1)])
pi2 = math.pi ** 2
force = ((lam + 3 * mu) * pi2 * torch.sin(math.pi * x) * torch.sin(math.pi * y)
         - (lam + mu) * pi2 * torch.cos(math.pi * x) * torch.cos(math.pi * y)).detach()


def loss():
    out = net(torch.cat([x, y], 1))
    u, v = out[:, 0:1], out[:, 1:2]
    u_x, u_y, v_x, v_y = d(u, x), d(u, y), d(v, x), d(v, y)
    eq_x = (lam + 2 * mu) * d(u_x, x) + mu * d(u_y, y) + (lam + mu) * d(v_x, y) + force
    eq_y = mu * d(v_x, x) + (lam + 2 * mu) * d(v_y, y) + (lam + mu) * d(u_x, y) + force
    ob = net(boundary)
    return (eq_x ** 2).mean() + (eq_y ** 2).mean() + (ob[:200, 0] ** 2).mean() + (ob[:200, 1] ** 2).mean() \
        + (ob[200:, 0] ** 2).mean() + (ob[200:, 1] ** 2).mean()


train("elasticity", net, loss, args, 2400)
