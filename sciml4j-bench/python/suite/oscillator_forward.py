"""Suite: the tutorial's forward program (examples/damped-oscillation/forward.yaml), float64: u'' + 0.1 u' + u = 0
on t in [0, 10] at 101 uniform points, u(0) = 1, u'(0) = -0.05, network 1-20-20-1 tanh. Options: see common.py."""
import torch

from common import d, mlp, options, start, train

args = start(options(__doc__))
net = mlp([1, 20, 20, 1])
t = torch.linspace(0, 10, 101).reshape(-1, 1).requires_grad_(True)
t0 = torch.zeros(1, 1, requires_grad=True)
m, c, k = 1.0, 0.1, 1.0


def loss():
    u = net(t)
    u_t = d(u, t)
    u_tt = d(u_t, t)
    u0 = net(t0)
    return ((m * u_tt + c * u_t + k * u) ** 2).mean() + ((u0 - 1) ** 2).mean() + ((d(u0, t0) + c / (2 * m)) ** 2).mean()


train("forward", net, loss, args, 102)
