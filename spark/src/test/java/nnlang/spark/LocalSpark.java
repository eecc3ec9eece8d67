package nnlang.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the tests, started on first use and shared by every test class of the
 * JVM: local mode with two task threads, and {@code local[2,2]} so that a failed task runs once more,
 * as on a cluster; no web UI, few shuffle partitions.
 */
final class LocalSpark {

    private LocalSpark() {}

    static SparkSession session() {
        return SparkSession.builder().master("local[2,2]").appName("nnlang-spark tests")
                .config("spark.ui.enabled", false)
                .config("spark.ui.showConsoleProgress", false)
                .config("spark.sql.shuffle.partitions", 2)
                .config("spark.default.parallelism", 2)
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
