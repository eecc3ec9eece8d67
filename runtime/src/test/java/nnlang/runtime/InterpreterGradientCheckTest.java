package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.testing.ArraySamples;
import nnlang.testing.MiniBatches;
import nnlang.testing.RandomNetworks;
import nnlang.testing.ReferenceNetwork;
import nnlang.testing.TotalCost;
import org.junit.jupiter.api.Test;

/**
 * {@link Interpreter#gradient} against central finite differences of the summed cost for every
 * parameter p of 200 random networks: every differentiable activation, both costs, the whole table
 * of 3 to 12 samples as one batch.
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
class InterpreterGradientCheckTest {

    private static final int NETWORKS = 200;
    private static final double H = 1e-3;
    private static final double FLOOR = 1e-4;
    private static final double TOLERANCE = 1e-6;
    private static final double SATURATED = 1e-6;

    @Test
    void gradientsMatchCentralFiniteDifferencesOnRandomNetworks() {
        double worst = 0.0;
        String worstAt = "";
        int checked = 0;
        int atKinks = 0;
        int saturated = 0;
        Set<Activation> activations = new HashSet<>();
        Set<Cost> costs = EnumSet.noneOf(Cost.class);
        for (long seed = 0; seed < NETWORKS; seed++) {
            NetworkModel model = RandomNetworks.network(seed, RandomNetworks.DIFFERENTIABLE);
            ArraySamples data = RandomNetworks.samples(model);
            Interpreter interpreter = new Interpreter(model);
            if (isSaturatedCrossEntropy(interpreter, model, data)) {
                saturated++;
                continue;
            }
            double[] theta = interpreter.parameters();
            double[] gradient = new double[theta.length];
            interpreter.gradient(data, MiniBatches.inOrder(data.size()), 0, data.size(), gradient);
            ReferenceNetwork kinks = new ReferenceNetwork(model);
            for (int p = 0; p < theta.length; p++) {
                double saved = theta[p];
                double[] shifted = new double[4];
                Set<List<Boolean>> signs = new HashSet<>();
                double[] steps = {H, -H, H / 2, -H / 2};
                for (int i = 0; i < steps.length; i++) {
                    theta[p] = saved + steps[i];
                    shifted[i] = TotalCost.of(interpreter, theta, model, data);
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
                    worstAt = model.name() + " parameter " + p + ": gradient " + gradient[p] + ", difference " + difference;
                }
            }
            costs.add(model.train().orElseThrow().cost());
            model.nodes().forEach(n -> activations.add(n.activation()));
        }
        System.out.printf("gradient check: %d parameters checked, %d skipped at relu kinks, %d of %d networks"
                + " saturated, max error %.3g (%s)%n", checked, atKinks, saturated, NETWORKS, worst, worstAt);
        assertTrue(worst < TOLERANCE, "max error " + worst + " at " + worstAt);
        assertTrue(atKinks * 100 < checked, atKinks + " of " + checked + " parameters skipped at relu kinks");
        assertTrue(saturated * 10 < NETWORKS, saturated + " saturated networks skipped");
        assertTrue(activations.containsAll(RandomNetworks.DIFFERENTIABLE), "activations covered: " + activations);
        assertTrue(costs.containsAll(EnumSet.allOf(Cost.class)), "costs covered: " + costs);
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


    /** Whether each relu pre-activation is positive, for every sample and relu node in order. */
    private static List<Boolean> reluSigns(ReferenceNetwork reference, double[] theta, NetworkModel model,
            ArraySamples data) {
        reference.setParameters(theta);
        List<Boolean> positive = new ArrayList<>();
        double[] x = new double[data.inputSize()];
        for (int s = 0; s < data.size(); s++) {
            data.input(s, x);
            double[][] z = reference.preActivations(x);
            for (Node node : model.nodes()) {
                if (node.activation() == Activation.RELU) {
                    for (double v : z[node.index()]) {
                        positive.add(v > 0.0);
                    }
                }
            }
        }
        return positive;
    }
}
