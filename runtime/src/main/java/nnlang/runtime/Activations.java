package nnlang.runtime;

import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import nnlang.model.FormulaActivation;
import org.ejml.data.DMatrixRMaj;

/**
 * The {@link Activation}s applied to a whole mini-batch at once. A built-in takes one switch per
 * call, then a plain loop over the matrices' {@code .data}; a formula runs its program step by step
 * over whole arrays ({@link FormulaArrays}). Each loop performs exactly the arithmetic of the
 * corresponding {@code Activation} method, so the results are bit-identical to calling it element
 * by element (tests pin this).
 *
 * <p>All matrices are batch rows × node size, row-major; softmax works row by row. One instance per
 * node: a formula's intermediate arrays are allocated once and grow with the batch.
 */
final class Activations {

    private final Activation f;
    /** The formula's runner with its scratch arrays, null for a built-in. */
    private final FormulaArrays formula;

    Activations(Activation f) {
        this.f = f;
        this.formula = f instanceof FormulaActivation fa ? new FormulaArrays(fa) : null;
    }

    /**
     * a = f(z) for every element (softmax: for every row). Reshapes {@code a} to the shape of
     * {@code z} and overwrites it; {@code z} is not modified.
     */
    void apply(DMatrixRMaj z, DMatrixRMaj a) {
        a.reshape(z.numRows, z.numCols);
        double[] zs = z.data;
        double[] as = a.data;
        int n = z.getNumElements();
        if (formula != null) {
            formula.forward(zs, as, n);
            return;
        }
        switch ((BuiltinActivation) f) {
            case STEP:
                for (int i = 0; i < n; i++) {
                    as[i] = zs[i] > 0.0 ? 1.0 : 0.0;
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    as[i] = 1.0 / (1.0 + Math.exp(-zs[i]));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    as[i] = Math.tanh(zs[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    as[i] = zs[i] > 0.0 ? zs[i] : 0.0;
                }
                break;
            case LINEAR:
                System.arraycopy(zs, 0, as, 0, n);
                break;
            case SOFTMAX:
                for (int row = 0; row < z.numRows; row++) {
                    BuiltinActivation.softmax(zs, as, row * z.numCols, z.numCols);
                }
                break;
            default:
                throw new AssertionError(f);
        }
    }

    /**
     * The gradient with respect to the pre-activations: dZ_j = gA_j · f'(z_j, a_j) for an
     * element-wise f (the product is always taken, also where f' is 0 or 1, so that signed zeros
     * come out as the canonical order says), and the softmax Jacobian row by row. Reshapes
     * {@code dZ} to the shape of {@code z} and overwrites it; the other arguments are not modified.
     */
    void backward(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj gA, DMatrixRMaj dZ) {
        dZ.reshape(z.numRows, z.numCols);
        double[] zs = z.data;
        double[] as = a.data;
        double[] gs = gA.data;
        double[] ds = dZ.data;
        int n = z.getNumElements();
        if (formula != null) {
            formula.backward(zs, as, gs, ds, n);
            return;
        }
        switch ((BuiltinActivation) f) {
            case STEP:
                for (int i = 0; i < n; i++) {
                    ds[i] = gs[i] * 0.0;
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    ds[i] = gs[i] * (as[i] * (1.0 - as[i]));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    ds[i] = gs[i] * (1.0 - as[i] * as[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    ds[i] = gs[i] * (zs[i] > 0.0 ? 1.0 : 0.0);
                }
                break;
            case LINEAR:
                for (int i = 0; i < n; i++) {
                    ds[i] = gs[i] * 1.0;
                }
                break;
            case SOFTMAX:
                for (int row = 0; row < z.numRows; row++) {
                    BuiltinActivation.softmaxBackward(gs, as, ds, row * z.numCols, z.numCols);
                }
                break;
            default:
                throw new AssertionError(f);
        }
    }
}
