package nnlang.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.runtime.Network;

/**
 * A back end's {@code gradient} against central finite differences of the summed cost, for every
 * parameter p of random networks: every differentiable activation, both costs, the whole table of 3
 * to 12 samples as one batch.
 *
 * <p>The difference quotient is central and Richardson-extrapolated: with D(h) = (C(θ + h·e_p) -
 * C(θ - h·e_p)) / 2h and h = 1e-3, the estimate (4·D(h/2) - D(h)) / 3 has truncation error O(h⁴),
 * while its rounding error stays near 1e-16·|C|/h. (A plain D(h) was measured at a worst error of
 * 7e-6 for h = 1e-5, where rounding dominates, and 2.6e-6 for h = 1e-4, where truncation does.)
 *
 * <p>The error of parameter p is |g_p - d_p| / max(|g_p|, |d_p|, 1e-4): relative where the gradient
 * is larger than 1e-4, absolute below it. Two kinds of parameter are left out and counted:
 * <ul>
 *   <li>relu kinks: a parameter whose change by ±h or ±h/2 moves any relu pre-activation of any
 *       sample across 0, where the derivative jumps;
 *   <li>saturated cross-entropy: a network with a cross-entropy output within 1e-6 of 0 or 1 on
 *       some sample. There a = σ(z) itself is rounded to a relative error of about 1e-16 / (1 - a),
 *       so the cost computed from a is too noisy to difference (the fused gradient a - y is fine).
 * </ul>
 */
public final class GradientCheck {
    /** The largest error a correct gradient shows here. */
    public static final double TOLERANCE = 1e-6;
    private static final double H = 1e-3;
    private static final double FLOOR = 1e-4;
    private static final double SATURATED = 1e-6;

    private GradientCheck() {}

    /** What a run found: the worst error and where, and how many parameters it checked and skipped. */
    public record Result(double worst, String worstAt, int checked, int atKinks, int saturated,
            Set<Activation> activations) {
        @Override
        public String toString() {
            return String.format("%d parameters checked, %d skipped at relu kinks, %d networks saturated,"
                    + " max error %.3g (%s)", checked, atKinks, saturated, worst, worstAt);
        }
    }

    /** The check on the first {@code networks} random networks of differentiable activations, each built by {@code create}. */
    public static Result run(Function<NetworkModel, Network> create, int networks) {
        Result result = run(create, networks, seed -> RandomNetworks.network(seed, RandomNetworks.DIFFERENTIABLE));
        if (networks >= 100 && !result.activations.containsAll(RandomNetworks.DIFFERENTIABLE)) {
            throw new AssertionError("activations covered: " + result.activations);
        }
        return result;
    }

    /** The check on the networks {@code generator} gives for seeds 0 to {@code networks} - 1. */
    public static Result run(Function<NetworkModel, Network> create, int networks,
            java.util.function.LongFunction<NetworkModel> generator) {
        double worst = 0.0;
        String worstAt = "";
        int checked = 0;
        int atKinks = 0;
        int saturated = 0;
        Set<Activation> activations = new HashSet<>();
        for (long seed = 0; seed < networks; seed++) {
            NetworkModel model = generator.apply(seed);
            ArraySamples data = RandomNetworks.samples(model);
            Network network = create.apply(model);
            network.setParameters(nnlang.runtime.Initializer.initialParameters(model));
            if (isSaturatedCrossEntropy(network, model, data)) {
                saturated++;
                continue;
            }
            double[] theta = network.parameters();
            double[] gradient = new double[theta.length];
            network.gradient(data, MiniBatches.inOrder(data.size()), 0, data.size(), gradient);
            ReferenceNetwork kinks = new ReferenceNetwork(model);
            for (int p = 0; p < theta.length; p++) {
                double saved = theta[p];
                double[] shifted = new double[4];
                Set<List<Integer>> signs = new HashSet<>();
                double[] steps = {H, -H, H / 2, -H / 2};
                for (int i = 0; i < steps.length; i++) {
                    theta[p] = saved + steps[i];
                    shifted[i] = TotalCost.of(network, theta, model, data);
                    signs.add(reluSigns(kinks, theta, model, data));
                }
                theta[p] = saved;
                if (signs.size() > 1) {
                    atKinks++;
                    continue;
                }
                double wide = (shifted[0] - shifted[1]) / (2 * H);
                double narrow = (shifted[2] - shifted[3]) / H;
                double difference = (4 * narrow - wide) / 3;
                double error = Math.abs(gradient[p] - difference)
                        / Math.max(FLOOR, Math.max(Math.abs(gradient[p]), Math.abs(difference)));
                checked++;
                if (error > worst) {
                    worst = error;
                    worstAt = model.name() + " parameter " + p + ": gradient " + gradient[p] + ", difference "
                            + difference;
                }
            }
            model.nodes().forEach(n -> activations.add(n.activation()));
        }
        return new Result(worst, worstAt, checked, atKinks, saturated, Set.copyOf(activations));
    }

