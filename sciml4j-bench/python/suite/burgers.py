"""Suite: Burgers with DeepXDE's setup (examples/burgers/burgers.yaml), float64: u_t + u u_x = (0.01/pi) u_xx on
x in [-1, 1], t in [0, 0.99]; 2540 collocation points, 80 wall points (u = 0), 160 initial points
(u = -sin(pi x)); network 2-20-20-20-1 tanh. Options: see common.py."""
import math

import torch

from common import d, full, mlp, options, start, train, uniform

args = start(options(__doc__))
net = mlp([2, 20, 20, 20, 1])
nu = 0.01 / math.pi
x, t = uniform(2540, -1, 1), uniform(2540, 0, 0.99)
xb = torch.where(torch.rand(80, 1) < 0.5, -1.0, 1.0)
tb = uniform(80, 0, 0.99, grad=False)
xi, ti = uniform(160, -1, 1, grad=False), full(160, 0)


def loss():
    u = net(torch.cat([x, t], 1))
    u_x = d(u, x)
    residual = d(u, t) + u * u_x - nu * d(u_x, x)
    ub = net(torch.cat([xb, tb], 1))
    ui = net(torch.cat([xi, ti], 1))
    return (residual ** 2).mean() + (ub ** 2).mean() + ((ui + torch.sin(math.pi * xi)) ** 2).mean()


train("burgers", net, loss, args, 2540 + 80 + 160)
