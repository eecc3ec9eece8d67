package nnlang.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import nnlang.model.TrainSpec;

/**
 * A table's or CSV file's samples split into training, validation and test sets by the shares of
 * {@code split(...)}, the same way for every run of the same seed.
 *
 * <p>The samples are grouped, for a classifier by class (the index of the largest target value, in
 * class order), otherwise into one group, each group holding its samples' indices in file order.
 * One {@code java.util.Random(seed + }{@link #SEED_OFFSET}{@code )} shuffles each group in turn by
 * Fisher–Yates (for i from n-1 down to 1, swap element i with element {@code nextInt(i + 1)}); of
 * a group of n, the first t = ⌊test·n + 0.5⌋ go to the test set and the next
 * v = min(⌊validation·n + 0.5⌋, n − t) to the validation set, the rest to training. So each class is
 * split in the shares asked for, as nearly as whole samples allow: the split is stratified. Each set
 * keeps its samples in file order.
 */
public final class Splits {

    /** What is added to the train block's seed to seed the split. */
    public static final long SEED_OFFSET = 0x2545F4914F6CDD1DL;

    private Splits() {}

    /** The three sets; validation and test are empty when their share gives no sample. */
    public record Parts(DenseSamples train, Optional<DenseSamples> validation, Optional<DenseSamples> test) {}

    /**
     * Splits {@code samples} as described above.
     *
     * @param classifier whether the targets are one-hot classes, which the split stratifies by
     * @throws DataException naming {@code file} when no sample is left to train on
     */
    public static Parts split(DenseSamples samples, TrainSpec.Split split, long seed, boolean classifier, String file)
            throws DataException {
        List<List<Integer>> groups = groups(samples, classifier);
        Random random = new Random(seed + SEED_OFFSET);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups) {
            int[] order = group.stream().mapToInt(Integer::intValue).toArray();
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int n = order.length;
            int t = (int) Math.floor(split.test() * n + 0.5);
            int v = Math.min((int) Math.floor(split.validation() * n + 0.5), n - t);
            for (int k = 0; k < n; k++) {
                (k < t ? test : k < t + v ? validation : train).add(order[k]);
            }
        }
        if (train.isEmpty()) {
            throw new DataException(file, "the split leaves none of its " + samples.size() + " samples to train on");
        }
        return new Parts(samples.subset(sorted(train)), part(samples, validation), part(samples, test));
    }

    private static Optional<DenseSamples> part(DenseSamples samples, List<Integer> indices) {
        return indices.isEmpty() ? Optional.empty() : Optional.of(samples.subset(sorted(indices)));
    }

    private static int[] sorted(List<Integer> indices) {
        int[] array = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /** The indices of each class in class order (of all samples when not a classifier), each in file order. */
    private static List<List<Integer>> groups(DenseSamples samples, boolean classifier) {
        List<List<Integer>> groups = new ArrayList<>();
        if (!classifier) {
            List<Integer> all = new ArrayList<>();
            for (int s = 0; s < samples.size(); s++) {
                all.add(s);
            }
            groups.add(all);
            return groups;
        }
        for (int c = 0; c < samples.targetSize(); c++) {
            groups.add(new ArrayList<>());
        }
        double[] y = new double[samples.targetSize()];
        for (int s = 0; s < samples.size(); s++) {
            samples.target(s, y);
            int best = 0;
            for (int k = 1; k < y.length; k++) {
                if (y[k] > y[best]) {
                    best = k;
                }
            }
            groups.get(best).add(s);
        }
        return groups;
    }
}
