"""Shared pieces of the PyTorch reference scripts for the damped-oscillator PINN tutorial.

The setup follows okazakitomo/pinn_damped-oscillation (MIT): float32 throughout, PyTorch's default nn.Linear
initialisation after torch.manual_seed(<per-program seed>), tanh MLPs, Adam(lr=1e-3), full batch, every loss term
a plain mean of squares and the terms summed with weight 1. See README.md in this directory.
"""
import argparse
import math
import os
import time

import numpy as np
import torch

# Problem constants of the tutorial.
M, K = 1.0, 1.0
C_TRUE = 0.1
U0, V0 = 1.0, 0.0
TMIN, TMAX = 0.0, 10.0
NUM_COLL = 101            # forward / inverse collocation points
NUM_COLL_C, NUM_COLL_T = 21, 51  # surrogate grid
C0 = 1.0                  # inverse: initial guess for c
LR = 1e-3

# Tutorial seeds: 1a/1b supervised 1, forward 2, inverse 3, surrogate 4.
SEEDS = {"supervised": 1, "forward": 2, "inverse": 3, "surrogate": 4}

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_DATA_DIR = os.path.abspath(os.path.join(REPO_ROOT, "..", "shared", "data", "damped-oscillation"))


def parse_args(program, with_data=False, with_slope=False, with_outputs=False):
    p = argparse.ArgumentParser(description=f"PyTorch reference: damped-oscillator tutorial, {program}")
    if with_data:
        p.add_argument("--data", choices=["exact", "noisy"], default="exact", help="training data file")
    if with_slope:
        p.add_argument("--slope", choices=["tutorial", "reference"], default="tutorial",
                       help="initial slope imposed: tutorial u'(0) = 0 (default), or reference u'(0) = -c/(2m), the "
                            "slope of the reference solution exp(-c t/2m) cos(omega t) in the data files")
    p.add_argument("--epochs", type=int, default=10000)
    p.add_argument("--data-dir", default=DEFAULT_DATA_DIR)
    p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's default)")
    p.add_argument("--seed", type=int, default=SEEDS[program], help="torch/numpy seed (default: the tutorial's)")
    p.add_argument("--loss-file", default=None, help="optional: write epoch, total, each term (and c) per line")
    if with_outputs:
        p.add_argument("--outputs", default=None, metavar="DIR",
                       help="write what the tutorial's program writes, into DIR (made if missing): the loss history "
                            "line by line during training, the network (torch.save) and the two figures (matplotlib)")
    args = p.parse_args()
    if getattr(args, "outputs", None):
        os.makedirs(args.outputs, exist_ok=True)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    return args


def mlp(sizes):
    """tanh MLP with PyTorch default initialisation (Linear: kaiming_uniform(a=sqrt 5) weights, U(+-1/sqrt fan_in) bias)."""
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(torch.nn.Tanh())
    return torch.nn.Sequential(*layers)


def load(data_dir, name):
    """Tab-separated columns as a float32 tensor, as the tutorial reads them."""
    return torch.from_numpy(np.loadtxt(os.path.join(data_dir, name), dtype="float32"))


def d_dt(y, x):
    """dy/dx (elementwise for a batch), keeping the graph for higher derivatives and the parameter gradient."""
    return torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y), create_graph=True)[0]


def initial_slope(args, c):
    """The slope imposed at t = 0: the tutorial's V0 = 0, or with --slope reference the reference solution's -c/(2m).

    c may be a number, the trainable scalar (inverse: the target then moves with the estimate, and the gradient flows
    through it) or a column of c values (surrogate)."""
    if getattr(args, "slope", "tutorial") == "tutorial":
        return V0
    return -c / (2 * M)


def slope_note(args):
    """Suffix for the setup line: empty for the tutorial's slope, so that the default output is the tutorial's."""
    return "" if getattr(args, "slope", "tutorial") == "tutorial" else " slope=reference(u_t(0)=-c/(2m))"


def ic_loss(net, v0=V0):
    """Initial value and slope at t = 0: mean((u(0) - u0)^2 + (u'(0) - v0)^2) over the single point."""
    t0 = torch.zeros((1, 1), requires_grad=True)
    u = net(t0)
    v = d_dt(u, t0)
    return torch.mean((u - U0) ** 2 + (v - v0) ** 2)


def ode_loss(net, t_coll, c):
    """Mean squared residual m u'' + c u' + k u at the collocation points."""
    u = net(t_coll)
    u_t = d_dt(u, t_coll)
    u_tt = d_dt(u_t, t_coll)
    return torch.mean((M * u_tt + c * u_t + K * u) ** 2)


