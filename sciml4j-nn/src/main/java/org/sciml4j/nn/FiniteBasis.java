package org.sciml4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.sciml4j.tensor.Tensor;

/**
 * A finite-basis network (FBPINN; Moseley, Markham &amp; Nissen-Meyer 2023, "Finite basis physics-informed neural
 * networks: a scalable domain decomposition approach for solving differential equations"): a box split into a grid of
 * overlapping subdomains, one small network per subdomain on its inputs normalised to [-1, 1], their outputs summed
 * with smooth windows that form a partition of unity:
 * <pre>
 *   u(x) = sum_j w_j(x) net_j((x - c_j) / r_j) / sum_j w_j(x),   w_j(x) = prod_k (1 + cos(pi (x_k - c_jk) / r_jk))^2
 * </pre>
 * for {@code |x_k - c_jk| < r_jk} and 0 outside. Along each axis the box {@code [lower_k, upper_k]} is cut into
 * {@code windows_k} equal parts of width {@code h_k}; subdomain j is the part centred at {@code c_j}, widened to the
 * half-width {@code r_k = (h_k / 2)(1 + overlap)}, so neighbours overlap by {@code overlap * h_k}. The window is C^3
 * (value and three derivatives vanish at the edge of its support), so second-order PDE residuals see no kinks.
 * <p>
 * Each subnetwork is evaluated only on the points inside its subdomain: the rows of each window are found per forward
 * pass (O(N * sum_k windows_k) comparisons, negligible beside the networks) and the weighted outputs are gathered back
 * with {@link Tensor#indexSelect}, so every derivative (reverse and forward mode, any order) flows through. A point
 * outside the box takes the window weights of the nearest point of the box (the networks still see its own
 * coordinates).
 * <p>
 * Input {@code (N, d)}, output {@code (N, out)}; leading batch axes are allowed. Parameters: subnetwork j's are named
 * {@code "windows.j." + name}, subdomains numbered row-major over the grid (the last axis fastest). No fused Taylor
 * jet: PINNs differentiate it on the generic path.
 */
public final class FiniteBasis implements Module {
    /** The options a {@link NetworkSpec} of type {@code fbpinn} may set. */
    public static final List<String> OPTIONS = List.of("windows", "overlap", "lower", "upper");
    /** The overlap used when a spec sets none. */
    public static final double DEFAULT_OVERLAP = 0.3;

    private final double[] lower;
    private final double[] upper;
    private final int[] windows;
    private final double[] halfWidth;
    private final double[][] centres; // [subdomain][axis]
    private final List<Module> networks;
    private final Parameters parameters = new Parameters();
    private final double overlap;

