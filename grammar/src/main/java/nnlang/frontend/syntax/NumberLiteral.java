package nnlang.frontend.syntax;

import nnlang.model.SourcePos;

/**
 * A number as written ({@code -2}, {@code 0.5}, {@code 1e-3}, {@code 3.}, {@code .5}) and its
 * double value (infinite when the text overflows a double). The text is kept so that places that
 * need an integer can tell {@code 10} from {@code 10.0}.
 */
public record NumberLiteral(String text, double value, SourcePos pos) {

    /** Whether the text is an optional minus followed by digits only: no point, no exponent. */
    public boolean writtenAsInteger() {
        int start = text.startsWith("-") ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
