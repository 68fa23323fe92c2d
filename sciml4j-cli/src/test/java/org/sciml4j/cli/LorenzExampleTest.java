package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;

/**
 * examples/lorenz/lorenz-inverse.yaml (DeepXDE's Lorenz inverse problem) parses, trains briefly and writes its
 * outputs; its data file is DeepXDE's Lorenz.npz, number for number.
 */
class LorenzExampleTest {

    static Path lorenz() {
        return Repo.examples("lorenz");
    }

    static Path sharedNpz() {
        return Repo.sharedData("deepxde/Lorenz.npz");
    }

    @Test
    void theFileStatesDeepXdesProblem() {
        ProblemFile pf = ProblemFile.read(lorenz().resolve("lorenz-inverse.yaml"));
        Problem p = pf.problem();
        assertThat(pf.name()).isEqualTo("lorenz-inverse");
        assertThat(p.variableNames()).containsExactly("t");
        assertThat(p.fields()).containsExactly("x", "y", "z");
        assertThat(p.unknowns()).extracting(Variable::name).containsExactly("C1", "C2", "C3");
        for (Variable v : p.unknowns()) {
            assertThat(v.current()).as(v.name()).isCloseTo(1.0, within(1e-12));
        }
        assertThat(pf.evaluation()).isNotNull();
    }

    @Test
    void runsBrieflyTrainsAndWritesASummary(@TempDir Path out) throws Exception {
        Path file = lorenz().resolve("lorenz-inverse.yaml");
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", "20", "--lbfgs", "5",
                "--every", "10", "--quiet")).isZero();
        for (String f : new String[] {"problem.yaml", "loss.tsv", "model.safetensors", "prediction.tsv",
            "summary.json", "loss.png", "prediction.png"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("relative_error").asDouble()).isFinite().isPositive();
        assertThat(summary.get("adam_epochs").asInt()).isEqualTo(20);
        assertThat(summary.get("epochs").asInt()).isBetween(21, 25);
        assertThat(summary.get("train_seconds").asDouble()).isPositive();
        for (String c : new String[] {"C1", "C2", "C3"}) {
            assertThat(summary.get("parameters").get(c).asDouble()).as(c).isFinite();
        }

        TextTable.Table loss = TextTable.read(out.resolve("loss.tsv"));
        assertThat(loss.columns()).containsExactly("epoch", "total", "eq_x", "eq_y", "eq_z", "initial", "data", "C1",
                "C2", "C3");
        assertThat(loss.rows()).isEqualTo(summary.get("epochs").asInt());
        double[] total = loss.column("total").toArray();
        assertThat(total[total.length - 1]).as("the loss after training").isLessThan(total[0] / 2);
        assertThat(loss.column("C1").toArray()[0]).isCloseTo(1.0, within(0.05));

        TextTable.Table pred = TextTable.read(out.resolve("prediction.tsv"));
        assertThat(pred.rows()).isEqualTo(25);
        assertThat(pred.columns()).containsExactly("t", "x_pred", "y_pred", "z_pred", "x_true", "y_true", "z_true");
    }

    @Test
    void theDataFileEqualsDeepXdesNpz() throws Exception {
        Map<String, Tensor> npz = Npz.read(sharedNpz());
        Tensor t = npz.get("t");
        Tensor y = npz.get("y");
        assertThat(t.shape()).containsExactly(25, 1);
        assertThat(y.shape()).containsExactly(25, 3);
        TextTable.Table table = TextTable.read(lorenz().resolve("data/lorenz.txt"));
        assertThat(table.columns()).containsExactly("t", "x", "y", "z");
        assertThat(table.rows()).isEqualTo(25);
        assertThat(table.column("t").toArray()).containsExactly(t.toArray());
        double[] yv = y.toArray();
        String[] names = {"x", "y", "z"};
        for (int j = 0; j < 3; j++) {
            double[] col = table.column(names[j]).toArray();
            for (int i = 0; i < 25; i++) {
                assertThat(col[i]).as("%s at row %d", names[j], i).isEqualTo(yv[i * 3 + j]);
            }
        }
    }
}
