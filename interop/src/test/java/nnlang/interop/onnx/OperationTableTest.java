package nnlang.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nnlang.model.Expression;
import nnlang.model.Expression.Op;
import nnlang.model.Program;
import org.junit.jupiter.api.Test;

/**
 * Each row of the operation table alone, run by ONNX Runtime on special and ordinary values (±0,
 * ±∞, NaN, tiny, huge, at and around kinks), with every operand order a binary operation can take
 * (z with a constant, a constant with z, z with itself), against nnlang's own {@link Op#apply}.
 * The bar is 1e-12 relative difference; sine and cosine, whose arguments ONNX Runtime reduces by a
 * double π, are held to 1e-15 absolute instead.
 */
class OperationTableTest {

    static final double[] POINTS = {-1e300, -745.2, -40, -7.3, -3.14159, -1, -0.5, -1e-300, -0.0, 0.0, 1e-300, 0.25,
        0.5, 1, 2, 3.5, 7.3, 40, 709.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void everyOperationComputesWhatNnlangComputes() throws Exception {
        List<String> problems = new ArrayList<>();
        int programs = 0;
        for (Op op : Op.values()) {
            for (List<Expression> operands : operandOrders(op)) {
                Program program = Program.of(new Expression.Apply(op, operands));
                double[] y = run(program);
                programs++;
                for (int i = 0; i < POINTS.length; i++) {
                    double expected = program.evaluate(POINTS[i], Double.NaN);
                    double d = Agreement.relativeDifference(expected, y[i]);
                    boolean trigonometric = op == Op.SIN || op == Op.COS;
                    if (trigonometric ? !(Math.abs(expected - y[i]) <= 1e-15) && d != 0 : d > 1e-12) {
                        problems.add(Expression.text(new Expression.Apply(op, operands), "z") + " at z = " + POINTS[i]
                                + ": nnlang " + expected + ", ONNX Runtime " + y[i]);
                    }
                }
            }
        }
        assertTrue(programs > Op.values().length, "binary operations were run in every operand order");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The program on every point, computed by ONNX Runtime. */
    private static double[] run(Program program) throws Exception {
        OnnxGraph g = new OnnxGraph();
        g.input("z", OnnxGraph.DOUBLE, List.of("N"));
        OnnxOperations.program(g, program, "z", null, "y");
        g.output("y", OnnxGraph.DOUBLE, List.of("N"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(g.model("op", "", "test", Map.of()), new OrtSession.SessionOptions());
             OnnxTensor z = OnnxTensor.createTensor(env, DoubleBuffer.wrap(POINTS), new long[] {POINTS.length});
             OrtSession.Result result = session.run(Map.of("z", z))) {
            return (double[]) result.get(0).getValue();
        }
    }

    /** z alone for a unary operation; (z, c), (c, z) and (z, z) for a binary one; z and constants for if_greater. */
    private static List<List<Expression>> operandOrders(Op op) {
        Expression c = Expression.constant(1.5);
        return switch (op.arity()) {
            case 1 -> List.of(List.of(Expression.Z));
            case 2 -> List.of(List.of(Expression.Z, c), List.of(c, Expression.Z), List.of(Expression.Z, Expression.Z));
            default -> List.of(List.of(Expression.Z, Expression.constant(0.5), Expression.constant(2), Expression.Z),
                    List.of(Expression.constant(0.5), Expression.Z, Expression.Z, Expression.constant(-3)));
        };
    }
}
