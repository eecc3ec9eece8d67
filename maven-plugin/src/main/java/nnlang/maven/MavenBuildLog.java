package nnlang.maven;

import nnlang.maven.engine.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** The engine's log written to Maven's: info, warning and error lines as Maven prints them. */
final class MavenBuildLog implements BuildLog {

    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }
}
