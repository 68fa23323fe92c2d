"""Suite: Poisson 2-D (sciml4j-bench/problems/poisson-*.yaml), float64: -(u_xx + u_yy) = 2 pi^2 sin(pi x) sin(pi y)
on the unit square at 2000 collocation points, u = 0 at 400 points on its sides. Network: tanh MLP with --layers L
hidden layers of --width W (default 3 x 20); --fourier F: frozen Fourier features (F frequencies, scale 1) first;
--modified: the modified MLP. Options: see common.py."""
import math

import torch

from common import FourierMlp, ModifiedMlp, d, mlp, options, start, train, uniform

p = options(__doc__)
p.add_argument("--layers", type=int, default=3)
p.add_argument("--width", type=int, default=20)
p.add_argument("--fourier", type=int, default=0, help="Fourier features (0: none)")
p.add_argument("--modified", action="store_true", help="modified MLP")
p.add_argument("--name", default=None, help="the problem's name in the RESULT line")
args = start(p)
hidden = [args.width] * args.layers
if args.fourier:
    net = FourierMlp(2, args.fourier, 1.0, hidden, 1)
elif args.modified:
    net = ModifiedMlp(2, args.width, args.layers, 1)
else:
    net = mlp([2] + hidden + [1])
x, y = uniform(2000, 0, 1), uniform(2000, 0, 1)
# 200 points on the sides x = 0, 1 and 200 on y = 0, 1
side = torch.where(torch.rand(200, 1) < 0.5, 0.0, 1.0)
along = torch.rand(200, 1)
boundary = torch.cat([torch.cat([side, along], 1), torch.cat([torch.rand(200, 1), side[torch.randperm(200)]], 1)])


def loss():
    u = net(torch.cat([x, y], 1))
    u_xx = d(d(u, x), x)
    u_yy = d(d(u, y), y)
    f = 2 * math.pi ** 2 * torch.sin(math.pi * x) * torch.sin(math.pi * y)
    ub = net(boundary)
    return ((-(u_xx + u_yy) - f) ** 2).mean() + (ub[:200] ** 2).mean() + (ub[200:] ** 2).mean()


name = args.name or ("poisson-fourier" if args.fourier else "poisson-modified-mlp" if args.modified
                     else f"poisson-mlp-{args.layers}x{args.width}")
train(name, net, loss, args, 2400)
