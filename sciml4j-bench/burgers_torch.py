"""PyTorch reference for examples/burgers/burgers.yaml: Burgers' equation with DeepXDE's setup (run with Debian's
python3-torch, /usr/bin/python3).

    u_t + u u_x = nu u_xx,  x in [-1, 1], t in [0, 0.99], nu = 0.01/pi,
    u(x, 0) = -sin(pi x),  u(-1, t) = u(1, t) = 0.

Our own script (no DeepXDE code), float64 throughout, written to train the same problem as sciml4j's burgers.yaml:

- points: 2540 collocation, 80 boundary (both walls), 160 initial, sampled as DeepXDE's default
  train_distribution="Hammersley" does, deterministic: collocation = the 2-D Hammersley set of the rectangle without
  its first point (x = k/(n+1), t = radical inverse of k in base 2, k = 1..n); boundary = t from the 1-D Halton
  (van der Corput) sequence without its origin, k = 1..80, in a seeded random order, x = -1 or 1 chosen at random
  (seeded, numpy), as DeepXDE's Interval.random_boundary_points; initial = x from the same 1-D sequence, k = 1..160.
  (sciml4j's hammersley sampler gives other points of the same kind: see Sampler.hammersley().)
- loss = mean(residual^2) over the 2540 collocation points + mean(u^2) over the boundary points + mean((u +
  sin(pi x))^2) over the initial points, weights 1, as burgers.yaml (DeepXDE also puts the residual on the boundary
  and initial points; neither burgers.yaml nor this script does). burgers.yaml also places its collocation points
  again by the residual every 5000 epochs (RAD); this script keeps them: the same work per Adam step, but for
  sciml4j's two redraws (the residual at 50800 candidate points each).
- all 2780 points stacked into one batch: one network pass and one derivative pass per step serve every term.
- network 2-20-20-20-1 tanh, Glorot-normal weights (torch.nn.init.xavier_normal_), zero biases (DeepXDE's
  "Glorot normal"), seed --seed (default 0).
- Adam lr 1e-3 (default betas/eps), full batch, --epochs (default 15000); then torch.optim.LBFGS(lr=1,
  max_iter=--lbfgs (default 15000: burgers.yaml's, DeepXDE's maxiter), max_eval=max_iter*5/4 + 20 (sciml4j's),
  tolerance_grad=1e-8, tolerance_change=0, history_size=100, line_search_fn="strong_wolfe"): DeepXDE's L-BFGS
  options (maxcor 100, gtol 1e-8, ftol 0; torch's default max_eval is max_iter*5/4), and sciml4j's (history 100).
- evaluation: relative L2 error = ||u_pred - usol|| / ||usol|| over the 256 x 100 grid of Burgers.npz (DeepXDE's
  reference solution; ../shared/data/deepxde beside the repository), which equals sciml4j's relative error
  RMS(pred - true) / RMS(true).

Usage: burgers_torch.py [--epochs N] [--lbfgs N] [--threads T] [--seed S] [--data FILE] [--every N]
Output: a setup line, progress lines, then

    RESULT program=burgers adam_seconds=.. lbfgs_seconds=.. seconds=<train: adam + lbfgs> abs_error=.. rel_error=..
           adam_epochs=.. lbfgs_iterations=.. ms_per_epoch=<adam> cpu_ms_per_epoch=<adam> threads=.. torch=..

The times cover only the training loops (not imports, sampling or evaluation); ms_per_epoch is wall-clock time per
Adam epoch, cpu_ms_per_epoch the process's CPU time per Adam epoch (all threads; with one thread it shows the work
done whatever else runs on the machine).
"""
import argparse
import math
import os
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.abspath(os.path.join(HERE, "..", "..", "shared", "data", "deepxde", "Burgers.npz"))
NU = 0.01 / math.pi
X0, X1, T0, T1 = -1.0, 1.0, 0.0, 0.99
N_DOMAIN, N_BOUNDARY, N_INITIAL = 2540, 80, 160

p = argparse.ArgumentParser(description="PyTorch reference: Burgers' equation with DeepXDE's setup (float64)")
p.add_argument("--epochs", type=int, default=15000, help="Adam epochs (default 15000)")
p.add_argument("--lbfgs", type=int, default=15000, help="L-BFGS iterations after Adam (default 15000; 0: none)")
p.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's default)")
p.add_argument("--seed", type=int, default=0)
p.add_argument("--data", default=DEFAULT_DATA, help="Burgers.npz (default ../shared/data/deepxde/Burgers.npz)")
p.add_argument("--every", type=int, default=1000, help="print the losses every N Adam epochs")
args = p.parse_args()
if args.threads is not None:
    torch.set_num_threads(args.threads)
np.random.seed(args.seed)
torch.manual_seed(args.seed)


def radical_inverse(k, base=2):
    """Radical inverse of the integers k (array) in the given base: the van der Corput sequence."""
    k = np.asarray(k, dtype=np.int64).copy()
    out = np.zeros(len(k))
    f = 1.0 / base
    while np.any(k > 0):
        out += f * (k % base)
        k //= base
        f /= base
    return out


