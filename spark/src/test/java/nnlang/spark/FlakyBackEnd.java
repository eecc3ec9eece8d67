package nnlang.spark;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnd;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.Samples;
import org.apache.spark.TaskContext;

/**
 * The compiled back end with a fault: once armed, the first attempt of the next task on partition 1
 * that computes a gradient throws, as a lost executor or a bad node would make it fail; Spark runs
 * the task again. Registered for the tests only ({@code src/test/resources/META-INF/services}).
 */
public final class FlakyBackEnd implements BackEnd {

    static final String NAME = "flaky";

    /** Set by a test; the next first attempt on partition 1 throws and clears it. */
    static final AtomicBoolean ARMED = new AtomicBoolean();

    /** Gradients computed by second attempts of tasks. */
    static final AtomicInteger RETRIED = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Network instantiate(NetworkModel model) {
        return new Flaky(BackEnds.named("compiled").instantiate(model));
    }

    private static final class Flaky implements Network {
        private final Network inner;

        Flaky(Network inner) {
            this.inner = inner;
        }

        @Override
        public double gradient(Samples data, int[] order, int from, int to, double[] dst) {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 1) {
                if (task.attemptNumber() == 0 && ARMED.compareAndSet(true, false)) {
                    throw new IllegalStateException("a fault injected into the first attempt of task "
                            + task.taskAttemptId());
                }
                if (task.attemptNumber() > 0) {
                    RETRIED.incrementAndGet();
                }
            }
            return inner.gradient(data, order, from, to, dst);
        }

        @Override
        public int inputSize() {
            return inner.inputSize();
        }

        @Override
        public int outputSize() {
            return inner.outputSize();
        }

        @Override
        public ParameterLayout layout() {
            return inner.layout();
        }

        @Override
        public void predict(double[] input, double[] output) {
            inner.predict(input, output);
        }

        @Override
        public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
            return inner.trainBatch(data, order, from, to, rate, decay);
        }

        @Override
        public void applyGradient(double[] gradient, int count, double rate, double decay) {
            inner.applyGradient(gradient, count, rate, decay);
        }

        @Override
        public void getParameters(double[] dst) {
            inner.getParameters(dst);
        }

        @Override
        public void setParameters(double[] src) {
            inner.setParameters(src);
        }

        @Override
        public int optimizerStateSize() {
            return inner.optimizerStateSize();
        }

        @Override
        public void getOptimizerState(double[] dst) {
            inner.getOptimizerState(dst);
        }

        @Override
        public void setOptimizerState(double[] src) {
            inner.setOptimizerState(src);
        }
    }
}
