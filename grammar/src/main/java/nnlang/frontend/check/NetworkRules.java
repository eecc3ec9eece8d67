package nnlang.frontend.check;

import java.util.List;
import nnlang.frontend.Reporter;
import nnlang.model.Activation;
import nnlang.model.FormulaActivation;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.Source;

/**
 * The rules that look at the wired network as a whole. Reports {@code softmax-not-output} (softmax
 * only on a layer that is the whole output and read by no node), {@code step-not-trainable} (a
 * step node whose parameters would get gradients, in a network with a train block) and
 * {@code unpreset-parameter} (a parameter without a value in a network without one).
 */
final class NetworkRules {

    private NetworkRules() {}

    static void check(List<Node> nodes, Output output, boolean trained, Reporter reporter) {
        checkSoftmax(nodes, output, reporter);
        if (trained) {
            checkTrainable(nodes, output, reporter);
        } else {
            checkPreset(nodes, reporter);
        }
    }

    /** Whether every output element comes from a sigmoid or softmax node (the cross-entropy rule). */
    static boolean outputsAreProbabilities(List<Node> nodes, Output output) {
        return output.sources().stream().allMatch(s -> !s.isInput()
                && (nodes.get(s.node()).activation() == Activation.SIGMOID
                || nodes.get(s.node()).activation() == Activation.SOFTMAX));
    }

    private static void checkSoftmax(List<Node> nodes, Output output, Reporter reporter) {
        for (Node node : nodes) {
            if (node.activation() != Activation.SOFTMAX || node.kind() != Node.Kind.LAYER) {
                continue;
            }
            boolean wholeOutput = output.sources().equals(List.of(new Source(node.index(), 0, node.size())));
            boolean consumed = nodes.stream().anyMatch(n -> n.sources().stream().anyMatch(s -> s.node() == node.index()));
            if (!wholeOutput || consumed) {
                reporter.error("softmax-not-output", node.pos(), "softmax layer " + node.name() + " must be the "
                        + "network's whole output and be read by no other node",
                        "use softmax on the output layer only, and sigmoid or relu inside");
            }
        }
    }

    /** A node gets gradients when the output depends on it: it is an output node or an ancestor of one. */
    private static void checkTrainable(List<Node> nodes, Output output, Reporter reporter) {
        boolean[] gets = new boolean[nodes.size()];
        for (Source s : output.sources()) {
            if (!s.isInput()) {
                gets[s.node()] = true;
            }
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (gets[i]) {
                nodes.get(i).sources().stream().filter(s -> !s.isInput()).forEach(s -> gets[s.node()] = true);
            }
        }
        for (Node node : nodes) {
            if (gets[node.index()] && node.activation() == Activation.STEP) {
                reporter.error("step-not-trainable", node.pos(), node.name() + " uses the step activation, but "
                        + "the network is trained by gradient descent",
                        "use sigmoid: a perceptron's step has derivative 0, so gradient descent cannot train it");
            } else if (gets[node.index()] && node.activation() instanceof FormulaActivation f && !f.isDifferentiable()) {
                reporter.error("activation-not-differentiable", node.pos(), node.name() + " uses activation "
                        + f.name() + " (line " + f.pos().line() + "), whose formula uses step, but the network is "
                        + "trained by gradient descent", "step has derivative 0, so no gradient passes through it");
            }
        }
    }

    private static void checkPreset(List<Node> nodes, Reporter reporter) {
        for (Node node : nodes) {
            if (node.isFullyPreset()) {
                continue;
            }
            boolean weightsSet = node.parameterBlocks().get(0).isFullyPreset();
            String missing = node.kind() == Node.Kind.LAYER ? "its weights and biases"
                    : weightsSet ? "a bias" : "a weight for every source";
            reporter.error("unpreset-parameter", node.pos(), (node.kind() == Node.Kind.LAYER ? "layer " : "neuron ")
                    + node.name() + " has no values for " + missing + ", and without a train block nothing sets them",
                    "add a train block or give the values");
            return;
        }
    }
}
