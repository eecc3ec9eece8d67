package nnlang.frontend.check;

import java.util.Optional;
import nnlang.frontend.Reporter;
import nnlang.model.FormulaActivation;

/**
 * Checks a formula activation's derived derivative against central differences of its formula, in
 * double, at a spread of points: f'(z) must be within {@link #TOLERANCE} of (f(z + h) − f(z − h)) / 2h
 * relative to max(1, |f'(z)|), with h = 1e-6 · max(1, |z|). Points where f or f' is not finite (log or
 * sqrt of a negative number) are skipped, and so are kinks: points where the one-sided differences
 * disagree, since no derivative is defined there. A disagreement is a fault in the differentiator.
 */
final class DerivativeCheck {
    /** The points: both signs, near zero and in the saturating ranges, none a round number. */
    static final double[] POINTS = {-7.3, -4.1, -2.35, -1.3, -0.77, -0.31, -0.045, 0.02, 0.26, 0.69, 1.15, 1.9,
        3.2, 5.6, 8.7};
    /** Relative tolerance. */
    static final double TOLERANCE = 1e-6;

    private DerivativeCheck() {}

    /** Reports {@code derivative-check} at the definition of {@code f} when its derivative is wrong. */
    static void report(FormulaActivation f, Reporter reporter) {
        check(f).ifPresent(problem -> reporter.error("derivative-check", f.pos(), "the derivative derived for "
                + f.name() + " disagrees with central differences: " + problem,
                "this is a fault in nnlang's differentiator, not in the file; please report it"));
    }

    /** A description of the first point where the derivative is wrong, or empty. */
    static Optional<String> check(FormulaActivation f) {
        for (double z : POINTS) {
            double h = 1e-6 * Math.max(1.0, Math.abs(z));
            double a = f.apply(z);
            double derived = f.derivative(z, a);
            double above = f.apply(z + h);
            double below = f.apply(z - h);
            if (!Double.isFinite(a) || !Double.isFinite(derived) || !Double.isFinite(above) || !Double.isFinite(below)) {
                continue;
            }
            double left = (a - below) / h;
            double right = (above - a) / h;
            double scale = Math.max(1.0, Math.max(Math.abs(left), Math.abs(right)));
            if (Math.abs(left - right) > 1e-3 * scale) {
                continue;
            }
            double numeric = (above - below) / (2 * h);
            if (Math.abs(derived - numeric) > TOLERANCE * Math.max(1.0, Math.abs(derived))) {
                return Optional.of("at z = " + z + " it gives " + derived + ", the differences " + numeric);
            }
        }
        return Optional.empty();
    }
}
