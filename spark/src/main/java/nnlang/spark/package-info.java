/**
 * nnlang on Apache Spark: a network of a {@code .nn} file trained on a Spark Dataset by synchronous
 * data-parallel mini-batches, with the bits of a local run in as many shards.
 *
 * <p>The sharded canonical order ({@code nnlang.runtime}'s package documentation, <b>Shards</b>)
 * makes the cluster's result a function of the data, the seed and the shard count only: shard k of
 * each mini-batch is summed by one task, the driver adds the shards' sums in shard order and takes
 * the optimizer's step. Where to start reading: {@link nnlang.spark.NnlangSpark} (the Java API),
 * {@link nnlang.spark.SparkTraining} (one run), {@code SparkSteps} (what happens per epoch and per
 * round), {@code ShardLayout} (where each sample goes), {@link nnlang.spark.Train} and
 * {@link nnlang.spark.ConvertMnist} (the commands).
 */
package nnlang.spark;
