package nnlang.frontend.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
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
     * @param flat     the network's nodes, its parts' included, as {@link Declarations#flat} lists them
     * @param order    {@code order[k]} = the index in {@code flat} of the node at model index k
     * @param trains   whether the network has a train block
     * @return the layers' settings by model index; those that say nothing are left out (a part's
     *         layers train as the network that has the part says, not as their own network says)
     */
    static Map<Integer, TrainSpec.LayerTraining> check(NetworkSyntax network, List<Declarations.FlatNode> flat,
            int[] order, Output output, boolean trains, Constants constants, Reporter reporter) {
        Map<Integer, TrainSpec.LayerTraining> layers = new HashMap<>();
        for (int k = 0; k < order.length; k++) {
            Declarations.FlatNode node = flat.get(order[k]);
            if (node.inPart() || !(network.nodes().get(node.decl()) instanceof NodeDecl.Layer layer)
                    || layer.options().isEmpty()) {
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
                    init = InitChecker.check(i.initializer(), constants, reporter);
                } else {
                    dropout = dropout(layer, (NodeDecl.LayerOption.Dropout) option, k, output, constants, reporter);
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
            Constants constants, Reporter reporter) {
        Optional<NumberLiteral> folded = constants.fold(option.rate());
        OptionalDouble rate = folded.isEmpty() ? OptionalDouble.empty() : Literals.finite(folded.get(), reporter);
        if (rate.isEmpty()) {
            return 0.0;
        }
        if (!(rate.getAsDouble() >= 0.0 && rate.getAsDouble() < 1.0)) {
            reporter.error("bad-hyperparameter", folded.get().pos(), "a dropout rate is at least 0 and less than 1, but"
                    + " is " + folded.get().text(), "dropout 0.5 drops half the activations in training");
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
