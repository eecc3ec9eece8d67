package nnlang.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nnlang.model.Activation;
import nnlang.model.NetworkModel;
import nnlang.runtime.Initializer;
import nnlang.runtime.Network;
import nnlang.runtime.Samples;
import nnlang.testing.ArraySamples;
import nnlang.testing.Formulas;
import nnlang.testing.MiniBatches;
import nnlang.testing.RandomNetworks;
import nnlang.testing.TotalCost;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code gradient} is the derivative of the summed cost: compared with central finite
 * differences D(h) = (C(θ + h) - C(θ - h)) / 2h, Richardson-extrapolated to (4 D(h/2) - D(h)) / 3
 * (truncation error O(h⁴) instead of O(h²); deep random networks have large third derivatives),
 * h = 1e-3, on random networks of smooth activations (relu's
 * kink and step's zero slope make finite differences meaningless at some points).
 */
class CompiledGradientCheckTest {
    private static final double H = 1e-3;
    /**
     * All but one of the 80 networks stay below 5e-7; the worst, a linear layer feeding saturated
     * sigmoid outputs under cross-entropy (summed cost 172 over 12 samples), reaches 2.5e-6, where the
     * cost's higher derivatives are large and no single h is exact.
     */
    private static final double TOLERANCE = 1e-5;
    /**
     * The smallest denominator of the relative error. The difference quotient carries a rounding
     * error of about 1e-16 · C / h ≈ 1e-11 for costs of order 1, so for gradient components below
     * 1e-4 the relative error measures that noise, not the gradient; there the check is absolute.
     */
    private static final double FLOOR = 1e-4;

    @Test
    void compiledGradientMatchesCentralFiniteDifferencesOnRandomNetworks() {
        Set<Activation> smooth = new LinkedHashSet<>(List.of(Activation.SIGMOID, Activation.TANH, Activation.LINEAR,
                Activation.SOFTMAX, Formulas.SWISH, Formulas.SCALED, Formulas.MIXED));
        double worst = 0.0;
        for (long seed = 0; seed < 80; seed++) {
            NetworkModel model = RandomNetworks.network(seed, smooth);
            for (CompilerOptions shape : new CompilerOptions[] {CodeShapes.DEFAULT, CodeShapes.LOOPS}) {
                double e = maxRelativeError(model, shape);
                worst = Math.max(worst, e);
            }
        }
        System.out.println("gradient check: max relative error " + worst);
        assertTrue(worst < TOLERANCE, "max relative error " + worst);
    }

    /** max over parameters of |g - fd| / max(|g| + |fd|, FLOOR), for the whole data set as one batch. */
    private static double maxRelativeError(NetworkModel model, CompilerOptions shape) {
        Network net = NetworkCompiler.load(model, shape);
        Samples data = ArraySamples.of(model);
        double[] theta = Initializer.initialParameters(model);
        net.setParameters(theta);
        double[] g = new double[theta.length];
        net.gradient(data, MiniBatches.inOrder(data.size()), 0, data.size(), g);
        double worst = 0.0;
        for (int p = 0; p < theta.length; p++) {
            double fd = (4 * centralDifference(net, theta, p, H / 2, model, data)
                    - centralDifference(net, theta, p, H, model, data)) / 3;
            worst = Math.max(worst, Math.abs(g[p] - fd) / Math.max(Math.abs(g[p]) + Math.abs(fd), FLOOR));
        }
        return worst;
    }

    /** (C(θ + h e_p) - C(θ - h e_p)) / 2h; leaves θ as it was. */
    private static double centralDifference(Network net, double[] theta, int p, double h, NetworkModel model,
            Samples data) {
        double saved = theta[p];
        theta[p] = saved + h;
        double up = TotalCost.of(net, theta, model, data);
        theta[p] = saved - h;
        double down = TotalCost.of(net, theta, model, data);
        theta[p] = saved;
        return (up - down) / (2 * h);
    }
}
