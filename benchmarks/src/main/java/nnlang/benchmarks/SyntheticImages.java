package nnlang.benchmarks;

import java.util.Random;
import nnlang.runtime.Samples;

/**
 * MNIST-shaped samples kept as compactly as the real reader keeps them: 784 pixel bytes per image,
 * expanded to [0, 1] on read, and a label expanded to a one-hot target of 10.
 */
final class SyntheticImages implements Samples {
    static final int PIXELS = 784;
    static final int CLASSES = 10;

    private final byte[] pixels;
    private final byte[] labels;

    /** {@code count} images of random pixels (about a third of them 0) and random labels, from {@code seed}. */
    SyntheticImages(int count, long seed) {
        Random random = new Random(seed);
        pixels = new byte[count * PIXELS];
        labels = new byte[count];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(3) == 0 ? 0 : (byte) random.nextInt(256);
        }
        for (int s = 0; s < count; s++) {
            labels[s] = (byte) random.nextInt(CLASSES);
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int inputSize() {
        return PIXELS;
    }

    @Override
    public int targetSize() {
        return CLASSES;
    }

    @Override
    public void input(int index, double[] dst) {
        int base = index * PIXELS;
        for (int i = 0; i < PIXELS; i++) {
            dst[i] = (pixels[base + i] & 0xFF) / 255.0;
        }
    }

    @Override
    public void target(int index, double[] dst) {
        for (int k = 0; k < CLASSES; k++) {
            dst[k] = k == labels[index] ? 1.0 : 0.0;
        }
    }
}
