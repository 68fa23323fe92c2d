"""Forward PINN, no data (tutorial 2_forward.py).

Net 1-20-20-1 tanh, seed 2; loss = mean ODE residual^2 at 101 uniform points on [0, 10]
+ ((u(0) - 1)^2 + u'(0)^2); c = 0.1 known. Adam lr 1e-3, full batch.
With --slope reference the initial slope is u'(0) = -c/(2m) (the reference solution's) instead of 0.
With --outputs DIR it also writes what the tutorial's program writes: the loss history line by line as it trains, the
network and the two figures (matplotlib), so that a whole run does the tutorial program's work.
Usage: forward.py [--slope tutorial|reference] [--epochs N] [--data-dir DIR] [--threads T] [--outputs DIR]
"""
import common as cm

args = cm.parse_args("forward", with_slope=True, with_outputs=True)
program = "forward"
net = cm.mlp([1, 20, 20, 1])
t_coll = cm.collocation_1d()
print(f"{program}: epochs={args.epochs} seed={args.seed} collocation={cm.NUM_COLL} c={cm.C_TRUE}"
      f"{cm.slope_note(args)}", flush=True)
v0 = cm.initial_slope(args, cm.C_TRUE)


def loss_fn():
    l_ode = cm.ode_loss(net, t_coll, cm.C_TRUE)
    l_ic = cm.ic_loss(net, v0)
    return l_ode + l_ic, l_ode, l_ic


seconds = cm.train(program, args, list(net.parameters()), loss_fn, ["loss", "ode", "ic"])
tu, u_pred = cm.predict_1d(net, args.data_dir)
cm.save_outputs(args, program, net, tu, u_pred, ["Total", "ODE", "IC"])
cm.result(program, seconds, *cm.errors(u_pred, tu[:, [1]]))
