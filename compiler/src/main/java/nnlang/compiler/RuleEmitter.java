package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;

import nnlang.runtime.UpdateRule;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Emits an optimizer's update of one parameter: exactly the arithmetic, in the same order, of its
 * {@link UpdateRule}, which the interpreter and {@code CompiledNetwork.applyGradient} run over arrays.
 * One subclass per rule; {@link UpdateEmitter} runs it over every weight and bias.
 */
abstract sealed class RuleEmitter {

    /** The emitter of {@code rule}. */
    static RuleEmitter of(UpdateRule rule) {
        if (rule instanceof UpdateRule.Sgd) {
            return new Sgd();
        }
        if (rule instanceof UpdateRule.Momentum momentum) {
            return new Momentum(momentum.mu());
        }
        throw new IllegalArgumentException("no emitter for update rule " + rule.describe());
    }

    /**
     * Updates parameter {@code p_i} from its gradient sum {@code g_i} and the state slots'
     * {@code state[s]_i}; {@code pushC} pushes c = -(rate / m), {@code pushDecay} the weight decay, or is
     * null when there is none (biases, or a decay of exactly 1.0). Stack unchanged.
     */
    abstract void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable pushC, Runnable pushDecay);

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

    /** Pushes c · g_i. Stack: ... -&gt; ..., c · g_i. */
    static void pushStep(MethodEmitter m, Runnable pushC, Vec g, Index i) {
        pushC.run();
        g.push(i);
        m.g.math(GeneratorAdapter.MUL, DOUBLE);
    }

    /** p = decay · p + c · g (p + c · g without decay). */
    static final class Sgd extends RuleEmitter {
        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable pushC, Runnable pushDecay) {
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                pushStep(m, pushC, g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }

    /** v = μ · v + c · g, then p = decay · p + v (p + v without decay). */
    static final class Momentum extends RuleEmitter {
        private final double mu;

        Momentum(double mu) {
            this.mu = mu;
        }

        @Override
        void emit(MethodEmitter m, Vec p, Vec g, Vec[] state, Index i, Runnable pushC, Runnable pushDecay) {
            Vec v = state[0];
            v.store(i, () -> {
                m.g.push(mu);
                v.push(i);
                m.g.math(GeneratorAdapter.MUL, DOUBLE);
                pushStep(m, pushC, g, i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
            p.store(i, () -> {
                pushDecayed(m, p, i, pushDecay);
                v.push(i);
                m.g.math(GeneratorAdapter.ADD, DOUBLE);
            });
        }
    }
}
