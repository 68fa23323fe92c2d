package org.sciml4j.solvers.antiplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AntiplaneFdTest {
    private static final ScrewDislocation SURFACE = new ScrewDislocation(0, 0, -1, 1);
    private static final ScrewDislocation BURIED = new ScrewDislocation(0.3, -0.4, -1.2, 0.7);
    private static final AntiplaneFd.Field ONE = AntiplaneFd.Field.of((x, y) -> 1);

    @Test
    void theClosedFormJumpsBySlipOnTheFaultOnlyIsHarmonicAndLeavesTheSurfaceFree() {
        for (ScrewDislocation f : new ScrewDislocation[] {SURFACE, BURIED}) {
            double x0 = f.x0();
            double tiny = 1e-12;
            for (int k = 0; k < 38; k++) {
                double y = -1.93 + 0.05 * k;
                double jump = f.displacement(x0 + tiny, y) - f.displacement(x0 - tiny, y);
                boolean onFault = y < f.top() && y > f.bottom();
                assertEquals(onFault ? f.slip() : 0, jump, 1e-9, "jump at y = " + y);
            }
            double h = 1e-4; // truncation h^2/12 w'''' below 1e-6 at 0.2 from a tip, rounding about 1e-8
            for (double[] p : new double[][] {{0.7, -0.5}, {-0.4, -1.5}, {1.3, -0.2}, {x0 + 0.05, -0.8}}) {
                double lap = (f.displacement(p[0] + h, p[1]) + f.displacement(p[0] - h, p[1])
                        + f.displacement(p[0], p[1] + h) + f.displacement(p[0], p[1] - h)
                        - 4 * f.displacement(p[0], p[1])) / (h * h);
                assertEquals(0, lap, 2e-5, "Laplacian at " + p[0] + ", " + p[1]);
                double wy = (f.displacement(p[0], h) - f.displacement(p[0], -h)) / (2 * h);
                assertEquals(0, wy, 1e-9, "surface traction at x = " + p[0]);
            }
        }
        // the classical surface profile s/pi atan(D/x)
        assertEquals(Math.atan(1 / 0.5) / Math.PI, SURFACE.displacement(0.5, 0), 1e-15);
        // continuous part: w minus the singular part has no jump
        double c = SURFACE.displacement(1e-12, -0.5) - SURFACE.singularPart(1e-12, -0.5)
                - SURFACE.displacement(-1e-12, -0.5) + SURFACE.singularPart(-1e-12, -0.5);
        assertEquals(0, c, 1e-9);
    }

    /** Relative L2 error of the solution at the vertices against the closed form. */
    private static double error(ScrewDislocation f, int cellsX, int cellsY) {
        AntiplaneFd fd = new AntiplaneFd(-2, 2, 2, cellsX, cellsY, f);
        AntiplaneFd.Solution s = fd.solve(ONE, AntiplaneFd.Field.of(f::displacement), 1e-12);
        double[] w = s.grid();
        double num = 0;
        double den = 0;
        for (int j = 0; j <= cellsY; j++) {
            for (int i = 0; i <= cellsX; i++) {
                double x = -2 + i * 4.0 / cellsX;
                double y = -j * 2.0 / cellsY;
                double exact = f.displacement(x, y);
                num += Math.pow(w[j * (cellsX + 1) + i] - exact, 2);
                den += exact * exact;
            }
        }
        return Math.sqrt(num / den);
    }

    @Test
    void convergesToTheClosedFormAtFirstOrderLimitedByTheTipSingularity() {
        double[] errors = new double[4];
        int[] cells = {32, 64, 128, 256};
        for (int k = 0; k < cells.length; k++) {
            errors[k] = error(SURFACE, cells[k] + 1, cells[k] / 2);
            System.out.printf("antiplane FD, %d x %d cells: relative L2 error %.3e%n", cells[k] + 1, cells[k] / 2,
                    errors[k]);
        }
        for (int k = 1; k < cells.length; k++) {
            double order = Math.log(errors[k - 1] / errors[k]) / Math.log(2);
            System.out.printf("  order %.2f%n", order);
            assertTrue(order > 0.9 && order < 1.3, "order " + order); // measured 0.96, 0.98, 0.99
        }
        assertTrue(errors[3] < 2e-3, "error at 257 x 128: " + errors[3]);
    }

    @Test
    void interpolationKeepsTheJumpAndAGeometryOffTheGridIsRefused() {
        AntiplaneFd fd = new AntiplaneFd(-2, 2, 2, 129, 64, SURFACE);
        AntiplaneFd.Solution s = fd.solve(ONE, AntiplaneFd.Field.of(SURFACE::displacement), 1e-12);
        double above = s.value(0, -0.5);
        double below = s.value(-1e-12, -0.5);
        assertEquals(1, above - below, 1e-9);
        assertEquals(SURFACE.displacement(0.3, -0.7), s.value(0.3, -0.7), 5e-3);
        assertThrows(IllegalArgumentException.class, () -> new AntiplaneFd(-2, 2, 2, 128, 64, SURFACE));
        assertThrows(IllegalArgumentException.class, () -> s.value(3, -1));
    }

    @Test
    void aLayeredMediumConvergesAtFirstOrderToo() {
        // a soft layer (mu = 1) over a stiffer half-space (mu = 3) below y = -1.5; the same far-side data
        AntiplaneFd.Field layers = AntiplaneFd.Field.of((x, y) -> y < -1.5 ? 3 : 1);
        double[] at = new double[3];
        int k = 0;
        for (int cells : new int[] {64, 128, 256}) {
            AntiplaneFd fd = new AntiplaneFd(-2, 2, 2, cells + 1, cells / 2, SURFACE);
            at[k++] = fd.solve(layers, AntiplaneFd.Field.of(SURFACE::displacement), 1e-12).value(0.25, -1.2);
        }
        double order = Math.log(Math.abs(at[0] - at[1]) / Math.abs(at[1] - at[2])) / Math.log(2);
        System.out.printf("layered: w(0.25, -1.2) = %.6f, %.6f, %.6f; order %.2f%n", at[0], at[1], at[2], order);
        assertTrue(order > 0.8, "order " + order);
        // the stiffer half-space below takes less of the deformation: w is smaller there than in the homogeneous case
        assertTrue(Math.abs(at[2]) < Math.abs(SURFACE.displacement(0.25, -1.2)));
    }

    /**
     * A boundary value that is not finite on the fixed sides is refused with its place; off them (the interior, where
     * the values are not used) it does not matter.
     */
    @Test
    void aNonFiniteBoundaryValueOnTheFixedSidesIsRefused() {
        AntiplaneFd fd = new AntiplaneFd(-2, 2, 2, 17, 8, SURFACE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fd.solve(ONE,
                AntiplaneFd.Field.of((x, y) -> y == -2 ? Double.NaN : 0), 1e-10));
        assertTrue(e.getMessage().contains("boundary value must be finite, found NaN at (x, y) = (-2.0, -2.0)"),
                e.getMessage());
        AntiplaneFd.Solution s = fd.solve(ONE, AntiplaneFd.Field.of((x, y) -> Math.abs(x) < 1.5 && y > -1.5
                ? Double.POSITIVE_INFINITY : SURFACE.displacement(x, y)), 1e-10);
        for (double v : s.grid()) {
            assertTrue(Double.isFinite(v));
        }
    }
}
