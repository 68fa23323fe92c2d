"""Inverse PINN: estimate c from data (tutorial 3a_inverse_exact.py / 3b_inverse_noisy.py).

Net 1-20-20-1 tanh, seed 3; c is a raw float32 scalar (initial guess 1.0) trained by the same Adam(lr 1e-3) as the
net; loss = mean ODE residual^2 at 101 uniform points + ((u(0) - 1)^2 + u'(0)^2) + mean data misfit^2 (10 points).
Usage: inverse.py --data exact|noisy [--epochs N] [--data-dir DIR] [--threads T]
"""
import common as cm

torch = cm.torch
args = cm.parse_args("inverse", with_data=True)
program = f"inverse_{args.data}"
tu = cm.load(args.data_dir, f"data_{args.data}.txt")
t_data, u_data = tu[:, [0]], tu[:, [1]]
net = cm.mlp([1, 20, 20, 1])
c_est = torch.tensor(cm.C0, dtype=torch.float32, requires_grad=True)
t_coll = cm.collocation_1d()
print(f"{program}: epochs={args.epochs} seed={args.seed} collocation={cm.NUM_COLL} c0={cm.C0}", flush=True)


def loss_fn():
    l_ode = cm.ode_loss(net, t_coll, c_est)
    l_ic = cm.ic_loss(net)
    l_data = torch.mean((net(t_data) - u_data) ** 2)
    return l_ode + l_ic + l_data, l_ode, l_ic, l_data


seconds = cm.train(program, args, list(net.parameters()) + [c_est], loss_fn, ["loss", "ode", "ic", "data"], c_est)
cm.result(program, seconds, *cm.evaluate_1d(net, args.data_dir), c=c_est.item())
