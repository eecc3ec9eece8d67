package nnlang.frontend.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.FormulaActivation;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.Part;
import nnlang.model.TrainSpec;

/**
 * Runs the checking passes over one network and assembles its {@link NetworkModel}, its parts
 * expanded: Declarations → Wiring → DependencyOrder → Formulas → NodeBuilder → OutputBuilder →
 * NetworkRules and TrainChecker. A pass runs only when the passes it reads succeeded; the output,
 * the network rules and the train block are checked together so that one run reports all of them.
 * Which network a part uses, and a trained network's values, come from the {@link Context}.
 */
final class NetworkChecker {

    /** Reads a trained network's parameter file for a part that uses it. */
    interface TrainedValues {
        /** The values, and the file they come from; empty after reporting why there are none. */
        Optional<Loaded> load(NodeDecl.Part part, CheckedNetwork network, Reporter reporter);
    }

    /** A trained network's parameters, in parameter order, and the file they were read from. */
    record Loaded(double[] values, Path file) {}

    /**
     * What checking a network needs besides its syntax.
     *
     * @param fileName   the network's file as messages name it, stored in the model
     * @param baseDir    the folder data paths are resolved against: the file's
     * @param sourcePath the network's file, absolute
     * @param trained    the trained values of parts that use a trained network; null to check for
     *                   structure only (their nodes then keep the values their model has)
     * @param usedAsPart whether the network's file uses it as a part, so that without a train block
     *                   it may leave parameters without values
     */
    record Context(String fileName, Path baseDir, Path sourcePath, Constants constants,
                   Declarations.PartResolver parts, TrainedValues trained, boolean usedAsPart, Reporter reporter) {}

    private NetworkChecker() {}

