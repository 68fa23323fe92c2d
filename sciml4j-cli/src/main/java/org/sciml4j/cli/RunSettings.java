package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.pinn.config.ProblemFile;

/**
 * The schedule a run trains with: the problem file's, with the command line's overrides. A run folder keeps it in
 * {@value #FILE} so that {@code --resume} continues with exactly the schedule the run started with.
 *
 * @param adamEpochs      epochs of the first-order phase
 * @param lbfgsIterations iterations of the L-BFGS phase
 * @param lmIterations    iterations of the Levenberg-Marquardt phase
 * @param seed            seed of the network and the point draws
 * @param logEvery        epochs between two loss lines (and two checkpoints)
 */
record RunSettings(int adamEpochs, int lbfgsIterations, int lmIterations, long seed, int logEvery) {
    /** The settings' file in a run folder. */
    static final String FILE = "run.json";
    /** What to do about a damaged {@value #FILE}. */
    private static final String DAMAGED = "; the run folder is damaged: start the run afresh with --out";

    RunSettings {
        // all 0 is refused by the trainer ("nothing to train") unless the file's schedule has another phase
        if (adamEpochs < 0 || lbfgsIterations < 0 || lmIterations < 0 || logEvery < 1) {
            throw new IllegalArgumentException("--epochs, --lbfgs and --lm must be >= 0; --every >= 1");
        }
    }

    /** The file's schedule with the options given ({@code null}: the file's value). */
    static RunSettings of(ProblemFile.TrainingSpec spec, Integer epochs, Integer lbfgs, Integer lm, Long seed,
            Integer every) {
        return new RunSettings(epochs != null ? epochs : spec.epochs(), lbfgs != null ? lbfgs : spec.lbfgsIterations(),
                lm != null ? lm : spec.lmIterations(), seed != null ? seed : spec.seed(),
                every != null ? every : spec.logEvery());
    }

    /**
     * With an ordered {@code optimizer: [...]} list, {@code --lbfgs} and {@code --lm} change the length of that entry;
     * one the list does not hold would be silently ignored, so it is refused (before the run folder is made).
     */
    static void checkOptions(ProblemFile.TrainingSpec spec, Integer lbfgs, Integer lm) {
        inList(spec, "--lbfgs", "lbfgs", lbfgs);
        inList(spec, "--lm", "lm", lm);
    }

    private static void inList(ProblemFile.TrainingSpec spec, String option, String phase, Integer value) {
        if (value != null && spec.schedule() != null
                && spec.schedule().stream().noneMatch(p -> p.name().equals(phase))) {
            throw new IllegalArgumentException(option + " sets the length of the '" + phase + "' entry of the file's"
                    + " optimizer list, which has none; add '" + phase + ": N' to the list");
        }
    }

    /**
     * The settings a run in {@code dir} started with; options given again must agree with them, since a resumed run
     * can only end as the interrupted one would have.
     *
     * @throws IllegalArgumentException if the folder holds no settings, or an option differs from them (naming it)
     */
    static RunSettings resumed(Path dir, Integer epochs, Integer lbfgs, Integer lm, Long seed, Integer every)
            throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot resume: " + file + " is missing, so " + dir + " holds no run"
                    + " started by this version of sciml4j run");
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("cannot resume: " + file + " is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                            .lines().findFirst().orElse("") + DAMAGED);
        }
        RunSettings saved = new RunSettings((int) saved(file, n, "adam_epochs", 0),
                (int) saved(file, n, "lbfgs_iterations", 0), (int) saved(file, n, "lm_iterations", 0),
                saved(file, n, "seed", Long.MIN_VALUE), (int) saved(file, n, "every", 1));
        agree("--epochs", epochs, saved.adamEpochs);
        agree("--lbfgs", lbfgs, saved.lbfgsIterations);
        agree("--lm", lm, saved.lmIterations);
        agree("--seed", seed, saved.seed);
        agree("--every", every, saved.logEvery);
        return saved;
    }

    /** A whole number of {@code run.json}, at least {@code least} ({@code Long.MIN_VALUE}: any long, else an int). */
    private static long saved(Path file, JsonNode n, String field, long least) {
        JsonNode v = n == null ? MissingNode.getInstance() : n.path(field);
        boolean any = least == Long.MIN_VALUE;
        if (!v.isIntegralNumber() || !(any ? v.canConvertToLong() : v.canConvertToInt()) || v.asLong() < least) {
            throw new IllegalArgumentException("cannot resume: " + file + ": '" + field + "' is " + (v.isMissingNode()
                    ? "missing" : v + ", not a whole number" + (any ? "" : " >= " + least)) + DAMAGED);
        }
        return v.asLong();
    }

    private static void agree(String option, Number given, long saved) {
        if (given != null && given.longValue() != saved) {
            throw new IllegalArgumentException("cannot resume with " + option + " " + given + ": the run started with "
                    + saved + " (leave the option out to continue as it started)");
        }
    }

    /** Writes {@value #FILE} into the run folder, atomically (the summary's writer: no Jackson before training). */
    void write(Path dir) throws IOException {
        new SummaryJson().put("adam_epochs", adamEpochs).put("lbfgs_iterations", lbfgsIterations)
                .put("lm_iterations", lmIterations).put("seed", seed).put("every", logEvery).writeTo(dir.resolve(FILE));
    }

    /** Refuses to resume with a problem file other than the one the run in {@code dir} started with. */
    static void checkSameProblem(Path dir, ProblemFile pf) throws IOException {
        Path started = dir.resolve("problem.yaml");
        if (!Files.isRegularFile(started)) {
            throw new IllegalArgumentException("cannot resume: " + started + " is missing");
        }
        if (!Objects.equals(Files.readString(started), pf.text())) {
            throw new IllegalArgumentException("cannot resume with " + pf.path() + ": it differs from the problem file"
                    + " the run started with (" + started + "); resume with that file");
        }
    }
}
