package nnlang.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import nnlang.model.NetworkModel;
import nnlang.runtime.BackEnds;
import nnlang.runtime.Evaluator;
import nnlang.runtime.Network;

/**
 * The networks of one JVM (an executor, or the driver in local mode), kept across tasks and rounds:
 * per source and back end, the checked model and the back end's instances of it (the compiled class
 * generated once, {@link nnlang.runtime.BackEnd#instances}), and a pool of instances, one per task
 * that runs at the same time. A task borrows an instance, sets the round's parameters, computes and
 * gives it back.
 */
final class ExecutorNetworks {

    private ExecutorNetworks() {}

    private record Key(NetworkSource source, String backEnd) {}

    private static final Map<Key, Prepared> PREPARED = new ConcurrentHashMap<>();

    /** One network on one back end in this JVM. */
    static final class Prepared {
        final NetworkModel model;
        final Evaluator evaluator;
        private final Supplier<Network> instances;
        private final Queue<Network> idle = new ConcurrentLinkedQueue<>();

        private Prepared(NetworkSource source, String backEnd) {
            this.model = source.model();
            this.evaluator = new Evaluator(model, model.train().orElseThrow().cost());
            this.instances = BackEnds.named(backEnd).instances(model);
        }

        /** An instance no other task is using, its parameters whatever they were. */
        Network borrow() {
            Network network = idle.poll();
            return network != null ? network : instances.get();
        }

        /** Gives an instance back for the next task. */
        void release(Network network) {
            idle.add(network);
        }
    }

    /** The network of {@code source} on the back end called {@code backEnd}, prepared on first use. */
    static Prepared of(NetworkSource source, String backEnd) {
        return PREPARED.computeIfAbsent(new Key(source, backEnd), k -> new Prepared(k.source(), k.backEnd()));
    }
}