    /** The checked network, or empty when a problem was reported. */
    static Optional<CheckedNetwork> check(NetworkSyntax network, Context context) {
        Reporter reporter = context.reporter();
        Constants constants = context.constants();
        int before = reporter.count();
        Declarations declarations = Declarations.declare(network, constants, context.parts(), reporter);
        if (reporter.count() > before || declarations.hasUnusableParts()) {
            return Optional.empty();
        }
        Wiring wiring = Wiring.resolve(network, declarations, constants, reporter);
        if (reporter.count() > before) {
            return Optional.empty();
        }
        Optional<int[]> order = DependencyOrder.sort(declarations.flat(), wiring, reporter);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, FormulaActivation>> formulas = Formulas.build(network.activations(), constants, reporter);
        if (formulas.isEmpty()) {
            return Optional.empty();
        }
        SourceMapping mapping = new SourceMapping(order.get());
        Map<Integer, NodeBuilder.PartValues> values = new HashMap<>();
        Set<Path> parameterFiles = new HashSet<>();
        Set<Integer> deferredFlat = new HashSet<>();
        for (Declarations.Part part : declarations.parts()) {
            CheckedNetwork sub = part.sub();
            double[] trained = null;
            if (sub.trained() && context.trained() != null) {
                Optional<Loaded> loaded = context.trained().load(part.decl(), sub, reporter);
                if (loaded.isEmpty()) {
                    continue;
                }
                trained = loaded.get().values();
                parameterFiles.add(loaded.get().file());
            } else {
                parameterFiles.addAll(sub.parameterFiles());
                for (Node n : sub.model().nodes()) {
                    if (sub.trained() || sub.deferred().contains(n.index())) {
                        deferredFlat.add(part.firstFlat() + n.index());
                    }
                }
            }
            boolean fixed = part.decl().mark() == NodeDecl.Mark.FIXED
                    || sub.trained() && part.decl().mark() != NodeDecl.Mark.TRAINABLE;
            values.put(part.declIndex(), new NodeBuilder.PartValues(trained, fixed));
        }
        if (reporter.count() > before) {
            return Optional.empty();
        }
        Optional<List<Node>> nodes = NodeBuilder.build(network, declarations, wiring, order.get(), mapping,
                formulas.get(), values, constants, reporter);
        if (nodes.isEmpty()) {
            return Optional.empty();
        }
        Optional<Output> output = OutputBuilder.build(network, wiring, mapping, reporter);
        if (output.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> deferred = new HashSet<>();
        deferredFlat.forEach(f -> deferred.add(mapping.modelIndex(f)));
        NetworkRules.check(nodes.get(), output.get(), !network.trains().isEmpty(), !context.usedAsPart(), deferred,
                reporter);
        Map<Integer, TrainSpec.LayerTraining> layers = LayerSettings.check(network, declarations.flat(), order.get(),
                output.get(), !network.trains().isEmpty(), constants, reporter);
        Optional<TrainSpec> train = train(network, declarations.inputSize(), nodes.get(), output.get(), layers, context);
        if (reporter.count() > before) {
            return Optional.empty();
        }
        NetworkModel model = new NetworkModel(network.name().text(), context.fileName(), declarations.inputs(),
                nodes.get(), output.get(), train, network.name().pos(), parts(declarations));
        return Optional.of(new CheckedNetwork(model, context.sourcePath(), names(declarations, wiring, mapping),
                parameterFiles, deferred));
    }

    /** The network's parts in declaration order, each followed by its own parts, named as their nodes are. */
    private static List<Part> parts(Declarations declarations) {
        List<Part> parts = new ArrayList<>();
        for (Declarations.Part part : declarations.parts()) {
            String name = part.decl().name().text();
            parts.add(new Part(name, part.decl().network().text(), part.decl().name().pos()));
            for (Part inner : part.sub().model().parts()) {
                parts.add(new Part(name + "." + inner.name(), inner.network(), inner.pos()));
            }
        }
        return parts;
    }

    /** What each name of the network stands for in its model, for networks that use it as a part. */
    private static Map<String, CheckedNetwork.Named> names(Declarations declarations, Wiring wiring,
                                                           SourceMapping mapping) {
        Map<String, CheckedNetwork.Named> names = new LinkedHashMap<>();
        for (Input input : declarations.inputs()) {
            names.put(input.name(), new CheckedNetwork.InputName(input.offset(), input.size(), input.isScalar()));
        }
        for (Declarations.FlatNode node : declarations.flat()) {
            if (!node.inPart()) {
                int flat = declarations.firstFlat(node.decl());
                names.put(node.name(), new CheckedNetwork.NodeName(mapping.modelIndex(flat), node.size()));
            }
        }
        for (Declarations.Part part : declarations.parts()) {
            int[] nodeMap = new int[part.sub().model().nodes().size()];
            for (int k = 0; k < nodeMap.length; k++) {
                nodeMap[k] = mapping.modelIndex(part.firstFlat() + k);
            }
            names.put(part.decl().name().text(), new CheckedNetwork.PartName(part.sub(), nodeMap,
                    mapping.toModel(wiring.binding(part.declIndex())), mapping.toModel(wiring.partOutput(part))));
        }
        wiring.namedOutputs().forEach((name, slices) -> names.put(name,
                new CheckedNetwork.OutputName(mapping.toModel(slices))));
        return names;
    }

    private static Optional<TrainSpec> train(NetworkSyntax network, int inputSize, List<Node> nodes, Output output,
                                             Map<Integer, TrainSpec.LayerTraining> layers, Context context) {
        List<TrainBlock> trains = network.trains();
        for (int i = 1; i < trains.size(); i++) {
            context.reporter().error("duplicate-statement", trains.get(i).pos(), "network " + network.name().text()
                    + " already has a train block at line " + trains.get(0).pos().line());
        }
        if (trains.isEmpty()) {
            return Optional.empty();
        }
        TrainChecker checker = new TrainChecker(network.name().text(), inputSize, output.size(),
                output.classes(), NetworkRules.outputsAreProbabilities(nodes, output), context.baseDir(),
                context.constants(), context.reporter());
        return checker.check(trains.get(0), layers);
    }
}
