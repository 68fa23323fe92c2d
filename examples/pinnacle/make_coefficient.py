"""The Heat2d-VC coefficient of examples/pinnacle/heat2d-vc.yaml: a = exp(G), G a Gaussian random field drawn by
PINNacle's law (generate_heat_2d_coef: Fourier amplitudes |k|^(-alpha/2) with alpha = 4, complex normal noise,
normalised to mean 0 and sd 1) but truncated to the modes |kx|, |ky| <= 3, so that it can be written as a formula.
PINNacle's own draw (ref/heat_2d_coef_256.dat) is not published with its sources. Prints the expression for G."""
import numpy as np

K = 3
rng = np.random.default_rng(17)
terms = []
coef = {}
for kx in range(-K, K + 1):
    for ky in range(-K, K + 1):
        if (kx, ky) != (0, 0):
            amp = (kx * kx + ky * ky) ** (-4 / 4.0)
            coef[(kx, ky)] = amp * (rng.normal() + 1j * rng.normal())
# the real part of sum c_k exp(2 pi i k.x), pairing k with -k
half = [k for k in coef if k > (0, 0)]
a = {k: (coef[k] + coef[(-k[0], -k[1])]).real for k in half}
b = {k: (-coef[k] + coef[(-k[0], -k[1])]).imag for k in half}
n = 256
xs = np.arange(n) / n
X, Y = np.meshgrid(xs, xs, indexing="ij")
G = sum(a[k] * np.cos(2 * np.pi * (k[0] * X + k[1] * Y)) + b[k] * np.sin(2 * np.pi * (k[0] * X + k[1] * Y))
        for k in half)
sd = G.std()
parts = []
for k in sorted(half):
    arg = "2*pi*(%d*x + %d*y)" % k if k[1] >= 0 else "2*pi*(%d*x - %d*y)" % (k[0], -k[1])
    parts.append("%.4f*cos(%s) + %.4f*sin(%s)" % (a[k] / sd, arg, b[k] / sd, arg))
expr = " + ".join(parts).replace("+ -", "- ")
print(expr)
