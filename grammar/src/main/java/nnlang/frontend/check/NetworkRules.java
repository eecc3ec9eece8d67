package nnlang.frontend.check;

import java.util.List;
import java.util.Set;
import nnlang.frontend.Reporter;
import nnlang.model.Activation;
import nnlang.model.FormulaActivation;
import nnlang.model.Node;
import nnlang.model.Output;
import nnlang.model.Source;

/**
 * The rules that look at the wired network as a whole, parts expanded. Reports
 * {@code softmax-not-output} (softmax only on a layer that is the whole output and read by no
 * node), {@code step-not-trainable} (in a network with a train block, a step node whose parameters
 * would get gradients: allowed only when it is fixed and every node below it is fixed too, since no
 * gradient passes a step), {@code activation-not-differentiable} (the same for a formula that uses
 * step) and {@code unpreset-parameter} (a parameter without a value in a network without one).
 */
final class NetworkRules {

    private NetworkRules() {}

    /**
     * @param trained  whether the network has a train block
     * @param preset   whether, without a train block, every parameter must have a value (not so for
     *                 a network its file uses as a part: the network using it may train it)
     * @param deferred nodes whose values are a trained network's, not read when checking for structure
     */
    static void check(List<Node> nodes, Output output, boolean trained, boolean preset, Set<Integer> deferred,
                      Reporter reporter) {
        checkSoftmax(nodes, output, reporter);
        if (trained) {
            checkTrainable(nodes, output, reporter);
        } else if (preset) {
            checkPreset(nodes, deferred, reporter);
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
        // The trained node nearest below each node, or -1: whose gradient would have to pass it.
        int[] trainedBelow = new int[nodes.size()];
        for (Node node : nodes) {
            trainedBelow[node.index()] = -1;
            for (Source s : node.sources()) {
                if (!s.isInput() && trainedBelow[node.index()] < 0) {
                    Node below = nodes.get(s.node());
                    trainedBelow[node.index()] = below.fixed() ? trainedBelow[below.index()] : below.index();
                }
            }
        }
        for (Node node : nodes) {
            boolean step = node.activation() == Activation.STEP;
            boolean formulaStep = node.activation() instanceof FormulaActivation f && !f.isDifferentiable();
            if (!gets[node.index()] || !(step || formulaStep)) {
                continue;
            }
            if (node.fixed() && trainedBelow[node.index()] >= 0) {
                String below = nodes.get(trainedBelow[node.index()]).name();
                reporter.error(step ? "step-not-trainable" : "activation-not-differentiable", node.pos(), node.name()
                        + " is fixed, but " + below + " below it is trained, and no gradient passes "
                        + (step ? "the step activation" : "a formula that uses step") + " to reach it",
                        "fix " + below + " too, or use sigmoid");
            } else if (!node.fixed() && step) {
                reporter.error("step-not-trainable", node.pos(), node.name() + " uses the step activation, but "
                        + "the network is trained by gradient descent",
                        "use sigmoid: a perceptron's step has derivative 0, so gradient descent cannot train it;"
                                + " or mark it fixed, with every node below it");
            } else if (!node.fixed()) {
                FormulaActivation f = (FormulaActivation) node.activation();
                reporter.error("activation-not-differentiable", node.pos(), node.name() + " uses activation "
                        + f.name() + " (line " + f.pos().line() + "), whose formula uses step, but the network is "
                        + "trained by gradient descent", "step has derivative 0, so no gradient passes through it");
            }
        }
    }

    private static void checkPreset(List<Node> nodes, Set<Integer> deferred, Reporter reporter) {
        for (Node node : nodes) {
            if (node.isFullyPreset() || deferred.contains(node.index())) {
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
