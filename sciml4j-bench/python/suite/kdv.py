"""Suite: Korteweg-de Vries (sciml4j-bench/problems/kdv.yaml), float64: u_t + u u_x + 0.0025 u_xxx = 0 on
x in [-1, 1], t in [0, 1] at 2000 collocation points; u(x, 0) = cos(pi x) at 200 points; periodic in x: u, u_x and
u_xx equal at x = -1 and x = 1 at 100 times; network 2-20-20-20-1 tanh. Options: see common.py."""
import math

import torch

from common import d, full, mlp, options, start, train, uniform

args = start(options(__doc__))
net = mlp([2, 20, 20, 20, 1])
x, t = uniform(2000, -1, 1), uniform(2000, 0, 1)
xi, ti = uniform(200, -1, 1, grad=False), full(200, 0)
tp = torch.rand(100, 1)
xl, xr = full(100, -1).requires_grad_(True), full(100, 1).requires_grad_(True)


def loss():
    u = net(torch.cat([x, t], 1))
    u_x = d(u, x)
    u_xxx = d(d(u_x, x), x)
    residual = d(u, t) + u * u_x + 0.0025 * u_xxx
    ui = net(torch.cat([xi, ti], 1))
    ul, ur = net(torch.cat([xl, tp], 1)), net(torch.cat([xr, tp], 1))
    ul_x, ur_x = d(ul, xl), d(ur, xr)
    periodic = ((ul - ur) ** 2).mean() + ((ul_x - ur_x) ** 2).mean() + ((d(ul_x, xl) - d(ur_x, xr)) ** 2).mean()
    return (residual ** 2).mean() + ((ui - torch.cos(math.pi * xi)) ** 2).mean() + periodic


train("kdv", net, loss, args, 2000 + 200 + 200)