def collocation_1d():
    return torch.linspace(TMIN, TMAX, NUM_COLL, requires_grad=True).view(-1, 1)


def train(program, args, params, loss_fn, names, c_param=None):
    """Full-batch Adam loop. loss_fn() returns (total, term1, ...). Returns the training wall time in seconds."""
    opt = torch.optim.Adam(params, lr=LR)
    hist = [] if args.loss_file else None
    outputs = getattr(args, "outputs", None)
    fw = open(os.path.join(outputs, f"loss_{program}.txt"), "w") if outputs else None

    def line(epoch, terms):
        # the tutorial's own line: str('%.4e' % loss) per term, one line per epoch, written as training goes
        fw.write(str(epoch) + "".join("\t" + str("%.4e" % v) for v in terms) + "\n")

    def report(epoch, terms):
        parts = " ".join(f"{n}={float(v):.4e}" for n, v in zip(names, terms))
        cs = f" c={float(c_param):.4f}" if c_param is not None else ""
        print(f"epoch={epoch} {parts}{cs}", flush=True)

    start = time.perf_counter()
    for epoch in range(args.epochs):
        opt.zero_grad()
        terms = loss_fn()
        terms[0].backward()
        opt.step()
        if hist is not None:
            hist.append([epoch] + [float(v) for v in terms] + ([float(c_param)] if c_param is not None else []))
        if fw is not None:
            line(epoch, terms)
        if epoch % 1000 == 0:
            report(epoch, terms)
    seconds = time.perf_counter() - start
    terms = loss_fn()
    report(args.epochs, terms)
    if fw is not None:
        line(args.epochs, terms)
        fw.close()
    if hist is not None:
        hist.append([args.epochs] + [float(v) for v in terms] + ([float(c_param)] if c_param is not None else []))
        np.savetxt(args.loss_file, np.array(hist), fmt="%.6e", delimiter="\t")
    return seconds


def errors(u_pred, u_true):
    """abs = RMS(pred - true), rel = abs / RMS(true), computed in float32 like the tutorial."""
    abs_err = torch.sqrt(torch.mean((u_pred - u_true) ** 2)).item()
    rel_err = abs_err / torch.sqrt(torch.mean(u_true ** 2)).item()
    return abs_err, rel_err


def predict_1d(net, data_dir):
    """data_truth.txt's (t, u) rows and the network's prediction at its t, as the tutorial evaluates it."""
    tu = load(data_dir, "data_truth.txt")
    net.eval()
    with torch.no_grad():
        u_pred = net(tu[:, [0]])
    return tu, u_pred


def evaluate_1d(net, data_dir):
    tu, u_pred = predict_1d(net, data_dir)
    return errors(u_pred, tu[:, [1]])


def save_outputs(args, program, net, tu, u_pred, names):
    """With --outputs: the network (torch.save of the module) and the tutorial's two figures, made as it makes them
    (matplotlib, pyplot): the prediction u_pred against the truth tu (predict_1d), and the loss history, read back
    from the loss file, on a log scale."""
    if not getattr(args, "outputs", None):
        return
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    torch.save(net, os.path.join(args.outputs, f"net_{program}.ckpt"))
    plt.plot(tu[:, [0]], tu[:, [1]], label="Truth")
    plt.plot(tu[:, [0]], u_pred, label="PINN")
    plt.xlim(TMIN, TMAX)
    plt.ylim(-1.2, 1.2)
    plt.xlabel("Time")
    plt.ylabel("Displacement")
    plt.legend()
    plt.title(program)
    plt.savefig(os.path.join(args.outputs, f"{program}.png"))
    plt.close()
    loss = np.loadtxt(os.path.join(args.outputs, f"loss_{program}.txt")).T
    plt.figure()
    for i, n in enumerate(names):
        plt.plot(loss[0], loss[i + 1], label=n)
    plt.yscale("log")
    plt.xlim(0, args.epochs)
    plt.xlabel("Epoch")
    plt.ylabel("Loss")
    plt.title(program)
    plt.legend()
    plt.savefig(os.path.join(args.outputs, f"loss_{program}.png"))
    plt.close()


def result(program, seconds, abs_err, rel_err, c=float("nan")):
    print(f"RESULT program={program} seconds={seconds:.3f} abs_error={abs_err:.6f} rel_error={rel_err:.6f} "
          f"c={c if math.isnan(c) else format(c, '.6f')} threads={torch.get_num_threads()} torch={torch.__version__}",
          flush=True)
