package nnlang.frontend.check;

import java.util.Collection;

/** "Did you mean" hints: the closest candidate within edit distance 2. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /**
     * A hint naming the candidate with the smallest Levenshtein distance to {@code written} (the
     * first such in iteration order), or null when none is within distance 2.
     */
    static String didYouMean(String written, Collection<String> candidates) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            int d = distance(written, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? null : "did you mean " + best + "?";
    }

    /** The Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
