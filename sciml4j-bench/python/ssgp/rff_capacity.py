"""A numpy check behind docs/DYNAMICS.md's account of the SSGP's loss on the double-well Duffing: can the random
Fourier features represent the true field, and at what size of weights?

The SSGP's H(x) = sum_i w_c,i cos(omega_i . x) + w_s,i sin(omega_i . x), omega_i = eps_i / l with eps_i ~ N(0, I)
in +- pairs, field (dH/dp, -dH/dq), linear in w. Here w is fitted by ridge regression to the TRUE field of
H = p^2/2 - q^2/2 + q^4/4 at 3000 states with 0.5 <= H <= 2 (the example's region), and scored at 3000 others:
relative L2 of the field, speed ratio sum |f| / sum |f_true|, and the weights' root mean square beside the prior's sd
a / sqrt(M) (a = 2.4, about what the ELBO learns). Anisotropic lengthscales (1.55, 3.2) are what the example learns.

Run: python3 sciml4j-bench/python/ssgp/rff_capacity.py   (numpy only, deterministic, seconds)
"""
import numpy as np

rng = np.random.default_rng(0)


def true_field(x):
    q, p = x[:, 0], x[:, 1]
    return np.stack([p, q - q ** 3], 1)


def states(n):
    x = rng.uniform(-3, 3, (n * 20, 2))
    h = x[:, 1] ** 2 / 2 - x[:, 0] ** 2 / 2 + x[:, 0] ** 4 / 4
    return x[(h >= 0.5) & (h <= 2)][:n]


def design(x, omega):
    """Rows: the field's q components then its p components; columns: the cosine then the sine weights."""
    a = x @ omega.T
    s, c = np.sin(a), np.cos(a)
    dh_dq = np.concatenate([-s * omega[:, 0], c * omega[:, 0]], 1)
    dh_dp = np.concatenate([-s * omega[:, 1], c * omega[:, 1]], 1)
    return np.concatenate([dh_dp, -dh_dq], 0)


def main():
    train, test = states(3000), states(3000)
    print("M  lengthscales  ridge   field rel L2  speed ratio  rms w   prior sd (a = 2.4)")
    for m in (100, 250, 500):
        for scales in ((1.0, 1.0), (1.5, 1.5), (1.55, 3.2)):
            eps = rng.standard_normal((m // 2, 2))
            omega = np.concatenate([eps, -eps]) / np.array(scales)
            a, y = design(train, omega), true_field(train).T.reshape(-1)
            at, yt = design(test, omega), true_field(test).T.reshape(-1)
            for ridge in (1e-8, 1e-2, 1.0):
                w = np.linalg.solve(a.T @ a + ridge * np.eye(a.shape[1]), a.T @ y)
                err = np.sqrt(np.sum((at @ w - yt) ** 2) / np.sum(yt ** 2))
                speed = np.sum(np.abs(at @ w)) / np.sum(np.abs(yt))
                print("%3d  %-12s  %-6g  %.2e      %.4f       %.3f   %.3f"
                      % (m, "%g, %g" % scales, ridge, err, speed, np.sqrt(np.mean(w ** 2)), 2.4 / np.sqrt(m)))


if __name__ == "__main__":
    main()
