package nnlang.model;

import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A convolution: {@code filters} kernels of kh × kw over every channel of an image input C × H × W,
 * moved with strides sy, sx, each giving one output channel: z[f][oy][ox] = Σ_c Σ_ky Σ_kx
 * w[f][c][ky][kx] · x[c][oy·sy + ky − pt][ox·sx + kx − pl] + b[f], then a = f(z) element by element
 * (or softmax over the whole output). The canonical order of its sums is in {@code nnlang.runtime}'s
 * package documentation.
 *
 * <p>Padding: {@link Padding#VALID} reads only the image, so the kernel must fit it and its positions
 * must tile it exactly ((H − kh) a multiple of sy); {@link Padding#SAME} surrounds the image with zeros
 * so that the output has ⌈H / sy⌉ rows: (OH − 1)·sy + kh − H rows of padding (at least 0), the smaller
 * half at the top (and likewise columns, the smaller half on the left).
 *
 * <p>Parameter blocks: {@code weight} F × C × kh × kw (fan-in C·kh·kw), then {@code bias} F.
 *
 * @param inputShape the image it reads: channels, rows, columns
 * @param presets    one entry per parameter in parameter order (the weights, then the biases): the
 *                   value it is given (a trained network's, when the conv belongs to a part of one),
 *                   or empty
 */
public record Conv(int filters, Shape inputShape, int kernelHeight, int kernelWidth, int strideY, int strideX,
                   Padding padding, Activation activation, List<OptionalDouble> presets) implements Layer {

    public static final String KEYWORD = "conv";

    /** How the image's border is treated. */
    public enum Padding {
        /** No padding: every kernel position lies inside the image. */
        VALID,
        /** Zeros around the image, so that the output has ⌈H / sy⌉ × ⌈W / sx⌉ positions. */
        SAME;

        /** As the language writes it: {@code valid}, {@code same}. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Conv {
        if (filters < 1 || inputShape.rank() != 3 || kernelHeight < 1 || kernelWidth < 1 || strideY < 1 || strideX < 1) {
            throw new IllegalArgumentException("bad convolution of " + filters + " " + kernelHeight + " x "
                    + kernelWidth + " kernels over " + inputShape);
        }
        if (padding == Padding.VALID && (!fits(inputShape.dim(1), kernelHeight, strideY)
                || !fits(inputShape.dim(2), kernelWidth, strideX))) {
            throw new IllegalArgumentException("a " + kernelHeight + " x " + kernelWidth + " kernel with strides "
                    + strideY + " x " + strideX + " does not tile " + inputShape);
        }
        presets = List.copyOf(presets);
        if (presets.size() != filters * (inputShape.dim(0) * kernelHeight * kernelWidth + 1)) {
            throw new IllegalArgumentException(presets.size() + " presets for a convolution of " + filters + " "
                    + kernelHeight + " x " + kernelWidth + " kernels over " + inputShape);
        }
    }

    /** A convolution whose parameters are all left to initialisation. */
    public Conv(int filters, Shape inputShape, int kernelHeight, int kernelWidth, int strideY, int strideX,
                Padding padding, Activation activation) {
        this(filters, inputShape, kernelHeight, kernelWidth, strideY, strideX, padding, activation,
                Collections.nCopies(filters * (inputShape.dim(0) * kernelHeight * kernelWidth + 1), OptionalDouble.empty()));
    }

    /** This convolution with another activation, its presets kept. */
    public Conv withActivation(Activation other) {
        return new Conv(filters, inputShape, kernelHeight, kernelWidth, strideY, strideX, padding, other, presets);
    }

    /** This convolution with {@code values} as the presets of its parameters, in parameter order. */
    public Conv withPresets(List<OptionalDouble> values) {
        return new Conv(filters, inputShape, kernelHeight, kernelWidth, strideY, strideX, padding, activation, values);
    }

    /** Whether windows of {@code kernel} with {@code stride} tile {@code size} exactly. */
    public static boolean fits(int size, int kernel, int stride) {
        return kernel <= size && (size - kernel) % stride == 0;
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
        return outputSize(inputHeight(), kernelHeight, strideY);
    }

    public int outputWidth() {
        return outputSize(inputWidth(), kernelWidth, strideX);
    }

    private int outputSize(int size, int kernel, int stride) {
        return padding == Padding.SAME ? (size + stride - 1) / stride : (size - kernel) / stride + 1;
    }

    /** Rows of zeros above the image. */
    public int padTop() {
        return padBefore(inputHeight(), kernelHeight, strideY, outputHeight());
    }

    /** Columns of zeros left of the image. */
    public int padLeft() {
        return padBefore(inputWidth(), kernelWidth, strideX, outputWidth());
    }

    /** Rows of zeros below the image. */
    public int padBottom() {
        return padTotal(inputHeight(), kernelHeight, strideY, outputHeight()) - padTop();
    }

    /** Columns of zeros right of the image. */
    public int padRight() {
        return padTotal(inputWidth(), kernelWidth, strideX, outputWidth()) - padLeft();
    }

    private int padBefore(int size, int kernel, int stride, int outputs) {
        return padTotal(size, kernel, stride, outputs) / 2;
    }

    private int padTotal(int size, int kernel, int stride, int outputs) {
        return padding == Padding.SAME ? Math.max(0, (outputs - 1) * stride + kernel - size) : 0;
    }

    /** The number of inputs each weight of a kernel multiplies into one output: C·kh·kw. */
    public int fanIn() {
        return channels() * kernelHeight * kernelWidth;
    }

    @Override
    public String keyword() {
        return KEYWORD;
    }

    @Override
    public String declaration() {
        return KEYWORD + "(" + filters + ", " + kernelHeight + " x " + kernelWidth + ", " + activation.keyword()
                + stride(strideY, strideX, 1, 1) + (padding == Padding.SAME ? ", padding: same" : "") + ")";
    }

    /** {@code , stride: 2} or {@code , stride: 2 x 1}; nothing for the default strides. */
    static String stride(int sy, int sx, int defaultY, int defaultX) {
        if (sy == defaultY && sx == defaultX) {
            return "";
        }
        return ", stride: " + (sy == sx ? String.valueOf(sy) : sy + " x " + sx);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(filters, outputHeight(), outputWidth());
    }

    @Override
    public List<ParameterBlock> parameterBlocks() {
        int weights = filters * fanIn();
        return List.of(new ParameterBlock("weight", ParameterBlock.Role.WEIGHT,
                        Shape.of(filters, channels(), kernelHeight, kernelWidth), fanIn(), presets.subList(0, weights)),
                new ParameterBlock("bias", ParameterBlock.Role.BIAS, Shape.of(filters), 1,
                        presets.subList(weights, presets.size())));
    }

    @Override
    public int parameterCount() {
        return filters * fanIn() + filters;
    }
}
