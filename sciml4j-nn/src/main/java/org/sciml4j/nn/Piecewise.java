package org.sciml4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.sciml4j.tensor.Tensor;

/**
 * One network per region of a split of one input's range (XPINN; Jagtap &amp; Karniadakis 2020, "Extended
 * physics-informed neural networks"): cuts {@code s_0 < s_1 < ...} on input {@code axis} make regions
 * {@code x < s_0}, {@code s_0 <= x < s_1}, ..., {@code x >= s_last}; each point is evaluated by its region's network
 * only, so derivatives inside a region are that network's. A region may also carry constant outputs (a material's
 * coefficients: a PINN's per-region parameters), appended after the network's outputs; their derivatives are zero.
 * <p>
 * Input {@code (N, d)}, output {@code (N, out + constants)}. Parameters: region k's network's are named
 * {@code "regions.k." + name}. A point exactly on a cut belongs to the region above it; a caller that wants the
 * region below evaluates at {@link Math#nextDown(double)} of the cut (one rounding unit away).
 */
public final class Piecewise implements Module {
    /** Spec option: the input index that is split (one value). */
    public static final String SPLIT_AXIS = "split_axis";
    /** Spec option: the cut values, increasing. */
    public static final String SPLIT_AT = "split_at";
    /** Spec option: each region's constant outputs, region after region (regions x constants values). */
    public static final String CONSTANTS = "region_constants";

    private final int axis;
    private final double[] cuts;
    private final List<Module> parts;
    private final double[][] constants;
    private final Parameters parameters = new Parameters();

    /**
     * @param axis      the input index split
     * @param cuts      increasing, finite
     * @param constants per region ({@code cuts.length + 1} rows) its constant outputs, each row of one length C
     * @param parts     region k's network, {@code (n, d) -> (n, out)}, one {@code d} and {@code out} for all
     * @throws IllegalArgumentException naming the bad argument
     */
    public Piecewise(int axis, double[] cuts, double[][] constants, IntFunction<Module> parts) {
        for (int i = 0; i < cuts.length; i++) {
            if (!Double.isFinite(cuts[i]) || (i > 0 && !(cuts[i] > cuts[i - 1]))) {
                throw new IllegalArgumentException("Piecewise: the cuts must be finite and increasing, got "
                        + Arrays.toString(cuts));
            }
        }
        if (cuts.length == 0 || constants.length != cuts.length + 1) {
            throw new IllegalArgumentException("Piecewise: " + cuts.length + " cuts make " + (cuts.length + 1)
                    + " regions; constants given for " + constants.length);
        }
        this.axis = axis;
        this.cuts = cuts.clone();
        this.constants = new double[constants.length][];
        List<Module> nets = new ArrayList<>();
        for (int k = 0; k < constants.length; k++) {
            this.constants[k] = constants[k].clone();
            Module m = parts.apply(k);
            if (constants[k].length != constants[0].length || (k > 0 && (m.inputSize() != nets.get(0).inputSize()
                    || m.outputSize() != nets.get(0).outputSize()))) {
                throw new IllegalArgumentException("Piecewise: region " + k + "'s network or constants differ in size"
                        + " from region 0's");
            }
            nets.add(m);
            parameters.register("regions." + k, m.parameters());
        }
        if (axis < 0 || axis >= nets.get(0).inputSize()) {
            throw new IllegalArgumentException("Piecewise: axis " + axis + " is not an input (0.."
                    + (nets.get(0).inputSize() - 1) + ")");
        }
        this.parts = List.copyOf(nets);
    }

    /** Built by {@link Networks#build} for a spec with the split options: each region's network from the rest. */
    static Piecewise fromSpec(NetworkSpec spec, int inputs, int outputs, long seed) {
        double[] cutsOpt = spec.option(SPLIT_AT);
        double[] axisOpt = spec.option(SPLIT_AXIS);
        double[] flat = spec.option(CONSTANTS);
        int regions = cutsOpt.length + 1;
        int c = flat == null ? 0 : flat.length / regions;
        if (axisOpt == null || (flat != null && flat.length != c * regions) || c >= outputs) {
            throw new IllegalArgumentException("a split network needs options " + SPLIT_AXIS + " and " + SPLIT_AT
                    + ", and " + CONSTANTS + " a multiple of the " + regions + " regions below the " + outputs
                    + " outputs");
        }
        double[][] consts = new double[regions][c];
        for (int k = 0; k < regions; k++) {
            System.arraycopy(flat == null ? new double[0] : flat, k * c, consts[k], 0, c);
        }
        NetworkSpec part = spec.withoutOption(SPLIT_AT, SPLIT_AXIS, CONSTANTS);
        return new Piecewise((int) axisOpt[0], cutsOpt, consts,
                k -> Networks.build(part, inputs, outputs - c, seed + 7919L * k));
    }

    /** The region of coordinate v: the number of cuts at or below it. */
    public int region(double v) {
        int k = 0;
        while (k < cuts.length && v >= cuts[k]) {
            k++;
        }
        return k;
    }

    /** {@code (N, d) -> (N, out + constants)}: each point through its region's network. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.input("Piecewise", x, inputSize());
        if (x.rank() != 2) {
            int[] shape = x.shape();
            shape[shape.length - 1] = outputSize();
            return forward(x.reshape(-1, inputSize())).reshape(shape);
        }
        int n = x.size(0);
        int d = inputSize();
        double[] p = x.data();
        int[] counts = new int[parts.size()];
        int[] region = new int[n];
        for (int i = 0; i < n; i++) {
            region[i] = region(p[i * d + axis]);
            counts[region[i]]++;
        }
        int[][] rows = new int[parts.size()][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = new int[counts[k]];
        }
        int[] filled = new int[parts.size()];
        int[] offset = new int[parts.size()];
        for (int k = 1; k < offset.length; k++) {
            offset[k] = offset[k - 1] + counts[k - 1];
        }
        int[] back = new int[n]; // row i of the output is row back[i] of the regions' outputs stacked
        for (int i = 0; i < n; i++) {
            int k = region[i];
            back[i] = offset[k] + filled[k];
            rows[k][filled[k]++] = i;
        }
        List<Tensor> outs = new ArrayList<>();
        for (int k = 0; k < rows.length; k++) {
            if (rows[k].length > 0) {
                outs.add(regionOutput(k, x.indexSelect(0, rows[k])));
            }
        }
        Tensor stacked = outs.size() == 1 ? outs.get(0) : Tensor.concat(0, outs.toArray(new Tensor[0]));
        return stacked.indexSelect(0, back);
    }

    private Tensor regionOutput(int k, Tensor x) {
        Tensor y = parts.get(k).forward(x);
        if (constants[k].length == 0) {
            return y;
        }
        Tensor c = Tensor.vector(constants[k]).reshape(1, -1).broadcastTo(x.size(0), constants[k].length);
        return Tensor.concat(1, y, c);
    }

    /** The regions' networks, in order of the regions. */
    public List<Module> parts() {
        return parts;
    }

    /** The cut values. */
    public double[] cuts() {
        return cuts.clone();
    }

    /** The split input's index. */
    public int axis() {
        return axis;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return parts.get(0).inputSize();
    }

    @Override
    public int outputSize() {
        return parts.get(0).outputSize() + constants[0].length;
    }

    @Override
    public String toString() {
        return "Piecewise(axis=" + axis + ", cuts=" + Arrays.toString(cuts) + ", " + parts.get(0) + ")";
    }
}
