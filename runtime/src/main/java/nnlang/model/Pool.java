package nnlang.model;

import java.util.List;

/**
 * Pooling: each channel of an image input C × H × W is cut into windows of kh × kw, moved with strides
 * sy, sx, and each window gives one value: its largest ({@link Kind#MAX}) or its mean
 * ({@link Kind#AVERAGE}). There is no padding: the windows must tile the image exactly, (H − kh) a
 * multiple of sy and (W − kw) of sx, so that no row or column is silently left out. No parameters;
 * the activation is the identity. The canonical order, with which element of a tie a maxpool's
 * gradient goes to, is in {@code nnlang.runtime}'s package documentation.
 *
 * @param inputShape the image it reads: channels, rows, columns
 */
public record Pool(Kind kind, Shape inputShape, int kernelHeight, int kernelWidth, int strideY, int strideX)
        implements Layer {

    /** What a window gives. */
    public enum Kind {
        /** The largest element (the first of equal ones, row by row). */
        MAX("maxpool"),
        /** The mean of the elements. */
        AVERAGE("avgpool");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        /** As the language writes it. */
        public String keyword() {
            return keyword;
        }
    }

    public Pool {
        if (inputShape.rank() != 3 || kernelHeight < 1 || kernelWidth < 1 || strideY < 1 || strideX < 1
                || !Conv.fits(inputShape.dim(1), kernelHeight, strideY)
                || !Conv.fits(inputShape.dim(2), kernelWidth, strideX)) {
            throw new IllegalArgumentException("bad " + kind.keyword() + " of " + kernelHeight + " x " + kernelWidth
                    + " windows with strides " + strideY + " x " + strideX + " over " + inputShape);
        }
    }

    public int channels() {
        return inputShape.dim(0);
    }

    public int inputHeight() {
        return inputShape.dim(1);
    }

    public int inputWidth() {
        return inputShape.dim(2);
    }

    public int outputHeight() {
        return (inputHeight() - kernelHeight) / strideY + 1;
    }

    public int outputWidth() {
        return (inputWidth() - kernelWidth) / strideX + 1;
    }

    /** The number of elements in a window. */
    public int windowSize() {
        return kernelHeight * kernelWidth;
    }

    @Override
    public String keyword() {
        return kind.keyword();
    }

    @Override
    public String declaration() {
        return keyword() + "(" + kernelHeight + " x " + kernelWidth
                + Conv.stride(strideY, strideX, kernelHeight, kernelWidth) + ")";
    }

    @Override
    public Shape outputShape() {
        return Shape.of(channels(), outputHeight(), outputWidth());
    }

    @Override
    public Activation activation() {
        return Activation.LINEAR;
    }

    @Override
    public List<ParameterBlock> parameterBlocks() {
        return List.of();
    }

    @Override
    public int parameterCount() {
        return 0;
    }
}
