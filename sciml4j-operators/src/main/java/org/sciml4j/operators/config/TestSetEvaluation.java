package org.sciml4j.operators.config;

import org.sciml4j.io.SummaryJson;
import org.sciml4j.operators.NormalizedOperator;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.fit.Evaluation;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained operator evaluated on a test set other than its data's split, without retraining: typically an FNO
 * trained at s = 256 applied to the same test functions sampled at s = 1024 (the FNO's weights act on Fourier modes,
 * not grid points). The one code path of a problem's {@code evaluation:} entries (evaluated after training by
 * {@link OperatorRun}) and of {@code sciml4j evaluate RUN_DIR DATA} ({@link RunEvaluation}): the same checks, the
 * same figures ({@link Evaluation}), the same JSON fields and pictures.
 */
final class TestSetEvaluation {
    /** Test functions per forward pass: bounds the memory at fine grids (50 x 2048 points x width 64 per layer). */
    private static final int CHUNK = 50;

    private TestSetEvaluation() {
    }

    /**
     * The kind of data a model reads and writes.
     *
     * @param dims        spatial dimensions d, 1 or 2
     * @param inputFields input fields f
     * @param components  output fields c
     */
    record Layout(int dims, int inputFields, int components) {
        static Layout of(OperatorData d) {
            return new Layout(d.dims(), d.inputFields(), d.components());
        }

        String describe() {
            return dims + "-D data with " + inputFields + " input field" + (inputFields == 1 ? "" : "s") + " and "
                    + components + " output field" + (components == 1 ? "" : "s");
        }
    }

    /**
     * Reads and checks {@code evaluation: [{data: data/burgers-1024.yaml, test: 200}, ...]} of a problem file (each
     * entry as {@link DataSection#readTestSet}; test and input fields default to the training data's); a set the
     * model cannot take is placed at its entry, a DeepONet model at the key.
     *
     * @param node the list's node
     * @param data the training data (their layout is the one the model is built for)
     * @param normalized whether the model normalises per point of the training grid (sets must be on that grid)
     */
    static List<OperatorData> read(YamlDocument doc, Node node, ModelSpec model, OperatorData data,
                                   boolean normalized) {
        int[] normalizedShape = normalized ? onePoint(data) : null;
        if (model instanceof ModelSpec.DeepOnetSpec) {
            throw doc.error(node, deepOnetProblem());
        }
        List<OperatorData> sets = new ArrayList<>();
        for (Node entry : doc.list(node)) {
            OperatorData set = new DataSection(doc).readTestSet(entry, data.test(), data.inputFields());
            String problem = problem(model, Layout.of(data), normalizedShape, set);
            if (problem != null) {
                throw doc.error(entry, problem);
            }
            sets.add(set);
        }
        return sets;
    }

    /** The shape of one input function of a set: {@code (s...)} or {@code (f, s...)}. */
    private static int[] onePoint(OperatorData set) {
        int[] shape = set.inputs().shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    static String deepOnetProblem() {
        return "evaluation on other test sets is for the FNO: DeepONet evaluation at other sensors is not supported"
                + " (its branch net reads the values at the sensors it was trained on)";
    }

    /**
     * Null when the model of {@code spec}, built for data of layout {@code trained}, can be applied to the set's test
     * inputs and its relative L2 error is finite (no test output zero everywhere); else why not, naming the set's
     * file and shapes or row.
     *
     * @param normalizedShape for a model normalised per grid point, the shape of one training input function (the
     *                        statistics' shape, which the set's functions must have); null for a plain model
     */
    static String problem(ModelSpec spec, Layout trained, int[] normalizedShape, OperatorData set) {
        if (!(spec instanceof ModelSpec.FnoSpec fno)) {
            return deepOnetProblem();
        }
        Layout got = Layout.of(set);
        if (!got.equals(trained)) {
            return set.file() + ": inputs " + Arrays.toString(set.inputs().shape()) + " and outputs "
                    + Arrays.toString(set.outputs().shape()) + " are " + got.describe() + ", but the model was"
                    + " trained on " + trained.describe();
        }
        String grid = normalizedShape == null ? null : NormalizedOperator.gridProblem(normalizedShape, onePoint(set));
        if (grid != null) {
            return set.file() + ": " + grid;
        }
        String modes = ModelSection.gridProblem(fno, set);
        return modes != null ? modes : DataSection.zeroOutput(set, false); // else an infinite relative L2
    }

    /** Applies the model to the set's test inputs and compares with its test outputs. */
    static Result evaluate(OperatorModel model, OperatorData set) {
        Tensor predicted = Evaluation.predict(model, set.testInputs(), CHUNK);
        return new Result(set, Evaluation.compare(predicted, set.testOutputs()), predicted);
    }

    /**
     * Evaluates every set and adds the figures to a run's summary: {@code evaluations} (one object per set, as
     * {@link Result#fields()}) and {@code relative_error_<label>} of the first set (e.g. {@code relative_error_1024}).
     */
    static List<Result> addAll(OperatorModel model, List<OperatorData> sets, SummaryJson summary) {
        List<Result> results = new ArrayList<>();
        for (OperatorData set : sets) {
            results.add(evaluate(model, set));
        }
        if (!results.isEmpty()) {
            summary.put("evaluations", results.stream().map(Result::fields).toList());
            summary.put("relative_error_" + results.get(0).label(), results.get(0).figures().meanRelative());
        }
        return results;
    }

    /**
     * One set's figures.
     *
     * @param set       the test set (its test rows were evaluated)
     * @param figures   per-function relative L2 errors, their mean and worst, the MSE over every test value
     * @param predicted the predictions, shaped as the set's test outputs {@code (test, [c,] s...)}
     */
    record Result(OperatorData set, Evaluation figures, Tensor predicted) {

        /** The grid's points per axis: s in 1-D, s1 of a 2-D grid. */
        int resolution() {
            return set.grid()[0];
        }

        /** The grid in names: {@code 1024}, a square 2-D grid {@code 141}, else {@code 141x85}. */
        String label() {
            int[] g = set.grid();
            return g.length == 1 || g[0] == g[1] ? Integer.toString(g[0]) : g[0] + "x" + g[1];
        }

        /** {@code resolution, grid, data, test, relative_error, relative_error_worst, test_mse}. */
        Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resolution", resolution());
            m.put("grid", set.grid());
            m.put("data", set.file().toString());
            m.put("test", set.test());
            m.put("relative_error", figures.meanRelative());
            m.put("relative_error_worst", figures.worstRelative());
            m.put("test_mse", figures.mse());
            return m;
        }

        /** The line a run prints. */
        String line(String name) {
            return String.format("%s: evaluated at %s (%d test functions of %s) without retraining: relative L2"
                    + " %.4g (worst %.4g), test MSE %.4g", name, set.dims() == 1 ? "s = " + label()
                    : "grid " + label(), set.test(), set.file().getFileName(), figures.meanRelative(),
                    figures.worstRelative(), figures.mse());
        }

        /** {@code test-<label>-<i>.png} (1-D) or {@code test-<label>-0-<what>.png} (2-D) in {@code dir}. */
        void plot(Path dir, String name) throws IOException {
            new OperatorPlots(dir, name).functions(set, predicted, "test-" + label());
        }
    }
}