    /**
     * @param lower    the box's lower corner, length d
     * @param upper    its upper corner, above {@code lower} on every axis
     * @param windows  subdomains along each axis (length d, or one number for every axis), each at least 1
     * @param overlap  overlap of neighbours as a fraction of a part's width, in (0, 1]
     * @param networks the network of subdomain j (row-major numbering), each mapping {@code (n, d)} to
     *                 {@code (n, out)} with the same {@code out}
     * @throws IllegalArgumentException naming the bad argument
     */
    public FiniteBasis(double[] lower, double[] upper, int[] windows, double overlap, IntFunction<Module> networks) {
        int d = lower.length;
        if (d == 0 || upper.length != d) {
            throw new IllegalArgumentException("FiniteBasis: the box's corners must have the same positive length, got "
                    + Arrays.toString(lower) + " and " + Arrays.toString(upper));
        }
        for (int k = 0; k < d; k++) {
            if (!(lower[k] < upper[k]) || !Double.isFinite(lower[k]) || !Double.isFinite(upper[k])) {
                throw new IllegalArgumentException("FiniteBasis: the box must be finite with lower < upper on every"
                        + " axis, got lower " + Arrays.toString(lower) + ", upper " + Arrays.toString(upper));
            }
        }
        if (!(overlap > 0 && overlap <= 1)) {
            throw new IllegalArgumentException("FiniteBasis: overlap must be in (0, 1], got " + overlap);
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.windows = perAxis(windows, d);
        this.overlap = overlap;
        halfWidth = new double[d];
        for (int k = 0; k < d; k++) {
            halfWidth[k] = (upper[k] - lower[k]) / this.windows[k] / 2 * (1 + overlap);
        }
        centres = grid();
        List<Module> nets = new ArrayList<>();
        for (int j = 0; j < centres.length; j++) {
            Module net = networks.apply(j);
            if (net.inputSize() != d || (j > 0 && net.outputSize() != nets.get(0).outputSize())) {
                throw new IllegalArgumentException("FiniteBasis: subnetwork " + j + " maps " + net.inputSize() + " -> "
                        + net.outputSize() + " but the box has " + d + " axes"
                        + (j > 0 ? " and subnetwork 0 has " + nets.get(0).outputSize() + " outputs" : ""));
            }
            nets.add(net);
            parameters.register("windows." + j, net.parameters());
        }
        this.networks = List.copyOf(nets);
    }

    /**
     * The {@code fbpinn} type of the {@link Networks} registry: the spec's options {@code windows} (per axis, or one
     * for all; default 4), {@code overlap} (default {@value #DEFAULT_OVERLAP}), {@code lower} and {@code upper} (the
     * box: required, a problem reader fills them from the variables' ranges); each subnetwork an MLP with the spec's
     * hidden widths, activation, initializer and Fourier features, seeded in turn from {@code seed}.
     */
    static Module fromSpec(NetworkSpec spec, int[] sizes, long seed) {
        double[] lo = spec.option("lower");
        double[] hi = spec.option("upper");
        if (lo == null || hi == null) {
            throw new IllegalArgumentException("fbpinn: the box to split is not set (options 'lower' and 'upper')");
        }
        int in = sizes[0];
        if (lo.length != in || hi.length != in) {
            throw new IllegalArgumentException("fbpinn: the box has " + lo.length + " axes but the network " + in
                    + " inputs");
        }
        double[] w = spec.option("windows");
        int[] counts = w == null ? new int[] {4} : Arrays.stream(w).mapToInt(FiniteBasis::count).toArray();
        double[] ov = spec.option("overlap");
        NetworkSpec part = spec.withType(NetworkSpec.DEFAULT_TYPE).withoutOptions()
                .withFieldNetworks(java.util.Map.of());
        SplittableRandom seeds = new SplittableRandom(seed);
        int out = sizes[sizes.length - 1];
        return new FiniteBasis(lo, hi, counts, ov == null ? DEFAULT_OVERLAP : ov[0],
                j -> Networks.build(part.withHidden(Arrays.copyOfRange(sizes, 1, sizes.length - 1)), in, out,
                        seeds.nextLong()));
    }

    private static int count(double v) {
        if (!(v >= 1) || v != Math.rint(v) || v > 1e6) {
            throw new IllegalArgumentException("fbpinn: windows must be whole numbers >= 1, got " + v);
        }
        return (int) v;
    }

    private static int[] perAxis(int[] windows, int d) {
        if (windows.length != 1 && windows.length != d) {
            throw new IllegalArgumentException("FiniteBasis: windows needs one count or one per axis (" + d
                    + "), got " + Arrays.toString(windows));
        }
        int[] w = new int[d];
        for (int k = 0; k < d; k++) {
            w[k] = windows.length == 1 ? windows[0] : windows[k];
            if (w[k] < 1) {
                throw new IllegalArgumentException("FiniteBasis: windows must be >= 1, got "
                        + Arrays.toString(windows));
            }
        }
        return w;
    }

    /** The subdomains' centres, row-major over the grid. */
    private double[][] grid() {
        int d = windows.length;
        int total = 1;
        for (int w : windows) {
            total = Math.multiplyExact(total, w);
        }
        double[][] c = new double[total][d];
        for (int j = 0; j < total; j++) {
            int rest = j;
            for (int k = d - 1; k >= 0; k--) {
                int i = rest % windows[k];
                rest /= windows[k];
                c[j][k] = lower[k] + (i + 0.5) * (upper[k] - lower[k]) / windows[k];
            }
        }
        return c;
    }

    /** {@code (..., N, d) -> (..., N, out)}: the windowed sum of the subnetworks. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.input("FiniteBasis", x, inputSize());
        int[] shape = x.shape();
        Tensor flat = x.rank() == 2 ? x : x.reshape(-1, inputSize());
        Tensor u = windowedSum(flat);
        if (x.rank() == 2) {
            return u;
        }
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = outputSize();
        return u.reshape(outShape);
    }

    private Tensor windowedSum(Tensor x) {
        Cover cover = Cover.of(this, x.data(), x.size(0));
        Tensor clamped = cover.outside ? clamp(x) : x;
        int out = outputSize();
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> weighted = new ArrayList<>();
        for (int j = 0; j < centres.length; j++) {
            int[] rows = cover.rows.get(j);
            if (rows.length == 0) {
                continue;
            }
            Tensor w = window(j, clamped.indexSelect(0, rows));
            Tensor local = x.indexSelect(0, rows).sub(Tensor.vector(centres[j])).div(Tensor.vector(halfWidth));
            weights.add(w);
            weighted.add(networks.get(j).forward(local).mul(w));
        }
        weights.add(Tensor.zeros(1, 1)); // the row that a point's unused slots read
        weighted.add(Tensor.zeros(1, out));
        Tensor allWeights = Tensor.concat(0, weights.toArray(new Tensor[0]));
        Tensor allWeighted = Tensor.concat(0, weighted.toArray(new Tensor[0]));
        Tensor num = null;
        Tensor den = null;
        for (int[] slot : cover.slots) {
            Tensor n = allWeighted.indexSelect(0, slot);
            Tensor m = allWeights.indexSelect(0, slot);
            num = num == null ? n : num.add(n);
            den = den == null ? m : den.add(m);
        }
        return num.div(den);
    }

    /** {@code prod_k (1 + cos(pi t_k))^2} with {@code t = (x - c_j) / r}: shape {@code (n, 1)}. */
    private Tensor window(int j, Tensor x) {
        Tensor t = x.sub(Tensor.vector(centres[j])).div(Tensor.vector(halfWidth));
        Tensor bump = t.mul(Math.PI).cos().add(1).square();
        Tensor w = bump.col(0);
        for (int k = 1; k < t.size(1); k++) {
            w = w.mul(bump.col(k));
        }
        return w;
    }

    /** The points moved into the box (constant outside it, the identity inside). */
    private Tensor clamp(Tensor x) {
        Tensor lo = Tensor.vector(lower);
        Tensor hi = Tensor.vector(upper);
        Tensor above = Tensor.where(x.lt(lo), lo.broadcastTo(x.shape()), x);
        return Tensor.where(above.gt(hi), hi.broadcastTo(x.shape()), above);
    }

    /**
     * The normalised window weights {@code w_j(x) / sum_i w_i(x)} at the points: {@code (N, d) -> (N, subdomains)},
     * each row summing to 1 (for plots and checks; not recorded for differentiation).
     */
    public Tensor partition(Tensor x) {
        Checks.input("FiniteBasis", x, inputSize());
        int n = x.size(0);
        Tensor clamped = clamp(x.detach());
        double[] out = new double[n * centres.length];
        for (int j = 0; j < centres.length; j++) {
            double[] w = window(j, clamped).data();
            for (int i = 0; i < n; i++) {
                out[i * centres.length + j] = inside(j, clamped.data(), i) ? w[i] : 0;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < centres.length; j++) {
                s += out[i * centres.length + j];
            }
            for (int j = 0; j < centres.length; j++) {
                out[i * centres.length + j] /= s;
            }
        }
        return Tensor.of(out, n, centres.length);
    }

    /** Whether point i of the clamped points (row-major, d columns) lies in subdomain j's open support. */
    boolean inside(int j, double[] p, int i) {
        int d = lower.length;
        for (int k = 0; k < d; k++) {
            if (Math.abs(p[i * d + k] - centres[j][k]) >= halfWidth[k]) {
                return false;
            }
        }
        return true;
    }

    /** The subdomains' centres, row-major over the grid: shape (subdomains, d). */
    public Tensor centres() {
        return Tensor.of(Arrays.stream(centres).flatMapToDouble(Arrays::stream).toArray(), centres.length,
                lower.length);
    }

    /** The subdomains' half-widths along each axis, {@code (h_k / 2)(1 + overlap)}: length d. */
    public double[] halfWidths() {
        return halfWidth.clone();
    }

    /** The subnetworks, row-major over the grid. */
    public List<Module> networks() {
        return networks;
    }

    /** The overlap of neighbours as a fraction of a part's width. */
    public double overlap() {
        return overlap;
    }

    int subdomains() {
        return centres.length;
    }

    /** Subdomain indices along each axis whose support holds coordinate v of axis k (clamped into the box). */
    int[] along(int k, double v) {
        double c = Math.min(upper[k], Math.max(lower[k], v));
        double h = (upper[k] - lower[k]) / windows[k];
        int[] found = new int[windows[k]];
        int n = 0;
        int first = Math.max(0, (int) Math.floor((c - lower[k]) / h - 0.5 - halfWidth[k] / h) - 1);
        for (int i = first; i < windows[k]; i++) {
            double centre = lower[k] + (i + 0.5) * h;
            if (centre - halfWidth[k] >= c) {
                break;
            }
            if (Math.abs(c - centre) < halfWidth[k]) {
                found[n++] = i;
            }
        }
        return Arrays.copyOf(found, n);
    }

    /** Whether any coordinate of the points (row-major, d columns) lies outside the box. */
    boolean anyOutside(double[] p) {
        int d = lower.length;
        for (int i = 0; i < p.length; i++) {
            if (p[i] < lower[i % d] || p[i] > upper[i % d]) {
                return true;
            }
        }
        return false;
    }

    /** Subdomain counts along each axis. */
    int[] windows() {
        return windows;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return lower.length;
    }

    @Override
    public int outputSize() {
        return networks.get(0).outputSize();
    }

    @Override
    public String toString() {
        return "FiniteBasis(windows=" + Arrays.toString(windows) + ", overlap=" + overlap + ", box="
                + Arrays.toString(lower) + ".." + Arrays.toString(upper) + ", " + networks.get(0) + ")";
    }
}
