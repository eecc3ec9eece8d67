package nnlang.runtime;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A child process for {@link KilledWhileSavingTest}: writes generation 1, 2, 3, … of a large
 * parameter file (every value of generation k is k) to the file named by its first argument,
 * printing {@code saved k} after each write returns, until it is killed.
 */
public final class SaveForever {
    static final ParameterLayout LAYOUT = ParameterLayout.decode("Big:hidden=1000x2000,out=10x1000");

    private SaveForever() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        double[] params = new double[LAYOUT.parameterCount()];
        for (long k = 1; ; k++) {
            Arrays.fill(params, k);
            ParameterFile.write(file, LAYOUT, params);
            System.out.println("saved " + k);
            System.out.flush();
        }
    }
}
