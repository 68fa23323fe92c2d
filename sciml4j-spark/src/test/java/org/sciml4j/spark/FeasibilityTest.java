package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class FeasibilityTest {
  @Test
  void localTwoRunsATrivialJob() {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("t").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      int sum = sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * x).reduce(Integer::sum);
      assertThat(sum).isEqualTo(30);
    }
  }
}
