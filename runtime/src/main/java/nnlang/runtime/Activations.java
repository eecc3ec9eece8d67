package nnlang.runtime;

import nnlang.model.Activation;
import nnlang.model.BuiltinActivation;
import org.ejml.data.DMatrixRMaj;

/**
 * The {@link Activation}s applied to a whole mini-batch at once: an element-wise one, built in or a
 * formula, runs its programs step by step over whole arrays ({@link FormulaArrays}); softmax runs
 * {@link BuiltinActivation#softmax} and {@link BuiltinActivation#softmaxBackward} row by row. The
 * results are bit-identical to the programs evaluated element by element (tests pin this).
 *
 * <p>All matrices are batch rows × node size, row-major. One instance per node: a formula's
 * intermediate arrays are allocated once and grow with the batch.
 */
final class Activations {

    /** The element-wise activation's runner with its scratch arrays, null for softmax. */
    private final FormulaArrays elementwise;

    Activations(Activation f) {
        this.elementwise = f.isElementwise() ? new FormulaArrays(f) : null;
    }

    /**
     * a = f(z) for every element (softmax: for every row). Reshapes {@code a} to the shape of
     * {@code z} and overwrites it; {@code z} is not modified.
     */
    void apply(DMatrixRMaj z, DMatrixRMaj a) {
        a.reshape(z.numRows, z.numCols);
        if (elementwise != null) {
            elementwise.forward(z.data, a.data, z.getNumElements());
            return;
        }
        for (int row = 0; row < z.numRows; row++) {
            BuiltinActivation.softmax(z.data, a.data, row * z.numCols, z.numCols);
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
        if (elementwise != null) {
            elementwise.backward(z.data, a.data, gA.data, dZ.data, z.getNumElements());
            return;
        }
        for (int row = 0; row < z.numRows; row++) {
            BuiltinActivation.softmaxBackward(gA.data, a.data, dZ.data, row * z.numCols, z.numCols);
        }
    }
}
