"""Inverse PINN: estimate c from data (tutorial 3a_inverse_exact.py / 3b_inverse_noisy.py).

Net 1-20-20-1 tanh, seed 3; c is a raw float32 scalar (initial guess 1.0) trained by the same Adam(lr 1e-3) as the
net; loss = mean ODE residual^2 at 101 uniform points + ((u(0) - 1)^2 + u'(0)^2) + mean data misfit^2 (10 points).
With --slope reference the initial slope is u'(0) = -c/(2m) with c the trainable estimate (the reference solution's
slope; the gradient flows into c through it too) instead of 0.
Usage: inverse.py --data exact|noisy [--slope tutorial|reference] [--epochs N] [--data-dir DIR] [--threads T]
"""
import common as cm

torch = cm.torch
args = cm.parse_args("inverse", with_data=True, with_slope=True)
program = f"inverse_{args.data}"
tu = cm.load(args.data_dir, f"data_{args.data}.txt")
t_data, u_data = tu[:, [0]], tu[:, [1]]
net = cm.mlp([1, 20, 20, 1])
c_est = torch.tensor(cm.C0, dtype=torch.float32, requires_grad=True)
t_coll = cm.collocation_1d()
print(f"{program}: epochs={args.epochs} seed={args.seed} collocation={cm.NUM_COLL} c0={cm.C0}"
      f"{cm.slope_note(args)}", flush=True)


def loss_fn():
    l_ode = cm.ode_loss(net, t_coll, c_est)
    l_ic = cm.ic_loss(net, cm.initial_slope(args, c_est))
    l_data = torch.mean((net(t_data) - u_data) ** 2)
    return l_ode + l_ic + l_data, l_ode, l_ic, l_data


seconds = cm.train(program, args, list(net.parameters()) + [c_est], loss_fn, ["loss", "ode", "ic", "data"], c_est)
cm.result(program, seconds, *cm.evaluate_1d(net, args.data_dir), c=c_est.item())
