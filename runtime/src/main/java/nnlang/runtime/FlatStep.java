package nnlang.runtime;

/**
 * One step of the optimizer over flat copies of a {@link CompiledNetwork}'s parameters and state,
 * in parameter order, for {@link CompiledNetwork#applyGradient}: the {@link UpdateRule} block by
 * block, weights decayed and biases not, fixed nodes left as they are. A generated
 * {@code trainBatchHere} runs the same operations in the same order over its own arrays, element by
 * element, so the two give the same bits.
 */
final class FlatStep {
    private FlatStep() {}

    /** The step with {@code gradient}, the step's scalars {@code step} ({@link CompiledNetwork#beginStep}) and {@code decay}. */
    static void apply(CompiledNetwork network, UpdateRule rule, double[] gradient, double[] step, double decay) {
        int count = network.parameterCount();
        double[] p = new double[count];
        network.readParameters(p);
        int slots = rule.stateSlots();
        double[] flatState = new double[network.optimizerStateSize()];
        network.readState(flatState);
        double[][] state = new double[slots][count];
        for (int s = 0; s < slots; s++) {
            System.arraycopy(flatState, s * count, state[s], 0, count);
        }
        int offset = 0;
        for (ParameterLayout.NodeBlocks node : network.layout().nodes()) {
            for (ParameterLayout.Block block : node.blocks()) {
                if (!node.fixed()) {
                    rule.update(p, gradient, state, offset, offset + block.size(), step, block.decays() ? decay : 1.0);
                }
                offset += block.size();
            }
        }
        network.writeParameters(p);
        for (int s = 0; s < slots; s++) {
            System.arraycopy(state[s], 0, flatState, s * count, count);
        }
        network.writeState(flatState);
    }
}
