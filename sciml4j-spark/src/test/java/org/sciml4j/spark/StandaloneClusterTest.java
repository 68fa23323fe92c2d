package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/**
 * A real standalone cluster on 127.0.0.1, started from the test with spark-core's own Master and Worker: a sweep of
 * two tiny runs submitted to it completes and its table is gathered. The worker starts each executor as a JVM of
 * its own, with this test's class path.
 */
class StandaloneClusterTest {
    @Test
    void aSweepCompletesOnAStandaloneMasterAndWorker(@TempDir Path tmp) throws Exception {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        // the worker finds Spark's launcher layout under spark.test.home when spark.testing is set (no install)
        Path home = tmp.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        SparkConf clusterConf = new SparkConf();
        RpcEnv master = Master.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, clusterConf)._1();
        RpcEnv worker = null;
        try {
            String url = "spark://127.0.0.1:" + master.address().port();
            worker = Worker.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, 2, 1024, new String[] {url},
                    tmp.resolve("work").toString(), Option.empty(), clusterConf, Option.empty());
            Path file = tmp.resolve("decay.yaml");
            Files.writeString(file, LocalSweepTest.PROBLEM);
            List<RunSpec> runs = SweepPlan.runs(file, LocalSweepTest.PROBLEM,
                    Map.of("training.adam.lr", List.of("0.01", "0.03")), 0, 0, 0);
            SparkConf conf = SparkSweeps.conf(url, 1)
                    .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector")
                    .set("spark.executor.memory", "512m").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            Path out = tmp.resolve("sweep");
            SweepTable table;
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                table = SparkSweeps.run(sc, runs, out, 1, System.out);
            }
            assertThat(table.rows()).isEqualTo(2);
            assertThat(table.figure(0, "status")).isZero();
            assertThat(table.figure(1, "relative_error")).isFinite().isLessThan(1.0);
            assertThat(Files.readAllLines(out.resolve("sweep.tsv"))).hasSize(3);
        } finally {
            if (worker != null) {
                worker.shutdown();
            }
            master.shutdown();
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
        }
    }
}
