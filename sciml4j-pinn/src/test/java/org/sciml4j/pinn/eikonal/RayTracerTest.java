package org.sciml4j.pinn.eikonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Rng;
import org.sciml4j.train.config.ProblemKinds;

/**
 * Rays: straight in a constant medium, circular arcs in v = v0 + g z (centred at the depth where v would vanish),
 * traced through the closed form's gradient (the integrator) and through briefly trained surrogates (the network's
 * gradient from its jet, itself checked against central differences of its travel times).
 */
class RayTracerTest {
    private static final Box BOX = new Box(List.of("x", "z"), new double[] {0, 0}, new double[] {2, 1});
    private static final double[] SOURCE = {1.37, 0.71};

    @TempDir
    Path dir;

    /** The ray distance by hand: v = 1 + z puts the centres at z = -1; source (0, 0) and receiver (2, 0). */
    @Test
    void theExactRayIsTheCircleThroughBothWithItsCentreWhereVVanishes() {
        LinearGradientVelocity v = new LinearGradientVelocity(1, 1);
        double[] s = {0, 0};
        double[] r = {2, 0};
        // centre (1, -1), radius sqrt(2): the arc's deepest point is (1, sqrt(2) - 1)
        assertThat(v.rayDistance(new double[] {1, Math.sqrt(2) - 1}, s, r)).isCloseTo(0, within(1e-15));
        assertThat(v.rayDistance(new double[] {1, 0}, s, r)).isCloseTo(Math.sqrt(2) - 1, within(1e-15));
        // in 3-D the same plane (y = 0.5) and a point 0.3 across it
        double[] s3 = {0, 0.5, 0};
        double[] r3 = {2, 0.5, 0};
        assertThat(v.rayDistance(new double[] {1, 0.8, 0}, s3, r3)).isCloseTo(Math.hypot(Math.sqrt(2) - 1, 0.3),
                within(1e-15));
        // constant medium: the straight line
        LinearGradientVelocity c = new LinearGradientVelocity(2, 0);
        assertThat(c.rayDistance(new double[] {1, 1}, new double[] {0, 0}, new double[] {2, 0})).isEqualTo(1);
    }

    @Test
    void theClosedFormsGradientIsItsTimesCentralDifferences() {
        LinearGradientVelocity v = new LinearGradientVelocity(2, 1.5);
        double[] x = {0.3, 0.2, 1.1};
        double[] s = {1.2, 0.9, 0.4};
        double[] g = v.gradient(x, s);
        for (int a = 0; a < 3; a++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[a] += 1e-6;
            down[a] -= 1e-6;
            double fd = (v.exactTime(up, s).getAsDouble() - v.exactTime(down, s).getAsDouble()) / 2e-6;
            assertThat(g[a]).isCloseTo(fd, within(1e-8));
        }
    }

    /**
     * RK4 along the exact gradient: straight lines to rounding at g = 0; arcs to 2e-7 of a 2 x 1 box at 200 steps
     * per diagonal (measured 9.4e-8; 2.5e-8 at 400), converging with order about 2 (the direction field turns on the
     * scale of the distance to the source, so the last steps before the closing segment set the error), and the time
     * along each ray is the closed form's.
     */
    @Test
    void theClosedFormsRaysAreArcsAndLines() {
        double[] receivers = SurfaceRays.receivers(BOX);
        LinearGradientVelocity line = new LinearGradientVelocity(2, 0);
        assertThat(exactRayDeviation(line, receivers, 200)).isLessThan(1e-13);
        LinearGradientVelocity v = new LinearGradientVelocity(2, 1.5);
        double coarse = exactRayDeviation(v, receivers, 200);
        double fine = exactRayDeviation(v, receivers, 400);
        assertThat(coarse).isLessThan(2e-7);
        assertThat(Math.log(coarse / fine) / Math.log(2)).isGreaterThan(1.6);
    }

