package nnlang.runtime.data;

import java.util.Objects;
import nnlang.runtime.Samples;

/**
 * A view of {@code count} consecutive labelled images, starting at image {@code first}, over pixel
 * and label arrays shared with other views of the same file: nothing is copied, neither when a view
 * is made nor per epoch.
 *
 * <p>Input: pixel p of image i is {@code (pixels[(first + i) · pixelsPerImage + p] & 0xFF) / 255.0},
 * in [0, 1], read from a table of the 256 quotients. Target: one-hot, 1.0 at the image's label and 0.0 elsewhere.
 */
final class ImageSamples implements Samples {

    /** LEVELS[v] = v / 255.0: a pixel's value read from a table, the same bits without a division per pixel. */
    private static final double[] LEVELS = new double[256];

    static {
        for (int v = 0; v < LEVELS.length; v++) {
            LEVELS[v] = v / 255.0;
        }
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final int first;
    private final int count;
    private final int pixelsPerImage;
    private final int classes;

    /**
     * @param pixels the images of the whole file, {@code pixelsPerImage} unsigned bytes each
     * @param labels the labels of the whole file, one unsigned byte each, each below {@code classes}
     */
    ImageSamples(byte[] pixels, byte[] labels, int first, int count, int pixelsPerImage, int classes) {
        Objects.checkFromIndexSize(first, count, labels.length);
        if (pixels.length != labels.length * pixelsPerImage) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not hold "
                    + labels.length + " images of " + pixelsPerImage);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.first = first;
        this.count = count;
        this.pixelsPerImage = pixelsPerImage;
        this.classes = classes;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int inputSize() {
        return pixelsPerImage;
    }

    @Override
    public int targetSize() {
        return classes;
    }

    @Override
    public void input(int index, double[] dst) {
        int base = (first + Objects.checkIndex(index, count)) * pixelsPerImage;
        for (int p = 0; p < pixelsPerImage; p++) {
            dst[p] = LEVELS[pixels[base + p] & 0xFF];
        }
    }

    @Override
    public void target(int index, double[] dst) {
        int label = labels[first + Objects.checkIndex(index, count)] & 0xFF;
        for (int k = 0; k < classes; k++) {
            dst[k] = k == label ? 1.0 : 0.0;
        }
    }
}
