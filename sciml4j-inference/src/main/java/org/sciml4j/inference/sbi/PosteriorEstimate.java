package org.sciml4j.inference.sbi;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** What the diagnostics need of a posterior q(theta | x): samples and log-densities. */
public interface PosteriorEstimate {

    /** n samples given the observation x (length C), shape (n, D). */
    Tensor sample(int n, double[] x, Rng rng);

    /** log q(theta_i | x_i) for theta (N, D) and x (N, C), length N. */
    double[] logProb(Tensor theta, Tensor x);
}
