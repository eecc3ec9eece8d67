package nnlang.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Optimizer;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;

/** Variations of a test model's train block. */
public final class Models {
    private Models() {}

    /** The model with its train block's optimizer replaced. */
    public static NetworkModel withOptimizer(NetworkModel m, Optimizer optimizer) {
        TrainSpec t = m.train().orElseThrow();
        return withTrain(m, new TrainSpec(t.data(), t.cost(), optimizer, t.schedule(), t.epochs(), t.init(), t.seed(),
                t.reportEvery(), t.expect(), t.heldOut(), t.layers(), t.stop(), t.keepBest(), t.pos()));
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

    /** The optimizers beyond SGD and momentum, by index: nesterov, rmsprop, adam, adamw. */
    public static final int TOOLBOX_OPTIMIZERS = 4;

    /**
     * The model trained with the {@code kind}-th optimizer of {@link #TOOLBOX_OPTIMIZERS} at its
     * optimizer's batch, with hyper-parameters drawn from {@code seed}: Nesterov (μ in [0, 0.95), its
     * l2), RMSProp (ρ in [0.5, 1), ε from 1e-8 to 1e-2), Adam and AdamW (β1 in [0.5, 1), β2 in
     * [0.9, 1), ε as RMSProp's, AdamW's decay λ in [0, 0.5)); the adaptive ones at a tenth of its rate.
     */
    public static NetworkModel withToolboxOptimizer(NetworkModel m, int kind, long seed) {
        Optimizer o = m.train().orElseThrow().optimizer();
        Random random = new Random(seed * 31 + kind);
        double epsilon = Math.pow(10, -8 + 6 * random.nextDouble());
        double rate = o.rate() / 10;
        return withOptimizer(m, switch (kind) {
            case 0 -> new Optimizer.Nesterov(o.rate(), o.batch(), random.nextDouble() * 0.95, o.l2(), o.pos());
            case 1 -> new Optimizer.RmsProp(rate, o.batch(), 0.5 + random.nextDouble() / 2, epsilon, o.pos());
            case 2 -> new Optimizer.Adam(rate, o.batch(), 0.5 + random.nextDouble() / 2, 0.9 + random.nextDouble() / 10,
                    epsilon, false, 0.0, o.pos());
            default -> new Optimizer.Adam(rate, o.batch(), 0.5 + random.nextDouble() / 2,
                    0.9 + random.nextDouble() / 10, epsilon, true, random.nextDouble() / 2, o.pos());
        });
    }

    /** The same kind of optimizer with another weight decay: l2 for SGD and both momenta, AdamW's λ for Adam. */
    public static Optimizer withL2(Optimizer o, double l2) {
        if (o instanceof Optimizer.Momentum m) {
            return new Optimizer.Momentum(m.rate(), m.batch(), m.mu(), l2, m.pos());
        }
        if (o instanceof Optimizer.Nesterov n) {
            return new Optimizer.Nesterov(n.rate(), n.batch(), n.mu(), l2, n.pos());
        }
        if (o instanceof Optimizer.RmsProp) {
            return o;
        }
        if (o instanceof Optimizer.Adam a) {
            return new Optimizer.Adam(a.rate(), a.batch(), a.beta1(), a.beta2(), a.epsilon(), a.decoupled() || l2 > 0,
                    l2, a.pos());
        }
        return new Optimizer.Sgd(o.rate(), o.batch(), l2, o.pos());
    }

    /** A momentum optimizer for {@link #withOptimizer}. */
    public static Optimizer momentum(double rate, int batch, double mu, double l2) {
        return new Optimizer.Momentum(rate, batch, mu, l2, SourcePos.NONE);
    }

    /**
     * The model with layer settings drawn from {@code seed}: each node that holds no output element
     * drops out at a rate in [0.1, 0.7) with probability {@code dropout}, and each node has an
     * initialisation of its own (gaussian, xavier or he, normal or uniform, or uniform(a, b)) with
     * probability one half.
     */
    public static NetworkModel withLayerSettings(NetworkModel m, long seed, double dropout) {
        TrainSpec t = m.train().orElseThrow();
        Random random = new Random(seed * 17 + 5);
        Map<Integer, TrainSpec.LayerTraining> layers = new HashMap<>();
        for (Node node : m.nodes()) {
            boolean output = m.output().sources().stream().map(Source::node).anyMatch(n -> n == node.index());
            double rate = !output && random.nextDouble() < dropout ? 0.1 + 0.6 * random.nextDouble() : 0.0;
            Optional<Init> init = random.nextBoolean() ? Optional.of(init(random)) : Optional.empty();
            if (rate > 0.0 || init.isPresent()) {
                layers.put(node.index(), new TrainSpec.LayerTraining(init, rate, SourcePos.NONE));
            }
        }
        return withTrain(m, new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), t.epochs(), t.init(),
                t.seed(), t.reportEvery(), t.expect(), t.heldOut(), layers, t.stop(), t.keepBest(), t.pos()));
    }

    /** The model with node {@code node} dropping out at {@code rate}, and no other layer settings. */
    public static NetworkModel withDropout(NetworkModel m, int node, double rate) {
        TrainSpec t = m.train().orElseThrow();
        return withTrain(m, new TrainSpec(t.data(), t.cost(), t.optimizer(), t.schedule(), t.epochs(), t.init(),
                t.seed(), t.reportEvery(), t.expect(), t.heldOut(),
                Map.of(node, new TrainSpec.LayerTraining(Optional.empty(), rate, SourcePos.NONE)), t.stop(),
                t.keepBest(), t.pos()));
    }

    /** One of the initialisations, drawn from {@code random}. */
    public static Init init(Random random) {
        List<Init.Distribution> both = List.of(Init.Distribution.values());
        Init.Distribution d = both.get(random.nextInt(both.size()));
        return switch (random.nextInt(4)) {
            case 0 -> new Init.Xavier(d, SourcePos.NONE);
            case 1 -> new Init.He(d, SourcePos.NONE);
            case 2 -> new Init.Uniform(-0.5 - random.nextDouble(), random.nextDouble(), SourcePos.NONE);
            default -> new Init.Gaussian(0.1, 0.5 + random.nextDouble(), random.nextBoolean(), SourcePos.NONE);
        };
    }

    /** Whether some node of the model drops out. */
    public static boolean dropsOut(NetworkModel m) {
        return m.train().orElseThrow().dropsOut();
    }
}
