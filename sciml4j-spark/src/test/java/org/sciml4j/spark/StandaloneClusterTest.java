package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Checkpoints;
import org.sciml4j.io.SummaryJson;
import scala.Option;

/**
 * A real standalone cluster on 127.0.0.1, started once for this class with spark-core's own Master and Worker (2
 * cores): a sweep submitted to it completes and its table is gathered, although its executor JVM is killed for real
 * in the middle of its runs; the lost runs continue from their checkpoints, with the bits of an uninterrupted run. The worker starts each executor as a JVM of its own (a child of this one), with this test's
 * class path.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandaloneClusterTest {
    /** The main class of the executor JVMs (YarnCoarseGrainedExecutorBackend on YARN also holds the name). */
    private static final String EXECUTOR = "CoarseGrainedExecutorBackend";

    @TempDir
    static Path cluster;
    private static RpcEnv master;
    private static RpcEnv worker;
    private static String url;

    @BeforeAll
    static void startMasterAndWorker() {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        // the worker finds Spark's launcher layout under spark.test.home when spark.testing is set (no install)
        Path home = cluster.resolve("spark-home");
        try {
            Files.createDirectories(home.resolve("jars"));
            Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        SparkConf clusterConf = new SparkConf();
        master = Master.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, clusterConf)._1();
        url = "spark://127.0.0.1:" + master.address().port();
        worker = Worker.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, 2, 1024, new String[] {url},
                cluster.resolve("work").toString(), Option.empty(), clusterConf, Option.empty());
    }

    @AfterAll
    static void stopMasterAndWorker() {
        if (worker != null) {
            worker.shutdown();
        }
        if (master != null) {
            master.shutdown();
        }
        System.clearProperty("spark.testing");
        System.clearProperty("spark.test.home");
    }

    /** An application of the cluster: executors with this test's class path and vector width, 1 core per task. */
    private static JavaSparkContext application() {
        return new JavaSparkContext(SparkSweeps.conf(url, 1)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", executorJavaOptions())
                .set("spark.executor.memory", "512m").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    /**
     * The Vector API for the executor JVMs, with this JVM's width flags ({@code -XX:MaxVectorSize},
     * {@code -Dsciml4j.vector.*}): a run compared bit for bit with the same run in this JVM must use the same vector
     * width, since the width decides the order in which a reduction's lanes are added (under
     * {@code -XX:MaxVectorSize=16} the executors had run 256-bit kernels and the errors differed in the 16th digit).
     */
    private static String executorJavaOptions() {
        List<String> options = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:MaxVectorSize=") || arg.startsWith("-Dsciml4j.vector.")) {
                options.add(arg);
            }
        }
        return String.join(" ", options);
    }

    /**
     * A sweep of two runs submitted to the cluster completes and its table is gathered, although, when the first
     * checkpoint of the sweep appears, the executor JVM running its tasks is killed (SIGKILL, as a machine lost): the
     * master starts a new executor for the application, Spark retries the lost tasks, and each continues from its
     * checkpoint. The run whose checkpoint was seen says it resumed, and every figure of its summary (times aside)
     * equals that of the same run made without interruption, in this JVM.
     */
    @Test
    void aSweepWhoseExecutorIsKilledCompletesFromTheCheckpoints(@TempDir Path tmp) throws Exception {
        String text = LocalSweepTest.PROBLEM.replace("epochs: 30}", "epochs: 600}\n  log_every: 10");
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, text);
        List<RunSpec> runs = SweepPlan.runs(file, text, Map.of("training.adam.lr", List.of("0.01", "0.03")), 0, 0,
                0);
        Path out = tmp.resolve("sweep");
        ExecutorKiller killer = new ExecutorKiller(out.resolve("runs"));
        SweepTable table;
        try (JavaSparkContext sc = application()) {
            killer.start();
            table = SparkSweeps.run(sc, runs, out, 1, System.out);
        } finally {
            killer.stop();
        }
        assertThat(killer.killed.get()).as("executor JVMs killed, run seen " + killer.runSeen.get()).isPositive();
        assertThat(table.rows()).isEqualTo(2);
        assertThat(table.figure(0, "status")).isZero();
        assertThat(table.figure(1, "status")).isZero();
        assertThat(table.figure(1, "relative_error")).isFinite().isLessThan(1.0);
        assertThat(Files.readAllLines(out.resolve("sweep.tsv"))).hasSize(3);
        int row = runs.stream().map(RunSpec::id).toList().indexOf(killer.runSeen.get());
        assertThat(table.resumed(row)).as("the killed run continued from its checkpoint").isTrue();

        RunResult plain = new RunTask(tmp.resolve("uninterrupted").toString(), 1).call(runs.get(row));
        SweepTable alone = new SweepTable();
        alone.add(runs.get(row), plain);
        List<String> figures = alone.figureColumns().stream().filter(c -> !c.endsWith("_seconds")).toList();
        assertThat(figures).contains("relative_error", "final_loss.total", "epochs");
        for (String c : figures) {
            assertThat(table.figure(row, c)).as(c).isEqualTo(alone.figure(0, c));
        }
    }

    /**
     * Watches the sweep's run folders and, once one holds a checkpoint but no summary yet (a run in the middle of its
     * training), kills every executor JVM among this JVM's descendants, once.
     */
    private static final class ExecutorKiller {
        private final Path runs;
        private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "executor-killer");
            t.setDaemon(true);
            return t;
        });
        final AtomicReference<String> runSeen = new AtomicReference<>();
        final AtomicInteger killed = new AtomicInteger();

        ExecutorKiller(Path runs) {
            this.runs = runs;
        }

        void start() {
            poll.scheduleWithFixedDelay(this::check, 0, 20, TimeUnit.MILLISECONDS);
        }

        void stop() {
            poll.shutdownNow();
        }

        private void check() {
            if (runSeen.get() != null || !Files.isDirectory(runs)) {
                return;
            }
            try (Stream<Path> dirs = Files.list(runs)) {
                dirs.filter(d -> Checkpoints.exists(d) && !Files.exists(d.resolve(SummaryJson.FILE))).findFirst()
                        .ifPresent(d -> {
                            runSeen.set(d.getFileName().toString());
                            ProcessHandle.current().descendants().filter(ExecutorKiller::isExecutor)
                                    .forEach(p -> {
                                        System.out.println("killing executor JVM " + p.pid() + " (run "
                                                + runSeen.get() + " has a checkpoint)");
                                        p.destroyForcibly();
                                        killed.incrementAndGet();
                                    });
                        });
            } catch (IOException e) {
                // the folder is being written; look again at the next poll
            }
        }

        /**
         * Whether a process is an executor JVM. Its command line is read from /proc where there is one, since
         * ProcessHandle.Info cuts it at 4 KiB on Linux and the class name comes after the long class path.
         */
        private static boolean isExecutor(ProcessHandle p) {
            Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
            try {
                if (Files.isReadable(cmdline)) {
                    return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains(EXECUTOR);
                }
            } catch (IOException e) {
                return false; // the process has ended
            }
            return p.info().commandLine().orElse("").contains(EXECUTOR);
        }
    }
}
