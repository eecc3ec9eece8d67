package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import nnlang.model.SourcePos;

/** A {@code neuron} or {@code layer} declaration. */
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
     * means the default source. Then what it says about its own training ({@code init ...},
     * {@code dropout r}), in source order.
     */
    record Layer(Name name, NumberLiteral size, Name activation, List<SourceRef> from, List<LayerOption> options,
                 SourcePos pos) implements NodeDecl {
        public Layer {
            from = List.copyOf(from);
            options = List.copyOf(options);
        }

        /** A layer that says nothing about its training. */
        public Layer(Name name, NumberLiteral size, Name activation, List<SourceRef> from, SourcePos pos) {
            this(name, size, activation, from, List.of(), pos);
        }
    }

    /** What a layer statement says about the layer's training. */
    sealed interface LayerOption {

        /** The option's keyword ({@code init}, {@code dropout}). */
        String keyword();

        SourcePos pos();

        /** {@code init INITIALIZER}. */
        record Init(TrainBlock.Initializer initializer, SourcePos pos) implements LayerOption {
            @Override
            public String keyword() {
                return "init";
            }
        }

        /** {@code dropout RATE}. */
        record Dropout(NumberLiteral rate, SourcePos pos) implements LayerOption {
            @Override
            public String keyword() {
                return "dropout";
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
