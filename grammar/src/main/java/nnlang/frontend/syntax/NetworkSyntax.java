package nnlang.frontend.syntax;

import java.util.List;
import nnlang.model.SourcePos;

/**
 * One {@code network} declaration, its statements grouped by kind, each group in source order.
 * The language allows one {@code output} line and one {@code train} block; more are kept here so
 * the checker can report them.
 *
 * @param nodes neurons, layers and parts, in declaration order
 * @param lets  the network's own constants
 */
public record NetworkSyntax(Name name, List<InputDecl> inputs, List<NodeDecl> nodes,
                            List<OutputDecl> outputs, List<TrainBlock> trains, List<ActivationDecl> activations,
                            List<LetDecl> lets, SourcePos pos) {
    public NetworkSyntax {
        activations = List.copyOf(activations);
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        trains = List.copyOf(trains);
        lets = List.copyOf(lets);
    }
}
