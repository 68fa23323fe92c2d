package org.sciml4j.dynamics.ode;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.CustomPrimitive;
import org.sciml4j.tensor.Tensor;

/**
 * Gradients of an ODE solution by the adjoint method (Chen et al. 2018, "Neural ordinary differential equations"):
 * the forward solve runs without recording and the whole solution is one recorded node whose inputs are the initial
 * states and the field's parameters. Its reverse rule integrates the augmented system
 * <pre>
 *   dx/dt = f(t, x),   da/dt = -a^T df/dx,   dg/dt = -a^T df/dtheta
 * </pre>
 * backwards from the last output time with fixed RK4 steps of the forward solver's length, adding the incoming
 * cotangent of each output to {@code a} as it passes that time. Each augmented evaluation records one small graph
 * (one evaluation of f) and drops it, so memory does not grow with the number of steps, unlike backpropagation
 * through the solver, whose graph holds every stage of every step.
 * <p>
 * The state x is integrated backwards rather than stored, so adjoint gradients equal direct ones up to the
 * integration error of the backward solve (O(h^4) with RK4). They are first-order only: the reverse rule is not
 * differentiable again.
 */
public final class Adjoint {
    private Adjoint() {
    }

    /**
     * The solution of {@code solver} (any method, e.g. {@link Rk4} or {@link DormandPrince}) as one recorded node
     * differentiated by the adjoint method, the backward solve taking RK4 steps no longer than {@code backwardStep}.
     *
     * @param x0    initial states, shape (B, d)
     * @param times output times, strictly monotone
     * @return the states at each time, shape (T, B, d)
     */
    public static Tensor solve(OdeSolver solver, VectorField f, Tensor x0, double[] times, double backwardStep) {
        OdeSolver.checkArguments(x0, times);
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x0);
        inputs.addAll(f.parameters());
        return new Solve(solver, f, times, new Rk4(backwardStep)).apply(inputs.toArray(new Tensor[0]));
    }

    /** The adjoint solve with a fixed-step solver, backwards with steps of its length. */
    public static Tensor solve(FixedStepSolver solver, VectorField f, Tensor x0, double[] times) {
        return solve(solver, f, x0, times, solver.maxStep());
    }

    /** The solve as a primitive: inputs {@code x0, theta_1, ..., theta_k}; output (T, B, d). */
    private static final class Solve extends CustomPrimitive {
        private final OdeSolver solver;
        private final VectorField f;
        private final double[] times;
        private final Rk4 backward;

        Solve(OdeSolver solver, VectorField f, double[] times, Rk4 backward) {
            this.solver = solver;
            this.f = f;
            this.times = times.clone();
            this.backward = backward;
        }

        @Override
        protected String name() {
            return "ode_adjoint_solve";
        }

        @Override
        protected Tensor forward(Tensor[] inputs) {
            return solver.solve(f, inputs[0].detach(), times);
        }

        @Override
        protected Tensor[] vjp(Tensor g, Tensor output, Tensor[] inputs, boolean[] need) {
            int steps = times.length;
            List<Tensor> params = f.parameters();
            Augmented aug = new Augmented(f, params);
            Tensor x = output.slice(0, steps - 1, steps).squeeze(0).detach();
            Tensor a = g.slice(0, steps - 1, steps).squeeze(0).detach();
            Tensor[] theta = new Tensor[params.size()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = Tensor.zeros(params.get(j).shape());
            }
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                for (int i = steps - 1; i > 0; i--) {
                    double dt = times[i - 1] - times[i];
                    int n = backward.stepsFor(dt);
                    double h = dt / n;
                    for (int k = 0; k < n; k++) {
                        Tensor[] z = aug.rk4(times[i] + k * h, x, a, theta, h);
                        x = z[0];
                        a = z[1];
                        System.arraycopy(z, 2, theta, 0, theta.length);
                    }
                    a = a.add(g.slice(0, i - 1, i).squeeze(0).detach());
                }
            }
            Tensor[] r = new Tensor[inputs.length];
            r[0] = need[0] ? a : null;
            for (int j = 0; j < theta.length; j++) {
                r[j + 1] = need[j + 1] ? theta[j] : null;
            }
            return r;
        }

        @Override
        protected Tensor jvp(Tensor[] tangents, Tensor output, Tensor[] inputs) {
            throw new UnsupportedOperationException("the adjoint ODE solve has reverse-mode gradients only; use"
                    + " direct gradients (backpropagation through the solver) for forward mode");
        }
    }

    /** The augmented system (x, a, theta-gradients), each evaluation a fresh small graph dropped after use. */
    private record Augmented(VectorField f, List<Tensor> params) {
        /** Time derivatives of (x, a, g_1..g_k) at t. */
        Tensor[] derivative(double t, Tensor x, Tensor a) {
            Tensor[] out = new Tensor[2 + params.size()];
            try (Autodiff.Scope s = Autodiff.enableGrad()) {
                Tensor xi = x.detach().requireGrad();
                Tensor y = f.apply(t, xi);
                List<Tensor> wrt = new ArrayList<>(params.size() + 1);
                wrt.add(xi);
                wrt.addAll(params);
                List<Tensor> vjp = y.isTracked() ? Autodiff.grad(y, wrt, a, false) : zerosLike(wrt);
                out[0] = y.detach();
                for (int j = 0; j < wrt.size(); j++) {
                    out[j + 1] = vjp.get(j).neg();
                }
            }
            return out;
        }

        /** One classical RK4 step of the augmented system (h negative: backwards). */
        Tensor[] rk4(double t, Tensor x, Tensor a, Tensor[] theta, double h) {
            Tensor[] k1 = derivative(t, x, a);
            Tensor[] k2 = derivative(t + h / 2, x.add(k1[0].mul(h / 2)), a.add(k1[1].mul(h / 2)));
            Tensor[] k3 = derivative(t + h / 2, x.add(k2[0].mul(h / 2)), a.add(k2[1].mul(h / 2)));
            Tensor[] k4 = derivative(t + h, x.add(k3[0].mul(h)), a.add(k3[1].mul(h)));
            Tensor[] z = new Tensor[2 + theta.length];
            for (int j = 0; j < z.length; j++) {
                Tensor base = j == 0 ? x : j == 1 ? a : theta[j - 2];
                z[j] = base.add(k1[j].add(k2[j].mul(2)).add(k3[j].mul(2)).add(k4[j]).mul(h / 6));
            }
            return z;
        }

        private static List<Tensor> zerosLike(List<Tensor> xs) {
            List<Tensor> z = new ArrayList<>(xs.size());
            for (Tensor x : xs) {
                z.add(Tensor.zeros(x.shape()));
            }
            return z;
        }
    }
}
