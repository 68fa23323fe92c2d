package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.optim.ParameterVector;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The weighted residuals of a PINN: their sum of squares is the weighted total the trainer minimises, and their
 * one-pass Jacobian matches finite differences of the residuals.
 */
class PinnJacobianTest {

    /** Heat with an initial condition of weight 10 and a boundary condition: equation and conditions. */
    @Test
    void aPdeWithWeightedConditions() {
        Problem heat = Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u")
                .equation("u_t = u_xx/pi^2")
                .condition(Condition.at("t", 0, "u = sin(pi*x)").named("initial").points(Sampler.uniform(), 7))
                .condition(Condition.boundary("u = 0").points(Sampler.uniform(), 6).named("walls"))
                .weight("initial", 10).collocation(Sampler.random(), 15).build();
        check(new PinnObjective(heat, TrainerTest.net(5, 2, 6, 6, 1), 1, 0, 0, null), 15 + 7 + 6);
    }

    /**
     * The damped oscillator's inverse problem: the unknown c is a column of the Jacobian, the data misfit rows
     * follow the equation's and the initial condition's (two requirements).
     */
    @Test
    void anInverseProblemWithDataAndAnUnknown() {
        Tensor td = Tensor.linspace(0.5, 9.5, 5).reshape(5, 1);
        Tensor ud = td.mul(-0.05).exp().mul(td.mul(TrainerTest.OMEGA).cos());
        Problem p = Problem.builder().variable("t", 0, 10).fields("u").parameter("m", 1).parameter("k", 1)
                .unknown(Variable.of("c", 0.3)).equation("m*u_tt + c*u_t + k*u")
                .condition(Condition.at("t", 0, "u = 1", "u_t = -c/(2*m)").named("initial"))
                .condition(Condition.data(td, ud, "u")).collocation(Sampler.uniform(), 11).build();
        check(new PinnObjective(p, TrainerTest.net(3, 1, 5, 5, 1), 2, 0, 0, null), 11 + 2 + 5);
    }

    /** A periodic condition (rows that pair two points) in u and u_x, and a point condition. */
    @Test
    void aPeriodicCondition() {
        Problem p = Problem.builder().variable("x", 0, 2 * Math.PI).fields("u").equation("u_xx = -sin(x)")
                .condition(Condition.periodic("x", "u", "u_x"))
                .condition(Condition.at("x", Math.PI / 2, "u = 1").named("peak"))
                .collocation(Sampler.uniform(), 10).build();
        check(new PinnObjective(p, TrainerTest.net(2, 1, 6, 6, 1), 0, 0, 0, null), 10 + 2 + 1);
    }

    /** A fit to data alone: the Jacobian of a network's outputs at the data points. */
    @Test
    void aFitToDataAlone() {
        Tensor td = Tensor.linspace(0, 1, 9).reshape(9, 1);
        Problem p = Problem.builder().variable("t", 0, 1).fields("u")
                .condition(Condition.data(td, td.mul(3).sin(), "u")).weight("data", 4).build();
        check(new PinnObjective(p, TrainerTest.net(0, 1, 7, 1), 0, 0, 0, null), 9);
    }

    private static void check(PinnObjective f, int rows) {
        List<Tensor> params = f.parameters();
        double[] x = ParameterVector.get(params);
        int n = x.length;
        LeastSquares.Residuals r = f.residuals(true);
        assertThat(r.values()).hasSize(rows);
        assertThat(r.jacobian()).hasSize(rows * n);
        double total = 0;
        List<Tensor> terms = f.loss();
        for (int k = 0; k < terms.size(); k++) {
            total += f.weights()[k] * terms.get(k).item();
        }
        assertThat(r.sumOfSquares()).isCloseTo(total, within(1e-13 * total));
        // J v against a fourth-order central difference of the residuals along a random direction
        Rng rng = new Rng(7);
        double[] v = Tensor.randn(rng, n).data();
        double h = 1e-3;
        double[] fd = new double[rows];
        double[] coefficients = {1.0 / 12, -2.0 / 3, 2.0 / 3, -1.0 / 12};
        double[] shifts = {-2, -1, 1, 2};
        for (int s = 0; s < 4; s++) {
            double[] at = x.clone();
            for (int j = 0; j < n; j++) {
                at[j] += shifts[s] * h * v[j];
            }
            ParameterVector.set(params, at);
            double[] values = f.residuals(false).values();
            for (int i = 0; i < rows; i++) {
                fd[i] += coefficients[s] * values[i] / h;
            }
        }
        ParameterVector.set(params, x);
        for (int i = 0; i < rows; i++) {
            double jv = 0;
            for (int j = 0; j < n; j++) {
                jv += r.jacobian()[i * n + j] * v[j];
            }
            assertThat(jv).as("row %d", i).isCloseTo(fd[i], within(1e-7 * Math.max(1, Math.abs(fd[i]))));
        }
        assertThat(f.residuals(true)).usingRecursiveComparison().isEqualTo(r);
    }
}
