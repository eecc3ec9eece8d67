package nnlang.compiler;

import java.util.HashMap;
import java.util.Map;
import nnlang.compiler.NodePlan.Element;
import nnlang.model.Source;

/**
 * The vectors an unrolled node reads its x elements from, each asked of {@link Values} once: the
 * network input and the activations of each source node.
 */
final class Sources {
    private final NodePlan plan;
    private final Map<Integer, Vec> vectors = new HashMap<>();

    /** Asks {@code values} for every source vector of {@code plan} (which may emit their loads). Stack unchanged. */
    Sources(NetworkPlan network, NodePlan plan, Values values) {
        this.plan = plan;
        for (NodePlan.Slice s : plan.slices) {
            vectors.computeIfAbsent(s.source().node(),
                    node -> node == Source.INPUT ? values.input() : values.vector(network.plan(node), Buffer.A));
        }
    }

    /** Pushes x_i for a constant index i. Stack: ... -&gt; ..., x_i. */
    void push(Index i) {
        Element e = plan.x.get(i.constantValue());
        vectors.get(e.node()).push(Index.constant(e.index()));
    }
}
