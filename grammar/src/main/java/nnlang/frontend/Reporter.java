package nnlang.frontend;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.Diagnostic;
import nnlang.model.SourcePos;

/**
 * Collects the diagnostics of one check, in the order they are found. Each call to
 * {@link FrontEnd#check} has its own reporter, so checks of different files never share state.
 */
public final class Reporter {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Records a problem without a hint. */
    public void error(String code, SourcePos pos, String message) {
        diagnostics.add(new Diagnostic(code, pos, message));
    }

    /** Records a problem with a suggestion; {@code hint} may be null. */
    public void error(String code, SourcePos pos, String message, String hint) {
        diagnostics.add(new Diagnostic(code, pos, message, hint));
    }

    /** Records problems found by another reporter, in their order. */
    public void addAll(List<Diagnostic> found) {
        diagnostics.addAll(found);
    }

    /** The number of problems recorded so far: compare before and after a pass to see if it failed. */
    public int count() {
        return diagnostics.size();
    }

    public boolean hasErrors() {
        return !diagnostics.isEmpty();
    }

    /** An unmodifiable copy of what was recorded. */
    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
