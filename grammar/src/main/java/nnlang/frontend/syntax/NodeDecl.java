package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import nnlang.model.SourcePos;

/**
 * A {@code neuron}, {@code layer} (dense or image) or {@code part} declaration: what a network
 * declares besides its inputs, each in the one name table, in declaration order.
 */
public sealed interface NodeDecl {

    Name name();

    SourcePos pos();

    /** {@code [fixed] neuron NAME = ACT(arg, ...)}; ACT is an activation keyword or {@code perceptron}. */
    record Neuron(Name name, Name activation, List<NeuronArg> args, boolean fixed, SourcePos pos) implements NodeDecl {
        public Neuron {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code [fixed] layer NAME = dense(SIZE, ACT)}, optionally {@code from SRC, ...} (empty means the
     * default source), {@code weights [[...], ...]} (one row per neuron) and {@code bias [...]}; then
     * what it says about its own training ({@code init ...}, {@code dropout r}), in source order.
     */
    record Layer(Name name, Formula size, Name activation, List<SourceRef> from, Optional<LayerWeights> weights,
                 Optional<Values> biases, boolean fixed, List<LayerOption> options, SourcePos pos) implements NodeDecl {
        public Layer {
            from = List.copyOf(from);
            options = List.copyOf(options);
        }
    }

    /** What a layer statement says about the layer's training. */
    sealed interface LayerOption {

        /** The option's keyword ({@code init}, {@code dropout}). */
        String keyword();

        SourcePos pos();

        /** {@code init INITIALIZER}. */
        record Init(TrainBlock.Initializer initializer, SourcePos pos) implements LayerOption {
            @java.lang.Override
            public String keyword() {
                return "init";
            }
        }

        /** {@code dropout RATE}. */
        record Dropout(Formula rate, SourcePos pos) implements LayerOption {
            @java.lang.Override
            public String keyword() {
                return "dropout";
            }
        }
    }

    /**
     * {@code [fixed | trainable] part NAME = NETWORK(arg, ...) [with NAME = VALUE, ...]}: another
     * network used as a part of this one.
     */
    record Part(Name name, Name network, List<PartArg> args, List<Override> overrides, Mark mark, SourcePos pos)
            implements NodeDecl {
        public Part {
            args = List.copyOf(args);
            overrides = List.copyOf(overrides);
        }
    }

    /** What a part says about training its parameters. */
    enum Mark {
        /** Nothing: the part is fixed exactly when its network has a train block. */
        NONE,
        /** {@code fixed part}: training never changes it. */
        FIXED,
        /** {@code trainable part}: a trained network's parameters are trained further. */
        TRAINABLE
    }

    /** One input of a part's network, bound in order or by name ({@code x1: a}). */
    record PartArg(Optional<Name> input, SourceRef source, SourcePos pos) {}

    /** {@code NAME = VALUE} after {@code with}: a constant of the part's network set for this part. */
    record Override(Name name, Formula value, SourcePos pos) {}

    /** {@code weights [[...], ...]}: one row per neuron, in order. */
    record LayerWeights(List<Values> rows, SourcePos pos) {
        public LayerWeights {
            rows = List.copyOf(rows);
        }
    }

    /** {@code [v0, v1, ...]}. */
    record Values(List<Formula> values, SourcePos pos) {
        public Values {
            values = List.copyOf(values);
        }
    }

    /**
     * {@code layer NAME = conv(20, 5 x 5, relu, stride: 2, padding: same)}, {@code maxpool(2 x 2)} or
     * {@code avgpool(...)}, optionally {@code from SRC, ...}: a layer that reads and gives an image. Its
     * arguments are kept as written; the front end checks which go where.
     *
     * @param kind {@code conv}, {@code maxpool} or {@code avgpool}
     */
    record ImageLayer(Name name, Name kind, List<LayerArg> args, List<SourceRef> from, SourcePos pos)
            implements NodeDecl {
        public ImageLayer {
            args = List.copyOf(args);
            from = List.copyOf(from);
        }

        /**
         * The activation as written, the third positional argument when it is a word (the first two
         * are a conv's filters, which may be a constant's name, and kernel); a pool, which has no
         * activation to write, has the identity, {@code linear}, at its kind.
         */
        public Name activation() {
            List<LayerValue> positional = args.stream().filter(a -> a.label().isEmpty()).map(LayerArg::value).toList();
            return positional.size() > 2 && positional.get(2) instanceof LayerValue.Word word ? word.word()
                    : new Name("linear", kind.pos());
        }
    }

    /** One argument of an image layer: positional ({@code 20}, {@code 5 x 5}, {@code relu}) or named ({@code stride: 2}). */
    record LayerArg(Optional<Name> label, LayerValue value, SourcePos pos) {}

    /** The value of a {@link LayerArg}. */
    sealed interface LayerValue {

        SourcePos pos();

        /** A number, or a formula of constants: {@code 20}, {@code 2 * k}. */
        record Count(Formula value) implements LayerValue {
            @java.lang.Override
            public SourcePos pos() {
                return value.pos();
            }
        }

        /** Two numbers or formulas: {@code 5 x 5}, {@code k x k}; the separator should be {@code x}. */
        record Extent(Formula rows, Name separator, Formula columns, SourcePos pos) implements LayerValue {}

        /** A word: {@code relu}, {@code same}. */
        record Word(Name word) implements LayerValue {
            @java.lang.Override
            public SourcePos pos() {
                return word.pos();
            }
        }
    }

    /** One argument of a neuron. */
    sealed interface NeuronArg {

        SourcePos pos();

        /** {@code SRC} or {@code SRC: weight}. */
        record Input(SourceRef source, Optional<Weight> weight, SourcePos pos) implements NeuronArg {}

        /** {@code bias: b}, or {@code threshold: t} which means bias -t. */
        record Bias(Formula value, boolean threshold, SourcePos pos) implements NeuronArg {}
    }

    /** A preset weight: one number ({@code x1: -2}) or a list ({@code hidden: [0.1, 0.2]}). */
    record Weight(List<Formula> values, boolean list, SourcePos pos) {
        public Weight {
            values = List.copyOf(values);
        }
    }
}
