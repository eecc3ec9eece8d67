package nnlang.maven.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import nnlang.frontend.CheckOptions;
import nnlang.frontend.CheckResult;

/**
 * One kind of work the build does for each {@code .nn} source, with its own status file: compiling
 * the source's networks into classes, or training them into parameter files. {@link NetworkBuilder}
 * decides which sources need the work and calls {@link #build} for those only.
 */
interface BuildStep {

    /** Names the status file, e.g. {@code compile} for {@code compile-status.properties}. */
    String name();

    /** What the summary calls networks this step finds up to date: {@code ""} or {@code "trained "}. */
    String upToDateQualifier();

    /** The past tense for summaries, e.g. {@code compiled}. */
    String done();

    /**
     * The settings besides the source that shape this step's outputs, as text; a change in it
     * rebuilds every source.
     */
    String configuration(BuildRequest request);

    /** What the front end may read when it checks a source for this step. */
    CheckOptions checkOptions(BuildRequest request, String source);

    /**
     * Does the work for one checked, error-free source and logs what it does.
     *
     * @param relativeName the source's path below the source folder, for messages
     * @param reason       why the source is built, for the log
     * @throws BuildInputException when the source's networks or data are wrong (already logged)
     * @throws IOException         when an output cannot be written
     */
    Product build(String relativeName, CheckResult checked, String reason, BuildRequest request, BuildLog log)
            throws BuildInputException, IOException;

    /**
     * What a step made from one source.
     *
     * @param networks the networks it made outputs for
     * @param outputs  the files written, relative to the output folder
     * @param data     the data files read, fingerprinted before they were read
     */
    record Product(List<String> networks, List<Path> outputs, List<BuildStatus.DataFile> data) {
        public Product {
            networks = List.copyOf(networks);
            outputs = List.copyOf(outputs);
            data = List.copyOf(data);
        }
    }
}
