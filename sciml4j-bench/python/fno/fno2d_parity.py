"""Parity of one training step of the FNO-2D Darcy model, sciml4j against fno2d_torch.py's PyTorch model: loads the
weights sciml4j-bench/lib/FnoDarcyStep.java wrote (the example's model drawn by sciml4j), copies them into FNO2d
(weights1 / weights2 = the first / last 12 rows of k1 of sciml4j's (32, 32, 24, 12) re + i im; the 1x1 convolutions
(32, 32, 1, 1)), evaluates the same normalised loss on pairs 0-19 and prints the loss of both and, per parameter, the
largest gradient difference relative to the largest gradient.
    python3 sciml4j-bench/python/fno/fno2d_parity.py --data DATA.npz --step STEP.npz
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fno2d_torch as ref  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--step", required=True, help="the .npz FnoDarcyStep.java wrote")
    args = p.parse_args()
    w = np.load(args.step)
    d = np.load(args.data)
    a, u = torch.tensor(d["inputs"]), torch.tensor(d["outputs"])
    na, nu = ref.UnitGaussianNormalizer(a[:1000]), ref.UnitGaussianNormalizer(u[:1000])
    m = ref.FNO2d()
    t = lambda name: torch.tensor(w[name])  # noqa: E731
    with torch.no_grad():
        for n in ("fc0", "fc1", "fc2"):
            getattr(m, n).weight.copy_(t(n + ".weight"))
            getattr(m, n).bias.copy_(t(n + ".bias"))
        for l in range(4):
            c = torch.complex(t(f"conv{l}.weights_re"), t(f"conv{l}.weights_im"))
            m.convs[l].weights1.copy_(c[:, :, :ref.MODES, :])
            m.convs[l].weights2.copy_(c[:, :, ref.MODES:, :])
            m.ws[l].weight.copy_(t(f"w{l}.weight").reshape(ref.WIDTH, ref.WIDTH, 1, 1))
            m.ws[l].bias.copy_(t(f"w{l}.bias"))
    loss = ref.relative_l2(nu.decode(m(na.encode(a[:20]))), u[:20]).mean()
    loss.backward()
    print(f"loss: PyTorch {loss.item():.17g}, sciml4j {w['loss'][0]:.17g}")
    grads = {"fc0.weight": m.fc0.weight.grad, "fc2.weight": m.fc2.weight.grad}
    for l in range(4):
        g = torch.cat([m.convs[l].weights1.grad, m.convs[l].weights2.grad], dim=2)
        grads[f"conv{l}.weights_re"], grads[f"conv{l}.weights_im"] = g.real, g.imag
        grads[f"w{l}.weight"] = m.ws[l].weight.grad.reshape(ref.WIDTH, ref.WIDTH)
    worst = 0.0
    for name, g in grads.items():
        r = w["grad." + name]
        rel = np.abs(g.numpy() - r).max() / np.abs(r).max()
        worst = max(worst, rel)
        print(f"{name:20s} gradient: largest difference / largest value {rel:.2e}")
    print(f"worst {worst:.2e}")


if __name__ == "__main__":
    main()
