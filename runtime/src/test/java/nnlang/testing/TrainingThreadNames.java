package nnlang.testing;

import java.util.Set;
import java.util.TreeSet;
import nnlang.runtime.TrainingThreads;

/** The names of the training threads ({@link TrainingThreads#NAME_PREFIX}…) alive now, as {@code jstack} would list them. */
public final class TrainingThreadNames {
    private TrainingThreadNames() {}

    /** The alive threads whose names start with {@link TrainingThreads#NAME_PREFIX}, sorted. */
    public static Set<String> alive() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(TrainingThreads.NAME_PREFIX) && t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
