package nnlang.frontend.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import nnlang.frontend.CheckResult;
import nnlang.frontend.FrontEnd;
import nnlang.model.Expression;
import nnlang.model.FormulaActivation;
import nnlang.model.Program;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The derivative the front end derives for each function and rule, as {@code check --explain}
 * prints it ({@code a} is the activation's own value). Every one of them also passed the numeric
 * check, or the file would not have checked.
 */
class DifferentiatorTest {

    /** The checked activation {@code f(z) = formula}, with {@code extra} definitions before it. */
    static FormulaActivation activation(String extra, String formula) {
        CheckResult result = FrontEnd.check("f.nn", "network N {\n input x\n" + extra + "\n activation f(z) = "
                + formula + "\n neuron out = f(x: 1, bias: 0)\n}\n", Path.of("."));
        assertFalse(result.hasErrors(), result::formatDiagnostics);
        return (FormulaActivation) result.networks().get(0).nodes().get(0).activation();
    }

    private static String derivative(String formula) {
        return Expression.text(activation("", formula).derivative(), "z");
    }

    @ParameterizedTest(name = "({0})'' = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            z                  | 1
            7                  | 0
            3 * z + 2          | 3
            -z                 | -1
            z - 4 * z          | -3
            z * z              | z + z
            z / 2              | 0.5
            1 / z              | -1 / (z * z)
            z / (1 + z)        | (1 + z - z) / ((1 + z) * (1 + z))
            z^3                | 3 * z^2
            z^2                | 2 * z
            2^z                | a * 0.6931471805599453
            z^z                | a * (log(z) + z / z)
            exp(z)             | a
            exp(2 * z)         | a * 2
            log(z)             | 1 / z
            sqrt(z)            | 1 / (2 * a)
            abs(z)             | sign(z)
            sin(z)             | cos(z)
            cos(z)             | -sin(z)
            tanh(z)            | 1 - a * a
            sigmoid(z)         | a * (1 - a)
            relu(z)            | step(z)
            linear(z)          | 1
            max(z, 0)          | if_greater(z, 0, 1, 0)
            min(z, 1)          | if_greater(1, z, 1, 0)
            max(z, 0.1 * z)    | if_greater(z, 0.1 * z, 1, 0.1)
            step(z)            | 0
            sin(z) * exp(z)    | cos(z) * exp(z) + a
            """)
    void eachFunctionAndRuleDerivesAsDocumented(String formula, String expected) {
        assertEquals(expected, derivative(formula));
    }

    @Test
    void theForwardValueIsReusedWhereTheWholeFormulaReappears() {
        FormulaActivation sigmoid = activation("", "1 / (1 + exp(-z))");
        assertEquals("sigmoid(z)", Expression.text(sigmoid.forward(), "z"), "the same operations, recognised");
        assertEquals("a * (1 - a)", Expression.text(sigmoid.derivative(), "z"));
        FormulaActivation shifted = activation("", "1 / (2 + exp(-z))");
        assertEquals("exp(-z) / ((2 + exp(-z)) * (2 + exp(-z)))", Expression.text(shifted.derivative(), "z"));
        FormulaActivation viaBuiltin = activation("", "sigmoid(z)");
        assertEquals(Program.of(Expression.apply(Expression.Op.MUL, Expression.A,
                Expression.apply(Expression.Op.SUB, Expression.constant(1.0), Expression.A))),
                viaBuiltin.derivativeProgram(), "the built-in sigmoid's derivative a(1 - a)");
        assertFalse(viaBuiltin.derivativeProgram().reads(Program.Z));
    }

    @Test
    void sharedSubexpressionsAreComputedOnce() {
        FormulaActivation swish = activation("", "z * sigmoid(z)");
        assertEquals("sigmoid(z) + z * (sigmoid(z) * (1 - sigmoid(z)))", Expression.text(swish.derivative(), "z"));
        long sigmoids = swish.derivativeProgram().steps().stream()
                .filter(s -> s.op() == Expression.Op.SIGMOID).count();
        assertEquals(1, sigmoids, "σ once, used three times");
        // 2 + exp(-z) appears three times in the derivative, computed once
        FormulaActivation shifted = activation("", "1 / (2 + exp(-z))");
        assertEquals(1, shifted.derivativeProgram().steps().stream().filter(s -> s.op() == Expression.Op.EXP).count());
    }

    @Test
    void callsOfOtherActivationsAreInlinedAndDifferentiatedThrough() {
        FormulaActivation g = activation(" activation square(t) = t * t\n activation twice(t) = 2 * t",
                "twice(square(z - 1))");
        assertEquals("2 * ((z - 1) * (z - 1))", Expression.text(g.forward(), "z"));
        assertEquals("2 * (z - 1 + (z - 1))", Expression.text(g.derivative(), "z"));
    }

    @Test
    void theExplainedDerivativesOfTheReadmeActivations() {
        Map<String, String> expected = Map.of(
                "z / (1 + abs(z))", "(1 + abs(z) - z * sign(z)) / ((1 + abs(z)) * (1 + abs(z)))",
                "1.7159 * tanh(2 * z / 3)", "1.7159 * ((1 - tanh(2 * z / 3) * tanh(2 * z / 3)) * 0.6666666666666666)");
        expected.forEach((formula, d) -> assertEquals(d, derivative(formula), formula));
    }

    @Test
    void onlyAFormulaWithStepIsNotDifferentiable() {
        assertFalse(activation("", "z * step(z)").isDifferentiable());
        assertTrue(activation("", "relu(z) + abs(z) + max(z, 0)").isDifferentiable());
    }
}
