package org.example.app;

import nnlang.runtime.Network;
import org.example.Quadrant;
import org.example.Xor;

/** Application code that uses the generated networks through their facades. */
public final class Advisor {

    /** Decides exclusive or. */
    private final Xor xor = Xor.trained();

    /** Names the quadrant of a point. */
    private final Quadrant quadrant = Quadrant.trained();

    /** An advisor with the networks the build trained. */
    public Advisor() {}

    /**
     * Whether exactly one of the two is set, as the trained Xor decides it.
     *
     * @param a the first bit
     * @param b the second bit
     * @return the decision
     */
    public boolean exactlyOne(boolean a, boolean b) {
        double[] y = xor.predict(a ? 1 : 0, b ? 1 : 0);
        return y[0] > 0.5;
    }

    /**
     * The quadrant of a point, by name.
     *
     * @param x the abscissa
     * @param y the ordinate
     * @return one of the classifier's labels
     */
    public String quadrantOf(double x, double y) {
        return quadrant.classify(x, y);
    }

    /**
     * The Xor network as any other {@link Network}.
     *
     * @return the network
     */
    public Network xorNetwork() {
        return xor;
    }
}
