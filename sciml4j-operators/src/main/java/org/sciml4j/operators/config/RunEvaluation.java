package org.sciml4j.operators.config;

import org.sciml4j.io.InputFiles;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.operators.NormalizedOperator;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.fno.Fno;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code sciml4j evaluate RUN_DIR DATA [--test N]}: the operator a finished run trained ({@code RUN_DIR/problem.yaml}
 * for the model, {@code RUN_DIR/model.safetensors} for its weights, as {@code sciml4j run} writes them) evaluated on
 * another test set without retraining, e.g. an FNO trained at s = 256 on the same test functions at s = 1024. DATA is
 * a generator spec ({@code .yaml}, its file made first when missing) or an {@code .npz} with arrays
 * {@code inputs (N, s...)}, {@code outputs (N, s...)} and optionally {@code x (s,)}, {@code y}; the test rows are its
 * last N (default: as many as the run's {@code data.test}). Writes {@code RUN_DIR/evaluation-<label>.json}
 * atomically ({@code resolution, grid, data, test, relative_error, relative_error_worst, test_mse}, plus
 * {@code run, model}) and the pictures {@code test-<label>-<i>.png}; the figures are those of
 * {@link TestSetEvaluation}, as for a problem's {@code evaluation:} entries.
 */
public final class RunEvaluation {
    /** Names the command line's DATA in the messages of its entry, which are then given without a place. */
    private static final Path COMMAND_LINE = Path.of("(sciml4j evaluate DATA)");

    private RunEvaluation() {
    }

    /**
     * Evaluates the run's model on DATA, prints one line and writes the results into the run folder.
     *
     * @param runDir a folder written by {@code sciml4j run} for a problem of kind operator
     * @param data   a generator spec or an {@code .npz}
     * @param test   the test rows (the last ones), or null for the run's {@code data.test}
     * @param out    where the line goes
     * @return the JSON file written, {@code RUN_DIR/evaluation-<label>.json}
     * @throws IllegalArgumentException for a folder, file or set that does not fit, with a clear message (a {@link
     *                                  ProblemFileException} when it has a place in {@code problem.yaml} or a spec)
     * @throws IOException              if a result cannot be written
     */
    public static Path evaluate(Path runDir, Path data, Integer test, PrintStream out) throws IOException {
        if (test != null && test < 1) {
            throw new IllegalArgumentException("--test " + test + ": at least 1");
        }
        Path problemFile = runDir.resolve("problem.yaml");
        Path weightsFile = runDir.resolve("model.safetensors");
        for (Path f : new Path[] {problemFile, weightsFile}) {
            String problem = InputFiles.problem(f, Long.MAX_VALUE, "a run's " + f.getFileName());
            if (problem != null) {
                throw new IllegalArgumentException(f + ": " + problem + "; sciml4j evaluate takes a run folder"
                        + " written by 'sciml4j run' (problem.yaml and model.safetensors)");
            }
        }
        YamlDocument doc = YamlDocument.read(problemFile);
        Map<String, NodeTuple> top = doc.mapping(doc.root(), "the problem", null);
        String kind = top.containsKey("kind") ? doc.string(top.get("kind").getValueNode()) : "pinn";
        if (!kind.equals("operator")) {
            throw new IllegalArgumentException(problemFile + " is a problem of kind '" + kind + "'; sciml4j evaluate"
                    + " takes runs of kind operator (an FNO evaluated on another test set)");
        }
        Map<String, Tensor> weights;
        try {
            weights = SafeTensors.read(weightsFile).tensors();
        } catch (IOException e) {
            throw new IllegalArgumentException(InputFiles.cannotRead(weightsFile, e), e);
        }
        int[] layout = Fno.layoutOf(weights);
        OperatorData set = testSet(data, test != null ? test : runTest(doc, top), layout == null ? 1 : layout[1]);
        Node modelNode = doc.required(top, "model", doc.root(), "model: {fno: {modes: 16, width: 64}}");
        ModelSpec spec = new ModelSection(doc).read(modelNode, set);
        if (spec instanceof ModelSpec.DeepOnetSpec) {
            throw doc.error(modelNode, TestSetEvaluation.deepOnetProblem());
        }
        if (layout == null) { // the file's model is an FNO, the saved weights are not
            throw new IllegalArgumentException(weightsFile + " does not hold an FNO's weights, so it is not the model"
                    + " of " + problemFile + " (an FNO); evaluate the run folder that trained it");
        }
        TestSetEvaluation.Layout trained = new TestSetEvaluation.Layout(layout[0], layout[1], layout[2]);
        String problem = TestSetEvaluation.problem(spec, trained, NormalizedOperator.savedInputShape(weights), set);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        OperatorModel inner = spec.build(set, new Rng(0));
        OperatorModel model;
        try {
            inner.parameters().load(NormalizedOperator.weights(weights));
            model = NormalizedOperator.restore(inner, weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(weightsFile + " does not hold the weights of " + problemFile
                    + "'s model " + inner.describe() + ": " + e.getMessage(), e);
        }
        TestSetEvaluation.Result r = TestSetEvaluation.evaluate(model, set);
        SummaryJson json = new SummaryJson().put("run", runDir.toString()).put("model", model.describe());
        r.fields().forEach(json::put);
        Path written = runDir.resolve("evaluation-" + r.label() + ".json");
        json.writeTo(written);
        String name = top.containsKey("name") ? doc.string(top.get("name").getValueNode()) : doc.runName();
        r.plot(runDir, name);
        out.println(r.line(name));
        out.println("wrote " + written);
        return written;
    }

    /** The run's {@code data.test}: how many last rows were its test split. */
    private static int runTest(YamlDocument doc, Map<String, NodeTuple> top) {
        Node dataNode = doc.required(top, "data", doc.root(), "data: {generate: data/burgers.yaml, train: 1000,"
                + " test: 200}");
        Map<String, NodeTuple> m = doc.mapping(dataNode, "data", null);
        return doc.positiveInt(doc.required(m, "test", dataNode, "test: 200"));
    }

    /**
     * DATA read as a problem's {@code evaluation:} entry would be; mistakes of the entry itself (the arrays, their
     * shapes, the rows) come without a place since they name DATA's file, a generator spec's keep theirs.
     */
    private static OperatorData testSet(Path data, int test, int fields) {
        String path = data.toAbsolutePath().toString().replace("'", "''");
        YamlDocument entry = YamlDocument.parse("{data: '" + path + "', test: " + test + "}", COMMAND_LINE);
        try {
            return new DataSection(entry).readTestSet(entry.root(), test, fields);
        } catch (ProblemFileException e) {
            if (e.file().equals(COMMAND_LINE.toString())) {
                throw new IllegalArgumentException(e.problem(), e);
            }
            throw e;
        }
    }
}
