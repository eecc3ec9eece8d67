package nnlang.interop;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the formats here need (RFC 8259): strings quoted for output, and a strict reader for
 * small documents such as a safetensors header. Objects read as {@code LinkedHashMap} in document
 * order (a repeated key is an error), arrays as {@code List}, strings as {@code String}, integers as
 * {@code BigInteger}, other numbers as {@code Double}, and {@code true}, {@code false},
 * {@code null} as {@code Boolean} and {@link #NULL}.
 */
public final class Json {

    /** What {@code null} reads as. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A document that is not JSON, with the 0-based character offset of the problem. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(int offset, String problem) {
            super(problem + " at character " + (offset + 1));
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** {@code value} as a JSON string literal: quoted, with {@code " \ } and control characters escaped. */
    public static String quote(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    /** The one value {@code text} holds, with nothing but white space around it. */
    public static Object parse(String text) throws SyntaxException {
        Json json = new Json(text);
        Object value = json.value(0);
        json.skipSpace();
        if (json.pos < text.length()) {
            throw new SyntaxException(json.pos, "unexpected " + json.describe() + " after the value");
        }
        return value;
    }

    private static final int MAX_DEPTH = 64;

    private Object value(int depth) throws SyntaxException {
        if (depth > MAX_DEPTH) {
            throw new SyntaxException(pos, "values nested deeper than " + MAX_DEPTH);
        }
        skipSpace();
        if (pos >= text.length()) {
            throw new SyntaxException(pos, "the text ends where a value was expected");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object(depth);
        } else if (c == '[') {
            return array(depth);
        } else if (c == '"') {
            return string();
        } else if (c == '-' || c >= '0' && c <= '9') {
            return number();
        } else if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        } else if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        } else if (text.startsWith("null", pos)) {
            pos += 4;
            return NULL;
        }
        throw new SyntaxException(pos, "expected a value, found " + describe());
    }

    private Map<String, Object> object(int depth) throws SyntaxException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek('}')) {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            int keyAt = pos;
            if (!peek('"')) {
                throw new SyntaxException(pos, "expected a key in quotes, found " + describe());
            }
            String key = string();
            skipSpace();
            expect(':');
            Object value = value(depth + 1);
            if (map.put(key, value) != null) {
                throw new SyntaxException(keyAt, "the key \"" + key + "\" appears twice");
            }
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array(int depth) throws SyntaxException {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek(']')) {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipSpace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() throws SyntaxException {
        pos++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxException(pos, "the text ends inside a string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            } else if (c < 0x20) {
                throw new SyntaxException(pos - 1, "a control character inside a string");
            } else if (c != '\\') {
                s.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new SyntaxException(pos, "the text ends inside a string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new SyntaxException(pos, "the text ends inside a \\u escape");
                    }
                    try {
                        s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new SyntaxException(pos, "a \\u escape needs four hexadecimal digits");
                    }
                    pos += 4;
                }
                default -> throw new SyntaxException(pos - 1, "an unknown escape \\" + e);
            }
        }
    }

    private Object number() throws SyntaxException {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits || text.charAt(digits) == '0' && pos - digits > 1) {
            throw new SyntaxException(start, "a malformed number");
        }
        boolean integer = true;
        if (peek('.')) {
            integer = false;
            pos++;
            int fraction = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == fraction) {
                throw new SyntaxException(start, "a malformed number");
            }
        }
        if (peek('e') || peek('E')) {
            integer = false;
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            int exponent = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == exponent) {
                throw new SyntaxException(start, "a malformed number");
            }
        }
        String literal = text.substring(start, pos);
        return integer ? new BigInteger(literal) : Double.valueOf(literal);
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws SyntaxException {
        if (!peek(c)) {
            throw new SyntaxException(pos, "expected '" + c + "', found " + describe());
        }
        pos++;
    }

    private String describe() {
        return pos >= text.length() ? "the end of the text" : "'" + text.charAt(pos) + "'";
    }
}
