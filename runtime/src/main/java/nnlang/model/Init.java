package nnlang.model;

/**
 * How parameters without a value in the source are initialised, for a whole network or one layer.
 * Values are drawn from one {@code java.util.Random(seed)} in parameter order ({@link NetworkModel}),
 * one draw per parameter, of the kind its initialisation draws ({@code nextGaussian()} for a normal
 * distribution, {@code nextDouble()} for a uniform one): a preset parameter still consumes its draw,
 * and so does a bias that starts at 0.0, so that giving one weight a value, or one layer another
 * initialisation, does not change the others' draws. How each value follows from its draw is
 * {@code nnlang.runtime.Initializer}'s.
 */
public sealed interface Init {

    /** The keyword of the language ({@code gaussian}, {@code xavier}, {@code he}, {@code uniform}). */
    String keyword();

    SourcePos pos();

    /** A normal or a uniform distribution of {@link Xavier} and {@link He}. */
    enum Distribution {
        NORMAL("normal"),
        UNIFORM("uniform");

        private final String keyword;

        Distribution(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /**
     * Weights and biases from N(mean, sd²); with {@code scaled}, each weight's standard deviation is
     * divided by √fanIn of its node (biases keep sd).
     */
    record Gaussian(double mean, double sd, boolean scaled, SourcePos pos) implements Init {
        public static final String KEYWORD = "gaussian";

        @Override
        public String keyword() {
            return KEYWORD;
        }
    }

    /**
     * Glorot and Bengio's: weights from N(0, 2/(fanIn + fanOut)) or U(−√(6/(fanIn + fanOut)),
     * +√(6/(fanIn + fanOut))), biases 0.0.
     */
    record Xavier(Distribution distribution, SourcePos pos) implements Init {
        public static final String KEYWORD = "xavier";

        @Override
        public String keyword() {
            return KEYWORD;
        }
    }

    /** He et al.'s, for relu layers: weights from N(0, 2/fanIn) or U(−√(6/fanIn), +√(6/fanIn)), biases 0.0. */
    record He(Distribution distribution, SourcePos pos) implements Init {
        public static final String KEYWORD = "he";

        @Override
        public String keyword() {
            return KEYWORD;
        }
    }

    /** Weights and biases from U(low, high), low &lt; high. */
    record Uniform(double low, double high, SourcePos pos) implements Init {
        public static final String KEYWORD = "uniform";

        @Override
        public String keyword() {
            return KEYWORD;
        }
    }
}