    private static double exactRayDeviation(LinearGradientVelocity v, double[] receivers, int steps) {
        RayTracer tracer = new RayTracer((x, s) -> exactGradients(v, x, s), BOX, BOX.diagonal() / steps);
        List<RayTracer.Ray> rays = tracer.trace(SOURCE, receivers);
        assertThat(rays).hasSize(SurfaceRays.RECEIVERS_2D).allMatch(RayTracer.Ray::reached);
        // Fermat: the time along each ray, the integral of ds / v (trapezoids), is the closed-form time
        for (int r = 0; r < rays.size(); r++) {
            double[] receiver = java.util.Arrays.copyOfRange(receivers, 2 * r, 2 * r + 2);
            double exact = v.exactTime(receiver, SOURCE).getAsDouble();
            assertThat(timeAlong(v, rays.get(r).points())).isCloseTo(exact, within(1e-5 * exact));
        }
        return SurfaceRays.maxDeviation(v, SOURCE, receivers, rays);
    }

    @Test
    void theSurrogatesGradientIsItsTimesCentralDifferences() {
        Mlp net = new Mlp(new int[] {4, 16, 16, 1}, Activation.TANH, Initializer.of("glorot_normal"), new Rng(4));
        EikonalSurrogate s = new EikonalSurrogate(net, BOX, new LinearGradientVelocity(2, 1.5));
        double[] x = {0.4, 0.8, 1.9, 0.1};
        double[] xs = {1.3, 0.2, 0.5, 0.6};
        double[] g = s.gradients(x, xs);
        for (int i = 0; i < 2; i++) {
            for (int a = 0; a < 2; a++) {
                double[] up = java.util.Arrays.copyOfRange(x, 2 * i, 2 * i + 2);
                double[] down = up.clone();
                up[a] += 1e-6;
                down[a] -= 1e-6;
                double[] src = java.util.Arrays.copyOfRange(xs, 2 * i, 2 * i + 2);
                double fd = (s.times(up, src)[0] - s.times(down, src)[0]) / 2e-6;
                assertThat(g[2 * i + a]).isCloseTo(fd, within(1e-7));
            }
        }
    }

    /** Trained briefly, the surrogate's rays are straight in a constant medium and arcs in a gradient one. */
    @Test
    void aTrainedSurrogatesRaysFollowTheExactOnes() throws IOException {
        for (String velocity : new String[] {"{gradient: {v0: 2.5, g: 0}}", "{gradient: {v0: 2, g: 1.5}}"}) {
            EikonalSurrogate s = trained(velocity);
            double[] receivers = SurfaceRays.receivers(BOX);
            List<RayTracer.Ray> rays = RayTracer.of(s, 200).trace(SOURCE, receivers);
            assertThat(rays).allMatch(RayTracer.Ray::reached);
            double deviation = SurfaceRays.maxDeviation((LinearGradientVelocity) s.velocity(), SOURCE, receivers,
                    rays);
            assertThat(deviation).isLessThan(3e-3); // measured 1.4e-4 (constant), 8.8e-4 (gradient)
        }
    }

    private EikonalSurrogate trained(String velocity) throws IOException {
        Path p = dir.resolve("rays.yaml");
        Files.writeString(p, """
                kind: eikonal
                domain: {x: [0, 2], z: [0, 1]}
                velocity: %s
                collocation: {pairs: 500, source_points: 50, resample_every: 1}
                network: {layers: [16, 16], activation: tanh}
                training: {seed: 0, adam: {lr: 3e-3, epochs: 200}, lbfgs: 150}
                """.formatted(velocity));
        EikonalRun run = (EikonalRun) ProblemKinds.read(p);
        EikonalSurrogate s = run.newSurrogate(0);
        run.trainer(200, null).train(run.objective(s, 0));
        return s;
    }

    private static double timeAlong(Velocity v, double[] p) {
        double[] speed = v.at(p, 2);
        double t = 0;
        for (int i = 0; i + 1 < speed.length; i++) {
            double ds = Math.hypot(p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);
            t += ds * (1 / speed[i] + 1 / speed[i + 1]) / 2;
        }
        return t;
    }

    private static double[] exactGradients(LinearGradientVelocity v, double[] x, double[] s) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length / 2; i++) {
            System.arraycopy(v.gradient(java.util.Arrays.copyOfRange(x, 2 * i, 2 * i + 2),
                    java.util.Arrays.copyOfRange(s, 2 * i, 2 * i + 2)), 0, g, 2 * i, 2);
        }
        return g;
    }
}
