"""Surrogate ("simultaneous") PINN over (c, t) (tutorial 4_simul.py).

Net 2-20-20-20-1 tanh, inputs (c, t), seed 4; collocation = 21 x 51 grid (c = linspace(0, 1, 21) outer,
t = linspace(0, 10, 51) inner), residual u_tt + c u_t + u with c taken from the input; initial points (c_i, 0)
for the 21 c values, loss_ic = mean((u - 1)^2 + u_t^2) over them; loss = ode + ic. Error on data_truth_c (10201 pts).
With --slope reference the initial slope at (c_i, 0) is u_t = -c_i/(2m) (the reference solution's) instead of 0.
Usage: surrogate.py [--slope tutorial|reference] [--epochs N] [--data-dir DIR] [--threads T]
"""
import common as cm

torch = cm.torch
args = cm.parse_args("surrogate", with_slope=True)
program = "surrogate"
net = cm.mlp([2, 20, 20, 20, 1])

c_line = torch.linspace(0.0, 1.0, cm.NUM_COLL_C, requires_grad=True)
t_line = torch.linspace(cm.TMIN, cm.TMAX, cm.NUM_COLL_T, requires_grad=True)
ct_init = torch.cat((c_line.reshape(-1, 1), torch.zeros(cm.NUM_COLL_C, 1)), 1)
cg, tg = torch.meshgrid(c_line, t_line, indexing="ij")
ct_coll = torch.cat((cg.reshape(-1, 1), tg.reshape(-1, 1)), 1)
print(f"{program}: epochs={args.epochs} seed={args.seed} collocation={cm.NUM_COLL_C}x{cm.NUM_COLL_T} "
      f"initial={cm.NUM_COLL_C}{cm.slope_note(args)}", flush=True)
# target slope at the initial points: the tutorial's 0, or -c_i/(2m) (c_i from the input column, held constant)
v0_target = cm.initial_slope(args, ct_init[:, 0].detach())


def loss_fn():
    u = net(ct_coll).reshape(-1)
    u_t = cm.d_dt(u, ct_coll)[:, 1]
    u_tt = cm.d_dt(u_t, ct_coll)[:, 1]
    l_ode = torch.mean((cm.M * u_tt + ct_coll[:, 0] * u_t + cm.K * u) ** 2)
    u0 = net(ct_init).reshape(-1)
    v0 = cm.d_dt(u0, ct_init)[:, 1]
    l_ic = torch.mean((u0 - cm.U0) ** 2 + (v0 - v0_target) ** 2)
    return l_ode + l_ic, l_ode, l_ic


seconds = cm.train(program, args, list(net.parameters()), loss_fn, ["loss", "ode", "ic"])
ctu = cm.load(args.data_dir, "data_truth_c.txt")
with torch.no_grad():
    u_pred = net(ctu[:, [0, 1]])
cm.result(program, seconds, *cm.errors(u_pred, ctu[:, [2]]))
