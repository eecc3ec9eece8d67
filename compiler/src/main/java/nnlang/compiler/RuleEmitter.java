package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;

import nnlang.runtime.UpdateRule;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Emits an optimizer's step: its scalars, once per step ({@link #emitScalars}), and its update of one
 * parameter ({@link #emit}), exactly the arithmetic, in the same order, of its {@link UpdateRule},
 * which the interpreter and {@code CompiledNetwork.applyGradient} run over arrays. One subclass per
 * rule; {@link UpdateEmitter} runs it over every weight and bias.
 */
abstract sealed class RuleEmitter {
    private static final Type MATH = Type.getType(Math.class);
    private static final Method SQRT = Method.getMethod("double sqrt(double)");

    /** The emitter of {@code rule}. */
    static RuleEmitter of(UpdateRule rule) {
        if (rule instanceof UpdateRule.Sgd) {
            return new Sgd();
        }
        if (rule instanceof UpdateRule.Momentum momentum) {
            return new Momentum(momentum.mu());
        }
        if (rule instanceof UpdateRule.Nesterov nesterov) {
            return new Nesterov(nesterov.mu());
        }
        if (rule instanceof UpdateRule.RmsProp rms) {
            return new RmsProp(rms.rho(), rms.epsilon());
        }
        if (rule instanceof UpdateRule.Adam adam) {
            return new Adam(adam.beta1(), adam.beta2(), adam.epsilon());
        }
        throw new IllegalArgumentException("no emitter for update rule " + rule.describe());
    }

    /** The names of the step's scalars, as the update methods' arguments and locals are called. */
    abstract String[] scalarNames();

    /** How many scalars a step computes, each an argument of the update methods. */
    final int scalars() {
        return scalarNames().length;
    }

    /**
     * About how many times the bytecode of an SGD update one parameter's update takes, counting its
     * state: what decides whether an update is unrolled.
     */
    abstract int weight();

    /**
     * Into {@code trainBatch} (arguments: data, order, from, to, rate, decay), before the update:
     * computes the step's scalars into new locals and returns them. A rule with one scalar and no
     * counters computes c = -(rate / (to - from)) in place; the others call
     * {@code CompiledNetwork.beginStep(rate, to - from)}, which advances their counters. Stack unchanged.
     */
    int[] emitScalars(MethodEmitter m) {
        GeneratorAdapter g = m.g;
        g.loadThis();
        g.loadArg(4);
        g.loadArg(3);
        g.loadArg(2);
        g.math(GeneratorAdapter.SUB, INT);
        m.invokeOwn("double[] beginStep(double, int)");
        int step = m.storeNew("step", DOUBLES);
        String[] names = scalarNames();
        int[] locals = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            m.loadElement(step, Index.constant(k), DOUBLE);
            locals[k] = m.storeNew(names[k], DOUBLE);
        }
        return locals;
    }

    /**
     * Updates parameter {@code p_i} from its gradient sum {@code g_i} and the state slots'
     * {@code state[s]_i}; {@code scalars[k]} pushes the step's scalar k, {@code pushDecay} the weight
     * decay, or is null when there is none (biases, or a decay of exactly 1.0). Stack unchanged.
     */
    abstract void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable[] scalars, Runnable pushDecay);

    /** Pushes {@code [decay ·] p_i}. Stack: ... -&gt; ..., value. */
    static void pushDecayed(MethodEmitter m, Vec p, Index i, Runnable pushDecay) {
        if (pushDecay != null) {
            pushDecay.run();
            p.push(i);
            m.g.math(GeneratorAdapter.MUL, DOUBLE);
        } else {
            p.push(i);
        }
    }

    /** Pushes scalar · v_i. Stack: ... -&gt; ..., scalar · v_i. */
    static void pushProduct(MethodEmitter m, Runnable scalar, Vec v, Index i) {
        scalar.run();
        v.push(i);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }

    /** Pushes k · v_i with the constant k. Stack: ... -&gt; ..., k · v_i. */
    static void pushScaled(MethodEmitter m, double k, Vec v, Index i) {
        m.g.push(k);
        v.push(i);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }

    /** Pushes g_i · g_i. Stack: ... -&gt; ..., g_i². */
    static void pushSquare(MethodEmitter m, Vec g, Index i) {
        g.push(i);
        g.push(i);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }

    /** Stack: ..., x -&gt; ..., Math.sqrt(x) + epsilon. */
    static void sqrtPlus(MethodEmitter m, double epsilon) {
        m.g.invokeStatic(MATH, SQRT);
        m.g.push(epsilon);
        m.g.math(GeneratorAdapter.ADD, DOUBLE);
    }

    /** The rules whose one scalar is c = -(rate / m), computed in place. */
    abstract static sealed class PlainStep extends RuleEmitter {
        @Override
        String[] scalarNames() {
            return new String[] {"c"};
        }

        /** c = -(rate / (to - from)) into a new local. */
        @Override
        int[] emitScalars(MethodEmitter m) {
            GeneratorAdapter g = m.g;
            g.loadArg(4);
            g.loadArg(3);
            g.loadArg(2);
            g.math(GeneratorAdapter.SUB, INT);
            g.cast(INT, DOUBLE);
            g.math(GeneratorAdapter.DIV, DOUBLE);
            g.math(GeneratorAdapter.NEG, DOUBLE);
            return new int[] {m.storeNew("c", DOUBLE)};
        }
    }

    /** p = decay · p + c · g (p + c · g without decay). */
    static final class Sgd extends PlainStep {
        @Override
        int weight() {
            return 1;
        }

        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable[] scalars, Runnable pushDecay) {
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                pushProduct(m, scalars[0], g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }

    /** v = μ · v + c · g, then p = decay · p + v (p + v without decay). */
    static final class Momentum extends PlainStep {
        private final double mu;

        Momentum(double mu) {
            this.mu = mu;
        }

        @Override
        int weight() {
            return 2;
        }

        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable[] scalars, Runnable pushDecay) {
            Vec v = state[0];
            v.store(i, () -> {
                pushScaled(m, mu, v, i);
                pushProduct(m, scalars[0], g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                v.push(i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }

    /**
     * s = c · g, v = μ · v + s, then p = decay · p + (μ · v + s). The product s is computed twice
     * rather than kept in a local: the same operation on the same values, so the same bits.
     */
    static final class Nesterov extends PlainStep {
        private final double mu;

        Nesterov(double mu) {
            this.mu = mu;
        }

        @Override
        int weight() {
            return 3;
        }

        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable[] scalars, Runnable pushDecay) {
            Vec v = state[0];
            v.store(i, () -> {
                pushScaled(m, mu, v, i);
                pushProduct(m, scalars[0], g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                pushScaled(m, mu, v, i);
                pushProduct(m, scalars[0], g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }

    /** Scalars c and k: v = ρ · v + k · (g · g), then p = decay · p + c · (g / (Math.sqrt(v) + ε)). */
    static final class RmsProp extends RuleEmitter {
        private final double rho;
        private final double epsilon;

        RmsProp(double rho, double epsilon) {
            this.rho = rho;
            this.epsilon = epsilon;
        }

        @Override
        String[] scalarNames() {
            return new String[] {"c", "k"};
        }

        @Override
        int weight() {
            return 3;
        }

        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable[] scalars, Runnable pushDecay) {
            Vec v = state[0];
            v.store(i, () -> {
                pushScaled(m, rho, v, i);
                scalars[1].run();
                pushSquare(m, g, i);
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                scalars[0].run();
                g.push(i);
                v.push(i);
                sqrtPlus(m, epsilon);
                m.g.math(GeneratorAdapter.DIV, DOUBLE);
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }

    /**
     * Scalars c, k1, k2 and b: u = β1 · u + k1 · g, v = β2 · v + k2 · (g · g), then
     * p = decay · p + c · (u / (Math.sqrt(v · b) + ε)).
     */
    static final class Adam extends RuleEmitter {
        private final double beta1;
        private final double beta2;
        private final double epsilon;

        Adam(double beta1, double beta2, double epsilon) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
        }

        @Override
        String[] scalarNames() {
            return new String[] {"c", "k1", "k2", "b"};
        }

        @Override
        int weight() {
            return 5;
        }

        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable[] scalars, Runnable pushDecay) {
            Vec u = state[0];
            Vec v = state[1];
            u.store(i, () -> {
                pushScaled(m, beta1, u, i);
                pushProduct(m, scalars[1], g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
            v.store(i, () -> {
                pushScaled(m, beta2, v, i);
                scalars[2].run();
                pushSquare(m, g, i);
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                scalars[0].run();
                u.push(i);
                v.push(i);
                scalars[3].run();
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
                sqrtPlus(m, epsilon);
                m.g.math(GeneratorAdapter.DIV, DOUBLE);
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }
}
