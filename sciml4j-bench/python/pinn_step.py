"""PyTorch reference for the sciml4j PINN-step benchmark (run with Debian's python3-torch).

Same step as org.sciml4j.bench.OscillatorPinnStep: network 1-20-20-1 tanh (float64), 101 collocation points on
[0, 10], residual u_tt + 0.1 u_t + u, loss = mean squared residual, gradient with respect to all parameters.
Input derivatives by torch.autograd.grad with create_graph=True, as PINN codes (DeepXDE, the tutorial) do.
"""
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
torch.manual_seed(1)

net = torch.nn.Sequential(
    torch.nn.Linear(1, 20), torch.nn.Tanh(),
    torch.nn.Linear(20, 20), torch.nn.Tanh(),
    torch.nn.Linear(20, 1))
t = torch.linspace(0, 10, 101).reshape(101, 1).requires_grad_(True)
params = list(net.parameters())


def step():
    u = net(t)
    ut = torch.autograd.grad(u, t, torch.ones_like(u), create_graph=True)[0]
    utt = torch.autograd.grad(ut, t, torch.ones_like(ut), create_graph=True)[0]
    loss = ((utt + 0.1 * ut + u) ** 2).mean()
    return torch.autograd.grad(loss, params)


steps = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
for _ in range(steps // 3):
    step()
t0 = time.perf_counter()
for _ in range(steps):
    step()
us = (time.perf_counter() - t0) / steps * 1e6
print(f"pytorch {torch.__version__} oscillator PINN step: {us:.1f} us/step ({steps} steps, "
      f"{torch.get_num_threads()} threads)")
