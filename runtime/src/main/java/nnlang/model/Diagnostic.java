package nnlang.model;

import java.util.List;

/**
 * One problem found in a {@code .nn} source (or in a data file it names), with its position. Every
 * stage reports problems as diagnostics and collects all it can find; none is global state.
 *
 * @param code    a stable identifier that tests assert on (e.g. {@code unknown-name}); the wording
 *                of {@code message} may change
 * @param message what is wrong and what was expected, without the position
 * @param hint    an optional suggestion (may be null)
 */
public record Diagnostic(String code, SourcePos pos, String message, String hint) {

    public Diagnostic(String code, SourcePos pos, String message) {
        this(code, pos, message, null);
    }

    /**
     * {@code FILE:LINE:COL: error: message}, then (when {@code sourceLines} has the line) the source
     * line and a caret under the construct, then the hint.
     *
     * @param sourceLines the lines of the file the position is in, or an empty list
     */
    public String format(List<String> sourceLines) {
        StringBuilder out = new StringBuilder();
        out.append(pos.file()).append(':').append(pos.line()).append(':').append(pos.column())
                .append(": error: ").append(message);
        int line = pos.line();
        if (line >= 1 && line <= sourceLines.size()) {
            String text = sourceLines.get(line - 1);
            out.append('\n').append(text).append('\n');
            int col = Math.max(1, pos.column());
            for (int i = 1; i < col && i - 1 < text.length(); i++) {
                out.append(text.charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            out.append('^');
            for (int i = 1; i < pos.length(); i++) {
                out.append('~');
            }
        }
        if (hint != null) {
            out.append("\n  hint: ").append(hint);
        }
        return out.toString();
    }
}
