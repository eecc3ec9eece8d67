package nnlang.frontend.check;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.FormulaActivation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.TrainSpec;

/**
 * Runs the checking passes over the networks of one file and assembles their
 * {@link NetworkModel}s. A pass runs only when the passes it reads succeeded; the output, the
 * network rules and the train block are checked together so that one run reports all of them.
 */
public final class NetworkChecker {
    private final String fileName;
    private final Path baseDir;
    private final Reporter reporter;

    /**
     * @param fileName the file as the user named it, stored in each model
     * @param baseDir  the folder data paths are resolved against
     */
    public NetworkChecker(String fileName, Path baseDir, Reporter reporter) {
        this.fileName = fileName;
        this.baseDir = baseDir;
        this.reporter = reporter;
    }

    /**
     * Checks every network; network names must be unique in the file.
     *
     * @return the models of the networks that checked cleanly, in source order
     */
    public List<NetworkModel> checkAll(List<NetworkSyntax> networks) {
        Map<String, NetworkSyntax> seen = new HashMap<>();
        for (NetworkSyntax network : networks) {
            NetworkSyntax earlier = seen.putIfAbsent(network.name().text(), network);
            if (earlier != null) {
                reporter.error("duplicate-name", network.name().pos(), "network " + network.name().text()
                        + " is already declared at line " + earlier.name().pos().line());
            }
        }
        return networks.stream().map(this::check).flatMap(Optional::stream).toList();
    }

    private Optional<NetworkModel> check(NetworkSyntax network) {
        int before = reporter.count();
        Declarations declarations = Declarations.declare(network, reporter);
        if (reporter.count() > before) {
            return Optional.empty();
        }
        Wiring wiring = Wiring.resolve(network, declarations, reporter);
        if (reporter.count() > before) {
            return Optional.empty();
        }
        Optional<int[]> order = DependencyOrder.sort(network.nodes(), wiring, reporter);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, FormulaActivation>> formulas = Formulas.build(network.activations(), reporter);
        if (formulas.isEmpty()) {
            return Optional.empty();
        }
        SourceMapping mapping = new SourceMapping(order.get());
        Optional<List<Node>> nodes = NodeBuilder.build(network, declarations, wiring, order.get(), mapping,
                formulas.get(), reporter);
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        Optional<Output> output = OutputBuilder.build(network, wiring, mapping, reporter);
        if (output.isEmpty()) {
            return Optional.empty();
        }
        NetworkRules.check(nodes.get(), output.get(), !network.trains().isEmpty(), reporter);
        Map<Integer, TrainSpec.LayerTraining> layers = LayerSettings.check(network, order.get(), output.get(),
                !network.trains().isEmpty(), reporter);
        Optional<TrainSpec> train = train(network, declarations.inputSize(), nodes.get(), output.get(), layers);
        if (reporter.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new NetworkModel(network.name().text(), fileName, declarations.inputs(), nodes.get(),
                output.get(), train, network.name().pos()));
    }

    private Optional<TrainSpec> train(NetworkSyntax network, int inputSize, List<Node> nodes, Output output,
            Map<Integer, TrainSpec.LayerTraining> layers) {
        List<TrainBlock> trains = network.trains();
        for (int i = 1; i < trains.size(); i++) {
            reporter.error("duplicate-statement", trains.get(i).pos(), "network " + network.name().text()
                    + " already has a train block at line " + trains.get(0).pos().line());
        }
        if (trains.isEmpty()) {
            return Optional.empty();
        }
        TrainChecker checker = new TrainChecker(network.name().text(), inputSize, output.size(),
                output.classes(), NetworkRules.outputsAreProbabilities(nodes, output), baseDir, reporter);
        return checker.check(trains.get(0), layers);
    }
}
