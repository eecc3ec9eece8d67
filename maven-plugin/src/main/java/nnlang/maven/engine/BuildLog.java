package nnlang.maven.engine;

/**
 * Where the engine reports progress and problems. The Maven goals adapt Maven's log to it; tests
 * record the lines. A message may span several lines (a diagnostic with its source line and caret).
 */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    void error(String message);
}