k = np.arange(1, N_DOMAIN + 1)
domain = np.stack([X0 + (X1 - X0) * k / (N_DOMAIN + 1), T0 + (T1 - T0) * radical_inverse(k)], axis=1)
t_b = T0 + (T1 - T0) * radical_inverse(np.arange(1, N_BOUNDARY + 1))
boundary = np.stack([np.random.choice([X0, X1], N_BOUNDARY), np.random.permutation(t_b)], axis=1)
x_i = X0 + (X1 - X0) * radical_inverse(np.arange(1, N_INITIAL + 1))
initial = np.stack([x_i, np.full(N_INITIAL, T0)], axis=1)
points = torch.from_numpy(np.concatenate([domain, boundary, initial])).requires_grad_(True)
nd, nb = N_DOMAIN, N_DOMAIN + N_BOUNDARY
u0_target = -torch.sin(math.pi * points[nb:, 0]).detach()

layers = []
sizes = [2, 20, 20, 20, 1]
for i in range(len(sizes) - 1):
    lin = torch.nn.Linear(sizes[i], sizes[i + 1])
    torch.nn.init.xavier_normal_(lin.weight)
    torch.nn.init.zeros_(lin.bias)
    layers.append(lin)
    if i < len(sizes) - 2:
        layers.append(torch.nn.Tanh())
net = torch.nn.Sequential(*layers)
params = list(net.parameters())


def losses():
    u = net(points)[:, 0]
    g = torch.autograd.grad(u, points, torch.ones_like(u), create_graph=True)[0]
    u_x, u_t = g[:, 0], g[:, 1]
    u_xx = torch.autograd.grad(u_x, points, torch.ones_like(u_x), create_graph=True)[0][:, 0]
    r = u_t[:nd] + u[:nd] * u_x[:nd] - NU * u_xx[:nd]
    l_eq = torch.mean(r ** 2)
    l_bc = torch.mean(u[nd:nb] ** 2)
    l_ic = torch.mean((u[nb:] - u0_target) ** 2)
    return l_eq + l_bc + l_ic, l_eq, l_bc, l_ic


def report(phase, epoch, terms):
    print(f"{phase} epoch={epoch} loss={float(terms[0]):.4e} equation={float(terms[1]):.4e} "
          f"boundary={float(terms[2]):.4e} initial={float(terms[3]):.4e}", flush=True)


print(f"burgers: float64, points {N_DOMAIN} collocation + {N_BOUNDARY} boundary + {N_INITIAL} initial "
      f"(DeepXDE-style Hammersley), net 2-20-20-20-1 tanh glorot_normal, seed {args.seed}, Adam 1e-3 x {args.epochs}, "
      f"L-BFGS {args.lbfgs}, {torch.get_num_threads()} threads", flush=True)

opt = torch.optim.Adam(params, lr=1e-3)
start, cpu_start = time.perf_counter(), time.process_time()
for epoch in range(args.epochs):
    opt.zero_grad()
    terms = losses()
    terms[0].backward()
    opt.step()
    if (epoch + 1) % args.every == 0:
        report("adam", epoch + 1, terms)
adam_seconds = time.perf_counter() - start
adam_cpu = time.process_time() - cpu_start

lbfgs_iterations = 0
lbfgs_seconds = 0.0
if args.lbfgs > 0:
    lbfgs = torch.optim.LBFGS(params, lr=1, max_iter=args.lbfgs, max_eval=args.lbfgs * 5 // 4 + 20,
                              tolerance_grad=1e-8, tolerance_change=0, history_size=100,
                              line_search_fn="strong_wolfe")

    def closure():
        lbfgs.zero_grad()
        loss = losses()[0]
        loss.backward()
        return loss

    start = time.perf_counter()
    lbfgs.step(closure)
    lbfgs_seconds = time.perf_counter() - start
    state = lbfgs.state[lbfgs._params[0]]
    lbfgs_iterations = state.get("n_iter", 0)
    print(f"lbfgs: {lbfgs_iterations} iterations, {state.get('func_evals', 0)} evaluations", flush=True)
report("final", args.epochs + lbfgs_iterations, losses())

data = np.load(args.data)
xg, tg = np.meshgrid(data["x"][:, 0], data["t"][:, 0], indexing="ij")  # (256, 100), as usol
with torch.no_grad():
    pred = net(torch.from_numpy(np.stack([xg.ravel(), tg.ravel()], axis=1)))[:, 0].numpy().reshape(xg.shape)
usol = data["usol"]
abs_err = float(np.sqrt(np.mean((pred - usol) ** 2)))
rel_err = float(np.linalg.norm(pred - usol) / np.linalg.norm(usol))
ms = 1000 * adam_seconds / args.epochs if args.epochs else float("nan")
ms_cpu = 1000 * adam_cpu / args.epochs if args.epochs else float("nan")
print(f"RESULT program=burgers adam_seconds={adam_seconds:.3f} lbfgs_seconds={lbfgs_seconds:.3f} "
      f"seconds={adam_seconds + lbfgs_seconds:.3f} abs_error={abs_err:.6e} rel_error={rel_err:.6e} "
      f"adam_epochs={args.epochs} lbfgs_iterations={lbfgs_iterations} ms_per_epoch={ms:.3f} "
      f"cpu_ms_per_epoch={ms_cpu:.3f} threads={torch.get_num_threads()} torch={torch.__version__}", flush=True)
