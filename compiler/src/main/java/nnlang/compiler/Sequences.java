package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.Method;

/**
 * The private methods that run one phase for every node in the canonical node order
 * ({@code forward}, {@code backward}, {@code update}, ...). A tiny node's part is emitted in place, so
 * that a neuron-level network becomes straight-line code; any other node gets a method per phase
 * ({@code forward_hidden}, {@code delta_out}, ...) that the sequence calls, so each is its own JIT
 * unit. A sequence whose estimated size or number of calls would make one method too large for the
 * JIT is split into numbered parts ({@code name$0}, {@code name$1}, ...).
 */
final class Sequences {
    /** Calls per sequence method; longer sequences are split so no method nears 8,000 bytes. */
    private static final int MAX_CALLS = 200;
    /** The estimated bytecode a sequence method may hold before it is split. */
    private static final int SEQUENCE_BYTES = 4000;
    /** Bytecode of one call in a sequence (load this, load the arguments, invoke). */
    private static final int CALL_BYTES = 8;
    /** Estimated bytecode per weight or neuron of an unrolled node emitted in place, and per node. */
    private static final int BYTES_PER_TERM = 24;
    private static final int BYTES_PER_NODE = 64;

    private final ClassGenerator cls;

    Sequences(ClassGenerator cls) {
        this.cls = cls;
    }

    /**
     * One node's part of a sequence: the body of method {@code method}, emitted in place when
     * {@code inline}, else as that method and a call to it. {@code body} is null for methods emitted
     * elsewhere. {@code bytes} estimates the in-place code.
     */
    record Step(String method, Consumer<MethodEmitter> body, boolean inline, int bytes) {
        /** The same step with its own method emitted elsewhere (only its call, unless it is in place). */
        Step called() {
            return new Step(method, inline ? body : null, inline, bytes);
        }
    }

    /**
     * The step for node {@code p}'s {@code phase}: in place when the node is tiny, its estimated size
     * scaled by {@code weight} (how many operations per parameter the phase emits, relative to one).
     */
    Step step(NodePlan p, String phase, int weight, Consumer<MethodEmitter> body) {
        return new Step(p.method(phase), body, cls.plan().inPlace(p),
                weight * (BYTES_PER_TERM * (p.size * p.fanIn + p.size)) + BYTES_PER_NODE);
    }

    /** {@link #step(NodePlan, String, int, Consumer)} of weight 1. */
    Step step(NodePlan p, String phase, Consumer<MethodEmitter> body) {
        return step(p, phase, 1, body);
    }

    /** A step that is always a method of its own. */
    static Step method(String method, Consumer<MethodEmitter> body) {
        return new Step(method, body, false, 0);
    }

    /**
     * A private method {@code name} that runs {@code steps} in order with its own arguments. Steps are
     * split into numbered part methods ({@code name$0}, ...) when their estimated size or their number
     * would make one method too large for the JIT.
     */
    void emit(String name, String descriptor, List<Step> steps, String... argNames) {
        emit(Opcodes.ACC_PRIVATE, name, descriptor, steps, argNames);
    }

    /**
     * {@link #emit(String, String, List, String...)} with the method's access: protected for a method
     * that implements one of {@code CompiledNetwork}'s ({@code readParameters}, ...). Its parts are
     * private.
     */
    void emit(int access, String name, String descriptor, List<Step> steps, String... argNames) {
        List<List<Step>> parts = new ArrayList<>();
        List<Step> part = new ArrayList<>();
        int bytes = 0;
        for (Step s : steps) {
            int size = s.inline ? s.bytes : CALL_BYTES;
            if (!part.isEmpty() && (bytes + size > SEQUENCE_BYTES || part.size() == MAX_CALLS)) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(s);
            bytes += size;
        }
        parts.add(part);
        List<Step> body = parts.get(0);
        if (parts.size() > 1) {
            body = new ArrayList<>();
            for (int k = 0; k < parts.size(); k++) {
                String partName = name + "$" + k;
                emit(partName, descriptor, parts.get(k), argNames);
                body.add(new Step(partName, null, false, 0));
            }
        }
        MethodEmitter m = cls.method(access, new Method(name, descriptor), argNames);
        for (Step s : body) {
            if (s.inline) {
                s.body.accept(m);
                continue;
            }
            if (s.body != null) {
                MethodEmitter own = cls.method(Opcodes.ACC_PRIVATE, new Method(s.method, descriptor), argNames);
                s.body.accept(own);
                own.end();
            }
            m.g.loadThis();
            m.g.loadArgs();
            m.g.invokeVirtual(m.owner(), new Method(s.method, descriptor));
        }
        m.end();
    }
}
