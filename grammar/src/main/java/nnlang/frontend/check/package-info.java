/**
 * Checking: syntax tree to {@link nnlang.model.NetworkModel}. One class per pass, run in this order
 * by {@link nnlang.frontend.check.NetworkChecker}: {@code Declarations} (names, inputs, sizes),
 * {@code Wiring} (source references to slices), {@code DependencyOrder} (topological order and
 * cycles), {@code NodeBuilder} (activations, preset weights and biases, the parameter limit),
 * {@code OutputBuilder}, {@code NetworkRules} (softmax, step and preset rules) and
 * {@code TrainChecker} (the train block). A pass whose input is broken is not run.
 */
package nnlang.frontend.check;
