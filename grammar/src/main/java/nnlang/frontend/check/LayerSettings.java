package nnlang.frontend.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.model.Init;
import nnlang.model.Output;
import nnlang.model.Source;
import nnlang.model.TrainSpec;

/**
 * The layer-options pass: what each {@code layer} statement says about its own training,
 * {@code init INITIALIZER} and {@code dropout r}, checked and keyed by the node's model index.
 * Reports {@code duplicate-statement} (an option given twice), {@code bad-hyperparameter} (a rate
 * outside [0, 1)), {@code dropout-output} (a layer that holds output elements cannot drop them),
 * {@code no-train-block} (options of a network that never trains) and {@link InitChecker}'s codes.
 */
final class LayerSettings {

    private LayerSettings() {}

    /**
     * @param order    {@code order[k]} = the declaration index of the node at model index k
     * @param trains   whether the network has a train block
     * @return the layers' settings by model index; those that say nothing are left out
     */
    static Map<Integer, TrainSpec.LayerTraining> check(NetworkSyntax network, int[] order, Output output,
            boolean trains, Reporter reporter) {
        Map<Integer, TrainSpec.LayerTraining> layers = new HashMap<>();
        for (int k = 0; k < order.length; k++) {
            if (!(network.nodes().get(order[k]) instanceof NodeDecl.Layer layer) || layer.options().isEmpty()) {
                continue;
            }
            Map<String, NodeDecl.LayerOption> seen = new HashMap<>();
            Optional<Init> init = Optional.empty();
            double dropout = 0.0;
            for (NodeDecl.LayerOption option : layer.options()) {
                NodeDecl.LayerOption earlier = seen.putIfAbsent(option.keyword(), option);
                if (earlier != null) {
                    reporter.error("duplicate-statement", option.pos(), "layer " + layer.name().text() + " already says "
                            + option.keyword() + " at column " + earlier.pos().column());
                    continue;
                }
                if (!trains) {
                    reporter.error("no-train-block", option.pos(), "layer " + layer.name().text() + " says how it "
                            + "trains (" + option.keyword() + "), but network " + network.name().text()
                            + " has no train block", "add a train block, or remove " + option.keyword());
                    continue;
                }
                if (option instanceof NodeDecl.LayerOption.Init i) {
                    init = InitChecker.check(i.initializer(), reporter);
                } else {
                    dropout = dropout(layer, (NodeDecl.LayerOption.Dropout) option, k, output, reporter);
                }
            }
            if (init.isPresent() || dropout > 0.0) {
                layers.put(k, new TrainSpec.LayerTraining(init, dropout, layer.pos()));
            }
        }
        return layers;
    }

    /** The rate, 0 ≤ r &lt; 1, of a layer that holds no output element; 0.0 after reporting a problem. */
    private static double dropout(NodeDecl.Layer layer, NodeDecl.LayerOption.Dropout option, int index, Output output,
            Reporter reporter) {
        OptionalDouble rate = Literals.finite(option.rate(), reporter);
        if (rate.isEmpty()) {
            return 0.0;
        }
        if (!(rate.getAsDouble() >= 0.0 && rate.getAsDouble() < 1.0)) {
            reporter.error("bad-hyperparameter", option.rate().pos(), "a dropout rate is at least 0 and less than 1, but"
                    + " is " + option.rate().text(), "dropout 0.5 drops half the activations in training");
            return 0.0;
        }
        List<Source> sources = output.sources();
        if (rate.getAsDouble() > 0.0 && sources.stream().anyMatch(s -> s.node() == index)) {
            reporter.error("dropout-output", option.pos(), "layer " + layer.name().text() + " holds outputs, which "
                    + "cannot be dropped", "drop out a layer before the output instead");
            return 0.0;
        }
        return rate.getAsDouble();
    }
}
