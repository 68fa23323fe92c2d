package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Checkpoints;

/**
 * {@code sciml4j run} in a JVM of its own, stopped the hard way (kill -9) and the soft way (SIGINT), then
 * {@code --resume}d: the run folder ends with the same model and loss history, bit for bit, as a run that was never
 * interrupted.
 */
class ResumeEndToEndTest {
    /** The tutorial's forward problem, shortened: Adam, then L-BFGS, a checkpoint every 100 epochs. */
    private static final String[] SCHEDULE = {"--epochs", "1500", "--lbfgs", "300", "--every", "100", "--quiet"};
    /** A run that cannot end while the in-use test starts its second process, however loaded the machine. */
    private static final String[] ENDLESS = {"--epochs", "100000000", "--every", "100", "--quiet"};

    @TempDir
    static Path work;
    private static Path problem;
    private static Path reference;
    /** How long the uninterrupted run took, start of its JVM to its end: the range of the random kill moments. */
    private static long referenceMillis;

    @BeforeAll
    static void uninterrupted() throws Exception {
        problem = Repo.examples("damped-oscillation/forward.yaml");
        reference = work.resolve("reference");
        long t0 = System.nanoTime();
        Process p = start(reference, false);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        referenceMillis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        assertThat(p.exitValue()).as(output(reference)).isZero();
    }

    @Test
    void killedInAdamThenResumedEndsWithTheSameBits() throws Exception {
        Path dir = work.resolve("killed-adam");
        killWhenPhase(dir, 0);
        resumeAndCompare(dir);
    }

    @Test
    void killedInLbfgsThenResumedEndsWithTheSameBits() throws Exception {
        Path dir = work.resolve("killed-lbfgs");
        killWhenPhase(dir, 1);
        resumeAndCompare(dir);
    }

    /**
     * Kills runs at seeded random moments, from the JVM's start to the end of training (the count is the system
     * property {@code sciml4j.killRuns}, 3 by default; 20 for the measurement): each folder either resumes to
     * the same bits as the uninterrupted run, or was killed before its first checkpoint and then holds only whole
     * files, is refused by {@code --resume} with one line, and takes a fresh run.
     */
    @Test
    void killedAtRandomMomentsEachFolderResumesOrHoldsOnlyWholeFiles() throws Exception {
        int runs = Integer.getInteger("sciml4j.killRuns", 3);
        java.util.Random random = new java.util.Random(11);
        int[] outcomes = new int[3]; // resumed after a kill, killed before the first checkpoint, ended before the kill
        for (int i = 0; i < runs; i++) {
            Path dir = work.resolve("random-" + i);
            Process p = start(dir, false);
            boolean ended = p.waitFor(random.nextInt((int) Math.min(referenceMillis, 60_000)), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor();
            }
            if (ended) {
                outcomes[2]++; // nothing was interrupted: not counted as a resume
                continue;
            }
            if (Checkpoints.exists(dir)) {
                resumeAndCompare(dir);
                outcomes[0]++;
                continue;
            }
            outcomes[1]++;
            // killed before the first checkpoint: whatever is there is whole (temporary files aside)
            if (Files.exists(dir.resolve("problem.yaml"))) {
                assertThat(Files.readString(dir.resolve("problem.yaml"))).isEqualTo(Files.readString(problem));
            }
            if (Files.exists(dir.resolve(RunSettings.FILE))) {
                assertThat(new ObjectMapper().readTree(dir.resolve(RunSettings.FILE).toFile()).path("seed").isNumber())
                        .isTrue();
            }
            if (Files.isDirectory(dir)) {
                Process r = start(dir, true);
                assertThat(r.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(r.exitValue()).isNotZero();
                assertThat(output(dir)).contains("sciml4j: ").doesNotContain("Exception").doesNotContain("\tat ");
            }
            Process fresh = start(dir, false, "--out", dir.toString());
            assertThat(fresh.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(fresh.exitValue()).as(output(dir)).isZero();
            assertThat(Files.readAllBytes(dir.resolve("model.safetensors")))
                    .isEqualTo(Files.readAllBytes(reference.resolve("model.safetensors")));
        }
        System.out.printf("random kills: %d resumed to the same bits, %d killed before the first checkpoint (whole"
                + " files, resume refused, fresh run equal), %d ended before the kill (run of %d ms)%n", outcomes[0],
                outcomes[1], outcomes[2], referenceMillis);
    }

    @Test
    void sigintSavesEverythingSaysHowToResumeAndResumes() throws Exception {
        Path dir = work.resolve("interrupted");
        Process p = start(dir, false);
        awaitCheckpoint(p, dir, 0);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = output(dir);
        assertThat(p.exitValue()).as(out).isEqualTo(Interrupts.EXIT_STATUS);
        assertThat(out).contains(Interrupts.FIRST_NOTICE).contains("--resume " + dir);
        assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).path("stop_reason").asText())
                .isEqualTo("interrupted");
        assertThat(Checkpoints.exists(dir)).isTrue();
        resumeAndCompare(dir);
    }

