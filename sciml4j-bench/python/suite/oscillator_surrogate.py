"""Suite: the tutorial's surrogate u(c, t) (examples/damped-oscillation/surrogate-tutorial.yaml), float64:
u_tt + c u_t + u = 0 on a 21 x 51 grid of (c, t) in [0, 1] x [0, 10], u(c, 0) = 1 and u_t(c, 0) = 0 at 21 values of
c, network 2-20-20-20-1 tanh. Options: see common.py."""
import torch

from common import d, mlp, options, start, train

args = start(options(__doc__))
net = mlp([2, 20, 20, 20, 1])
cg, tg = torch.meshgrid(torch.linspace(0, 1, 21), torch.linspace(0, 10, 51), indexing="ij")
c = cg.reshape(-1, 1)
t = tg.reshape(-1, 1).clone().requires_grad_(True)
c0 = torch.linspace(0, 1, 21).reshape(-1, 1)
t0 = torch.zeros(21, 1, requires_grad=True)


def loss():
    u = net(torch.cat([c, t], 1))
    u_t = d(u, t)
    u_tt = d(u_t, t)
    u0 = net(torch.cat([c0, t0], 1))
    return ((u_tt + c * u_t + u) ** 2).mean() + ((u0 - 1) ** 2).mean() + (d(u0, t0) ** 2).mean()


train("surrogate", net, loss, args, 21 * 51 + 21)
