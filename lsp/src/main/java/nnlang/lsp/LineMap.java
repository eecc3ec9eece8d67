package nnlang.lsp;

import java.util.ArrayList;
import java.util.List;
import nnlang.frontend.syntax.SourceToken;
import nnlang.model.SourcePos;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Positions in one text, both ways between the front end's (1-based lines and columns counted in code
 * points, lines split at {@code \n}) and the protocol's (0-based lines, columns in UTF-16 code units).
 * Every conversion clamps to the text, so a position from a stale or broken source never throws.
 */
final class LineMap {
    private final String text;
    private final int[] starts;

    LineMap(String text) {
        this.text = text;
        List<Integer> lineStarts = new ArrayList<>();
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        starts = lineStarts.stream().mapToInt(Integer::intValue).toArray();
    }

    int lineCount() {
        return starts.length;
    }

    /** The text of a 0-based line without its line terminator. */
    String line(int line) {
        int l = clampLine(line);
        int end = l + 1 < starts.length ? starts[l + 1] - 1 : text.length();
        if (end > starts[l] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(starts[l], Math.max(starts[l], end));
    }

    /** The protocol position of a front-end (line, column), both 1-based, the column in code points. */
    Position position(int line, int column) {
        int l = clampLine(line - 1);
        return new Position(l, charsBefore(l, column - 1));
    }

    /** The range of {@code length} code points from a front-end (line, column). */
    Range range(int line, int column, int length) {
        Position start = position(line, column);
        int l = start.getLine();
        return new Range(start, new Position(l, charsBefore(l, column - 1 + Math.max(0, length))));
    }

    Range range(SourcePos pos) {
        return range(pos.line(), pos.column(), pos.length());
    }

    /** A single-line token's range; a block comment over several lines ends at the end of its first line. */
    Range range(SourceToken token) {
        String firstLine = token.text().lines().findFirst().orElse("");
        return range(token.line(), token.column(), firstLine.codePointCount(0, firstLine.length()));
    }

    /** The front end's {line, column} (1-based, code points) of a protocol position. */
    int[] frontEnd(Position position) {
        int l = clampLine(position.getLine());
        String lineText = line(l);
        int chars = Math.max(0, Math.min(position.getCharacter(), lineText.length()));
        return new int[] {l + 1, lineText.codePointCount(0, chars) + 1};
    }

    /** The offset in the text of a protocol position. */
    int offset(Position position) {
        int l = clampLine(position.getLine());
        return starts[l] + Math.max(0, Math.min(position.getCharacter(), line(l).length()));
    }

    /** The protocol position of an offset in the text. */
    Position position(int offset) {
        int o = Math.max(0, Math.min(offset, text.length()));
        int l = 0;
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= o) {
                l = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(l, o - starts[l]);
    }

    /** UTF-16 units before {@code codePoints} code points of a 0-based line, at most the line's length. */
    private int charsBefore(int line, int codePoints) {
        String lineText = line(line);
        int n = Math.max(0, codePoints);
        int available = lineText.codePointCount(0, lineText.length());
        return n >= available ? lineText.length() : lineText.offsetByCodePoints(0, n);
    }

    private int clampLine(int line) {
        return Math.max(0, Math.min(line, starts.length - 1));
    }
}
