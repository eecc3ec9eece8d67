/**
 * The checked network model: immutable records built by the front end at a single boundary and
 * read by the interpreter, the compiler, the trainer and the tools. It knows nothing of ANTLR,
 * EJML or ASM. {@link nnlang.model.Activation} (a {@link nnlang.model.BuiltinActivation} or a
 * {@link nnlang.model.FormulaActivation} with its {@link nnlang.model.Expression}s and
 * {@link nnlang.model.Program}s) and {@link nnlang.model.Cost} are the one table of functions and
 * derivatives that both back ends follow.
 */
package nnlang.model;
