package nnlang.compiler;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import nnlang.compiler.NodePlan.Element;
import nnlang.model.Source;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The arrays an unrolled node reads its x elements from, each loaded once into a local at the start
 * of a method: the network input and the activations of each source node.
 */
final class SourceArrays {
    private final NodePlan plan;
    private final Map<Integer, Integer> slots = new HashMap<>();

    private SourceArrays(NodePlan plan) {
        this.plan = plan;
    }

    /**
     * Loads every source array of {@code plan} into locals; {@code inputArray} is called, once and only
     * when a source is the network input, to emit the load of the input into a local and return its
     * slot. Stack unchanged.
     */
    static SourceArrays load(MethodEmitter m, NetworkClass cls, NodePlan plan, IntSupplier inputArray) {
        return of(plan, node -> node == Source.INPUT
                ? inputArray.getAsInt()
                : m.fieldToLocal(cls.plan(node).field("a"), MethodEmitter.DOUBLES));
    }

    /**
     * The source arrays of {@code plan} in the locals {@code slotOf} gives: called once per source,
     * with the source's node index ({@link Source#INPUT} for the network input), it may emit code that
     * leaves the array in a local and returns that local's slot. Stack unchanged.
     */
    static SourceArrays of(NodePlan plan, IntUnaryOperator slotOf) {
        SourceArrays arrays = new SourceArrays(plan);
        for (NodePlan.Slice s : plan.slices) {
            arrays.slots.computeIfAbsent(s.source().node(), slotOf::applyAsInt);
        }
        return arrays;
    }

    /** Pushes x_i for a constant index i. Stack: ... -&gt; ..., x_i. */
    void push(GeneratorAdapter g, Index i) {
        Element e = plan.x.get(i.constantValue());
        g.loadLocal(slots.get(e.node()));
        g.push(e.index());
        g.arrayLoad(MethodEmitter.DOUBLE);
    }
}
