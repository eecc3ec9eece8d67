package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import nnlang.model.SourcePos;

/** A {@code neuron} or {@code layer} declaration: a dense layer, a neuron, or an image layer. */
public sealed interface NodeDecl {

    Name name();

    /** The activation as written: an activation keyword or {@code perceptron}. */
    Name activation();

    SourcePos pos();

    /** {@code neuron NAME = ACT(arg, ...)}. */
    record Neuron(Name name, Name activation, List<NeuronArg> args, SourcePos pos) implements NodeDecl {
        public Neuron {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code layer NAME = dense(SIZE, ACT)}, optionally {@code from SRC, ...}; an empty {@code from}
     * means the default source.
     */
    record Layer(Name name, NumberLiteral size, Name activation, List<SourceRef> from, SourcePos pos)
            implements NodeDecl {
        public Layer {
            from = List.copyOf(from);
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
         * The activation as written, the first word among the positional arguments; a pool, which has
         * no activation to write, has the identity, {@code linear}, at its kind.
         */
        @Override
        public Name activation() {
            return args.stream().filter(a -> a.label().isEmpty() && a.value() instanceof LayerValue.Word)
                    .map(a -> ((LayerValue.Word) a.value()).word()).findFirst()
                    .orElse(new Name("linear", kind.pos()));
        }
    }

    /** One argument of an image layer: positional ({@code 20}, {@code 5 x 5}, {@code relu}) or named ({@code stride: 2}). */
    record LayerArg(Optional<Name> label, LayerValue value, SourcePos pos) {}

    /** The value of a {@link LayerArg}. */
    sealed interface LayerValue {

        SourcePos pos();

        /** A number: {@code 20}. */
        record Count(NumberLiteral value) implements LayerValue {
            @Override
            public SourcePos pos() {
                return value.pos();
            }
        }

        /** Two numbers: {@code 5 x 5}; the separator should be {@code x}. */
        record Extent(NumberLiteral rows, Name separator, NumberLiteral columns, SourcePos pos) implements LayerValue {}

        /** A word: {@code relu}, {@code same}. */
        record Word(Name word) implements LayerValue {
            @Override
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
        record Bias(NumberLiteral value, boolean threshold, SourcePos pos) implements NeuronArg {}
    }

    /** A preset weight: one number ({@code x1: -2}) or a list ({@code hidden: [0.1, 0.2]}). */
    record Weight(List<NumberLiteral> values, boolean list, SourcePos pos) {
        public Weight {
            values = List.copyOf(values);
        }
    }
}
