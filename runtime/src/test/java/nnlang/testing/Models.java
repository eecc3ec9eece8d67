package nnlang.testing;

import java.util.Optional;
import java.util.Random;
import nnlang.model.NetworkModel;
import nnlang.model.Optimizer;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/** Variations of a test model's train block. */
public final class Models {
    private Models() {}

    /** The model with its train block's optimizer replaced. */
    public static NetworkModel withOptimizer(NetworkModel m, Optimizer optimizer) {
        TrainSpec t = m.train().orElseThrow();
        return withTrain(m, new TrainSpec(t.data(), t.cost(), optimizer, t.schedule(), t.epochs(), t.init(), t.seed(),
                t.reportEvery(), t.expect(), t.pos()));
    }

    /** The model with another train block. */
    public static NetworkModel withTrain(NetworkModel m, TrainSpec train) {
        return new NetworkModel(m.name(), m.sourceFile(), m.inputs(), m.nodes(), m.output(), Optional.of(train),
                m.pos());
    }

    /** The model trained with momentum of its optimizer's rate, batch and l2, μ drawn from {@code seed} in [0, 0.95). */
    public static NetworkModel withMomentum(NetworkModel m, long seed) {
        Optimizer o = m.train().orElseThrow().optimizer();
        double mu = new Random(seed).nextDouble() * 0.95;
        return withOptimizer(m, new Optimizer.Momentum(o.rate(), o.batch(), mu, o.l2(), o.pos()));
    }

    /** The same kind of optimizer with another L2 weight decay. */
    public static Optimizer withL2(Optimizer o, double l2) {
        if (o instanceof Optimizer.Momentum m) {
            return new Optimizer.Momentum(m.rate(), m.batch(), m.mu(), l2, m.pos());
        }
        return new Optimizer.Sgd(o.rate(), o.batch(), l2, o.pos());
    }

    /** A momentum optimizer for {@link #withOptimizer}. */
    public static Optimizer momentum(double rate, int batch, double mu, double l2) {
        return new Optimizer.Momentum(rate, batch, mu, l2, SourcePos.NONE);
    }
}