    /**
     * The same check on the first {@code networks} random networks without relu (whose kinks the
     * masks would hide), every node that holds no output dropping out: the gradient and the costs
     * are {@code gradient}'s, each computed from the same optimizer state, so with the same masks.
     */
    public static Result runWithDropout(Function<NetworkModel, Network> create, int networks) {
        Set<Activation> smooth = new java.util.LinkedHashSet<>(RandomNetworks.DIFFERENTIABLE);
        smooth.remove(Activation.RELU);
        double worst = 0.0;
        String worstAt = "";
        int checked = 0;
        int saturated = 0;
        for (long seed = 0; seed < networks; seed++) {
            NetworkModel model = Models.withLayerSettings(RandomNetworks.network(seed, smooth), seed, 1.0);
            if (!model.train().orElseThrow().dropsOut()) {
                continue;
            }
            ArraySamples data = RandomNetworks.samples(model);
            Network network = create.apply(model);
            network.setParameters(nnlang.runtime.Initializer.initialParameters(model));
            if (isSaturatedCrossEntropy(network, model, data)) {
                saturated++;
                continue;
            }
            double[] start = new double[network.optimizerStateSize()];
            network.getOptimizerState(start);
            int[] order = MiniBatches.inOrder(data.size());
            double[] theta = network.parameters();
            double[] gradient = new double[theta.length];
            double[] scratch = new double[theta.length];
            network.gradient(data, order, 0, data.size(), gradient);
            for (int p = 0; p < theta.length; p++) {
                double saved = theta[p];
                double[] shifted = new double[4];
                double[] steps = {H, -H, H / 2, -H / 2};
                for (int i = 0; i < steps.length; i++) {
                    theta[p] = saved + steps[i];
                    network.setParameters(theta);
                    network.setOptimizerState(start);
                    shifted[i] = network.gradient(data, order, 0, data.size(), scratch);
                }
                theta[p] = saved;
                double difference = (4 * ((shifted[2] - shifted[3]) / H) - (shifted[0] - shifted[1]) / (2 * H)) / 3;
                double error = Math.abs(gradient[p] - difference)
                        / Math.max(FLOOR, Math.max(Math.abs(gradient[p]), Math.abs(difference)));
                checked++;
                if (error > worst) {
                    worst = error;
                    worstAt = model.name() + " parameter " + p + ": gradient " + gradient[p] + ", difference "
                            + difference;
                }
            }
        }
        return new Result(worst, worstAt, checked, 0, saturated, Set.of());
    }

    private static boolean isSaturatedCrossEntropy(Network network, NetworkModel model, ArraySamples data) {
        if (model.train().orElseThrow().cost() != Cost.CROSS_ENTROPY) {
            return false;
        }
        double[] x = new double[data.inputSize()];
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            for (double a : network.predict(x)) {
                if (a < SATURATED || 1 - a < SATURATED) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether each relu pre-activation is positive, for every sample and relu node in order, and which
     * element each maxpool window chooses: the branches of the computation whose change is a kink.
     */
    private static List<Integer> reluSigns(ReferenceNetwork reference, double[] theta, NetworkModel model,
            ArraySamples data) {
        reference.setParameters(theta);
        List<Integer> positive = new ArrayList<>();
        double[] x = new double[data.inputSize()];
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            double[][] z = reference.preActivations(x);
            for (Node node : model.nodes()) {
                if (node.activation() == Activation.RELU) {
                    for (double v : z[node.index()]) {
                        positive.add(v > 0.0 ? 1 : 0);
                    }
                }
            }
            positive.addAll(reference.maxpoolChoices(x));
        }
        return positive;
    }
}
