package nnlang.interop.onnx;

import java.util.List;
import nnlang.interop.onnx.OnnxGraph.IntAttribute;
import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.Expression.Op;
import nnlang.model.FormulaActivation;
import nnlang.model.Program;

/**
 * Activations as ONNX operators: the one table from nnlang's element-wise operations
 * ({@link Op}, which formula activations are made of) to ONNX operators, and the built-in
 * activations in terms of it. Every operation maps; a new {@link Op} does not compile until it has
 * its row here.
 *
 * <pre>
 * nnlang                         ONNX (opset 17)
 * -x, x + y, x - y, x * y, x / y Neg, Add, Sub, Mul, Div
 * x ^ y                          Pow
 * exp log sqrt abs sign sin      Exp, Log, Sqrt, Abs, Sign, Sin
 * cos x                          1 − 2·sin(x/2)², as Sub, Mul, Sin  (1)
 * tanh                           Tanh
 * sigmoid                        Div(1, Add(1, Exp(Neg(x))))      (2)
 * relu                           Where(Greater(x, 0), x, 0)       (3)
 * step (perceptron)              Cast(Greater(x, 0), to: DOUBLE)
 * min, max                       Min, Max
 * if_greater(x, y, t, e)         Where(Greater(x, y), t, e)       (the derivative rules at kinks)
 * linear                         Identity
 * softmax                        Softmax(axis: 1)
 * a constant                     a scalar double initializer, broadcast
 * </pre>
 * (1) ONNX Runtime's CPU provider has no double kernel for {@code Cos}; x/2 is exact, so this is
 * within 1e-15 of cos x for any x, where a shift by a double π/2 is not for large x. (2) nnlang's own formula:
 * ONNX Runtime's double {@code Sigmoid} loses the relative precision of small values (it gives 0.0
 * for σ(−40) = 4.2e-18, and is off by 1e-13 relative at −7.3). (3) nnlang's {@code x > 0 ? x : 0},
 * exactly, NaN giving 0 as in nnlang, where {@code Relu} passes NaN on.
 * A formula activation becomes its forward {@link Program}, one ONNX node per step in the program's
 * order; the derivative is not exported (an ONNX model only predicts).
 */
final class OnnxOperations {

    private OnnxOperations() {}

    /**
     * Adds the nodes computing activation {@code f} of the pre-activations {@code z} (shape
     * {@code [N, size]}) into the tensor {@code out}; intermediate tensors are named
     * {@code out + "/…"}.
     */
    static void activation(OnnxGraph g, Activation f, String z, String out) {
        if (f instanceof FormulaActivation formula) {
            program(g, formula.forwardProgram(), z, null, out);
            return;
        }
        BuiltinActivation builtin = (BuiltinActivation) f;
        switch (builtin) {
            case STEP -> operation(g, Op.STEP, List.of(z), out);
            case SIGMOID -> operation(g, Op.SIGMOID, List.of(z), out);
            case TANH -> operation(g, Op.TANH, List.of(z), out);
            case RELU -> operation(g, Op.RELU, List.of(z), out);
            case LINEAR -> g.node("Identity", List.of(z), out);
            case SOFTMAX -> g.node("Softmax", List.of(z), out, new IntAttribute("axis", 1));
        }
    }

    /**
     * Adds the nodes of {@code program} (a formula over z and, for a derivative, a) into the tensor
     * {@code out}: one node per step, a constant as a shared scalar initializer. A program that is z
     * or a alone is an Identity; one that is a constant is that constant expanded to z's shape.
     *
     * @param a the tensor of a = f(z), or null when the program does not read it
     */
    static void program(OnnxGraph g, Program program, String z, String a, String out) {
        int count = program.valueCount();
        String[] values = new String[count];
        values[Program.Z] = z;
        values[Program.A] = a;
        for (int k = 0; k < program.steps().size(); k++) {
            int value = k + 2;
            Program.Step step = program.steps().get(k);
            if (step.isConstant()) {
                values[value] = g.constant(step.constant());
                continue;
            }
            List<String> operands = step.operands().stream().map(v -> {
                if (values[v] == null) {
                    throw new IllegalArgumentException("the program reads a, but no tensor holds it");
                }
                return values[v];
            }).toList();
            values[value] = operation(g, step.op(), operands, value == program.result() ? out : out + "/v" + value);
        }
        int result = program.result();
        if (result == Program.Z || result == Program.A) {
            g.node("Identity", List.of(values[result]), out);
        } else if (program.steps().get(result - 2).isConstant()) {
            String shape = g.node("Shape", List.of(z), out + "/shape");
            g.node("Expand", List.of(values[result], shape), out);
        }
    }

    /**
     * The table: adds the nodes computing {@code op} of {@code x} into {@code out}.
     *
     * @return {@code out}
     */
    static String operation(OnnxGraph g, Op op, List<String> x, String out) {
        return switch (op) {
            case NEG -> g.node("Neg", x, out);
            case ADD -> g.node("Add", x, out);
            case SUB -> g.node("Sub", x, out);
            case MUL -> g.node("Mul", x, out);
            case DIV -> g.node("Div", x, out);
            case POW -> g.node("Pow", x, out);
            case EXP -> g.node("Exp", x, out);
            case LOG -> g.node("Log", x, out);
            case SQRT -> g.node("Sqrt", x, out);
            case ABS -> g.node("Abs", x, out);
            case SIGN -> g.node("Sign", x, out);
            case SIN -> g.node("Sin", x, out);
            case COS -> {
                String half = g.node("Sin", List.of(g.node("Mul", List.of(x.get(0), g.constant(0.5)), out + "/half")),
                        out + "/sinhalf");
                String squared = g.node("Mul", List.of(half, half), out + "/squared");
                yield g.node("Sub", List.of(g.constant(1.0), g.node("Mul", List.of(g.constant(2.0), squared), out + "/twice")),
                        out);
            }
            case TANH -> g.node("Tanh", x, out);
            case SIGMOID -> g.node("Div", List.of(g.constant(1.0), g.node("Add", List.of(g.constant(1.0),
                    g.node("Exp", List.of(g.node("Neg", x, out + "/negated")), out + "/exp")), out + "/denominator")), out);
            case RELU -> g.node("Where", List.of(g.node("LessOrEqual", List.of(x.get(0), g.constant(0.0)), out + "/notPositive"),
                    g.constant(0.0), x.get(0)), out);
            case STEP -> g.node("Where", List.of(g.node("LessOrEqual", List.of(x.get(0), g.constant(0.0)), out + "/notPositive"),
                    g.constant(0.0), g.node("Where", List.of(g.node("Greater", List.of(x.get(0), g.constant(0.0)),
                            out + "/positive"), g.constant(1.0), x.get(0)), out + "/positiveOrNaN")), out);
            case MIN -> g.node("Min", x, out);
            case MAX -> g.node("Max", x, out);
            case IF_GREATER -> g.node("Where", List.of(g.node("Greater", x.subList(0, 2), out + "/greater"),
                    x.get(2), x.get(3)), out);
        };
    }
}