    @Test
    void aSecondRunIntoAFolderInUseIsRefused() throws Exception {
        Path dir = work.resolve("busy");
        Process p = launch(dir, false, ENDLESS);
        try {
            awaitCheckpoint(p, dir, 0);
            Process second = start(work.resolve("busy"), false, "--out", dir.toString());
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isNotZero();
            assertThat(output(work.resolve("busy"))).contains("is in use by");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** Starts the run into {@code dir} and kills it (SIGKILL) once it has checkpointed inside phase {@code phase}. */
    private static void killWhenPhase(Path dir, int phase) throws Exception {
        Process p = start(dir, false);
        awaitCheckpoint(p, dir, phase);
        p.destroyForcibly().waitFor();
        assertThat(Checkpoints.exists(dir)).isTrue();
    }

    private static void resumeAndCompare(Path dir) throws Exception {
        String epoch = Checkpoints.read(dir).metadata().get("epoch");
        assertThat(Integer.parseInt(epoch)).isPositive();
        // the summary is written last: a run killed after it (while the JVM exits) has nothing left to resume, unless
        // it is the summary of an interrupted run
        boolean complete = Files.exists(dir.resolve("summary.json")) && !new ObjectMapper()
                .readTree(dir.resolve("summary.json").toFile()).path("stop_reason").asText().equals("interrupted");
        Process p = start(dir, true);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output(dir)).isZero();
        assertThat(output(dir)).contains(complete ? "the run in " + dir + " has finished (epoch " + epoch + ")"
                : "resuming the run in " + dir + " from epoch " + epoch + "\n");
        for (String f : List.of("model.safetensors", "loss.tsv", "prediction.tsv")) {
            assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(reference.resolve(f)));
        }
        assertThat(Files.list(dir).map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                .isEmpty();
    }

    /** Waits until the run has written a checkpoint whose phase is at least {@code phase}, and is still running. */
    private static void awaitCheckpoint(Process p, Path dir, int phase) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the run ended before it could be interrupted: " + output(dir)).isTrue();
            if (Checkpoints.exists(dir)) {
                try {
                    if (Integer.parseInt(Checkpoints.read(dir).metadata().get("phase")) >= phase) {
                        return;
                    }
                } catch (IOException | RuntimeException replacedWhileRead) {
                    // the file was being replaced: look again
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no checkpoint of phase " + phase + " in " + dir);
    }

    private static Process start(Path dir, boolean resume, String... extra) throws IOException {
        return launch(dir, resume, SCHEDULE, extra);
    }

    private static Process launch(Path dir, boolean resume, String[] schedule, String... extra) throws IOException {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", problem.toString()));
        cmd.addAll(resume ? List.of("--resume", dir.toString()) : extra.length > 0 ? List.of(extra)
                : List.of("--out", dir.toString()));
        cmd.addAll(List.of(schedule));
        Path log = work.resolve(dir.getFileName() + (resume ? ".resume" : "") + (extra.length > 0 ? ".second" : "")
                + ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String output(Path dir) {
        try (var logs = Files.list(work)) {
            StringBuilder all = new StringBuilder();
            for (Path l : logs.filter(f -> f.getFileName().toString().startsWith(dir.getFileName() + ".")).toList()) {
                all.append(Files.readString(l));
            }
            return all.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
