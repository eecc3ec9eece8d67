package nnlang.lsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;

/**
 * What the {@link Formatter} lines up, found before it writes a line: the values of a train block
 * in one column; the {@code =} of consecutive node lines, part lines and constant lines in one
 * column; a layer's written {@code weights} and {@code bias} on lines of their own, each row of
 * weights under the first and the numbers of each column right-aligned. Token indices are those of
 * the token list, comments included.
 *
 * @param padTo      the width a token's text is padded to when code follows it on its line
 * @param padBefore  spaces before a token beyond its gap: a number right-aligned in its column
 * @param valueLines tokens that start a line four columns right of their statement: a layer's
 *                   {@code weights} and {@code bias}
 * @param rows       a row of weights after the first, by its {@code [}: the {@code [} of the first
 *                   row, whose column it starts at
 */
record Alignment(Map<Integer, Integer> padTo, Map<Integer, Integer> padBefore, Set<Integer> valueLines,
                 Map<Integer, Integer> rows) {
    private static final Set<String> MODIFIERS = Set.of("fixed", "trainable");

    /** The alignment of {@code tokens}. */
    Alignment(List<SourceToken> tokens) {
        this(new HashMap<>(), new HashMap<>(), new HashSet<>(), new HashMap<>());
        new Finder(tokens).find();
    }

    /** One pass per kind of alignment, filling this alignment's maps. */
    private final class Finder {
        private final List<SourceToken> tokens;

        Finder(List<SourceToken> tokens) {
            this.tokens = tokens;
        }

        void find() {
            alignSettings();
            alignNodes();
            layOutWeights();
        }

        /** Each train block's values start one column after its longest setting keyword. */
        private void alignSettings() {
            int depth = 0;
            List<Integer> keywords = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                SourceToken t = tokens.get(i);
                if (t.is(Kind.SYMBOL, "{")) {
                    depth++;
                } else if (t.is(Kind.SYMBOL, "}")) {
                    if (depth == 2) {
                        int longest = keywords.stream().mapToInt(k -> width(tokens.get(k).text())).max().orElse(0);
                        keywords.forEach(k -> padTo.put(k, longest));
                        keywords.clear();
                    }
                    depth--;
                } else if (depth == 2 && t.startsStatement() && t.kind() == Kind.KEYWORD) {
                    keywords.add(i);
                }
            }
        }

        /**
         * Consecutive lines written {@code [fixed] KEYWORD NAME =} put their {@code =} in one column:
         * {@code neuron} and {@code layer} lines together, {@code part} lines, {@code let} lines (in a
         * network or at file level); a blank line, a comment line or another statement ends the run.
         * A run holds each line's first token and its name's index.
         */
        private void alignNodes() {
            List<int[]> run = new ArrayList<>();
            String family = null;
            int depth = 0;
            int lastLine = -1;
            for (int i = 0; i < tokens.size(); i++) {
                SourceToken t = tokens.get(i);
                if (t.is(Kind.SYMBOL, "{")) {
                    depth++;
                } else if (t.is(Kind.SYMBOL, "}")) {
                    depth--;
                }
                boolean statement = t.startsStatement() && depth <= 1;
                boolean ownLineComment = t.kind() == Kind.COMMENT && i > 0 && tokens.get(i - 1).endLine() < t.line();
                if (statement || ownLineComment || t.is(Kind.SYMBOL, "{") || t.is(Kind.SYMBOL, "}")) {
                    int keyword = statement && MODIFIERS.contains(t.text()) && t.kind() == Kind.KEYWORD ? i + 1 : i;
                    String kind = statement && keyword + 2 < tokens.size() && tokens.get(keyword).kind() == Kind.KEYWORD
                            && tokens.get(keyword + 1).kind() == Kind.NAME && tokens.get(keyword + 2).is(Kind.SYMBOL, "=")
                            ? family(tokens.get(keyword).text()) : null;
                    if (kind == null || !kind.equals(family) || t.line() - lastLine > 1) {
                        closeRun(run);
                    }
                    family = kind;
                    if (kind != null) {
                        run.add(new int[] {i, keyword + 1});
                    }
                }
                if (t.kind() != Kind.COMMENT) {
                    lastLine = t.endLine();
                }
            }
            closeRun(run);
        }

        /** Which lines align their {@code =} together: neurons and layers, parts, constants; null for others. */
        private static String family(String keyword) {
            return switch (keyword) {
                case "neuron", "layer" -> "node";
                case "part", "let" -> keyword;
                default -> null;
            };
        }

        /** The names of a run padded so that the {@code =} after each is in one column. */
        private void closeRun(List<int[]> run) {
            int longest = run.stream().mapToInt(r -> before(r) + width(tokens.get(r[1]).text())).max().orElse(0);
            for (int[] r : run) {
                padTo.put(r[1], longest - before(r));
            }
            run.clear();
        }

        /** The width of a run's line before its name: its words and one space after each. */
        private int before(int[] r) {
            int width = 0;
            for (int i = r[0]; i < r[1]; i++) {
                width += width(tokens.get(i).text()) + 1;
            }
            return width;
        }

        /**
         * A layer's {@code weights} and {@code bias} start lines, each row of the weights after the first
         * starts a line under the first, and when every number of the rows is one token, the numbers of
         * each column are right-aligned.
         */
        private void layOutWeights() {
            for (int i = 0; i + 1 < tokens.size(); i++) {
                SourceToken t = tokens.get(i);
                if (t.kind() != Kind.KEYWORD || !(t.text().equals("weights") || t.text().equals("bias"))
                        || !tokens.get(nextCodeIndex(i)).is(Kind.SYMBOL, "[")) {
                    continue;
                }
                valueLines.add(i);
                if (t.text().equals("weights")) {
                    rowsOf(nextCodeIndex(i));
                }
            }
        }

        /** The rows of the weights whose outer bracket is at {@code open}. */
        private void rowsOf(int open) {
            List<List<List<Integer>>> matrix = new ArrayList<>();
            int firstRow = -1;
            int depth = 0;
            int parens = 0;
            List<List<Integer>> row = null;
            List<Integer> element = null;
            for (int i = open; i < tokens.size(); i++) {
                SourceToken t = tokens.get(i);
                if (t.kind() == Kind.COMMENT) {
                    continue;
                }
                if (t.is(Kind.SYMBOL, "[") && parens == 0) {
                    depth++;
                    if (depth == 2) {
                        row = new ArrayList<>();
                        element = new ArrayList<>();
                        row.add(element);
                        matrix.add(row);
                        if (matrix.size() == 1) {
                            firstRow = i;
                        } else {
                            rows.put(i, firstRow);
                        }
                        continue;
                    }
                } else if (t.is(Kind.SYMBOL, "]") && parens == 0) {
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                    continue;
                } else if (t.is(Kind.SYMBOL, "(")) {
                    parens++;
                } else if (t.is(Kind.SYMBOL, ")")) {
                    parens--;
                } else if (t.is(Kind.SYMBOL, ",") && depth == 2 && parens == 0) {
                    element = new ArrayList<>();
                    row.add(element);
                    continue;
                }
                if (depth == 2 && element != null) {
                    element.add(i);
                }
            }
            boolean single = matrix.stream().flatMap(List::stream).allMatch(e -> e.size() == 1);
            if (!single) {
                return;
            }
            int columns = matrix.stream().mapToInt(List::size).max().orElse(0);
            for (int c = 0; c < columns; c++) {
                int column = c;
                int widest = matrix.stream().filter(r -> r.size() > column)
                        .mapToInt(r -> width(tokens.get(r.get(column).get(0)).text())).max().orElse(0);
                for (List<List<Integer>> r : matrix) {
                    if (r.size() > c) {
                        int token = r.get(c).get(0);
                        padBefore.put(token, widest - width(tokens.get(token).text()));
                    }
                }
            }
        }

        private int nextCodeIndex(int index) {
            for (int i = index + 1; i < tokens.size(); i++) {
                if (tokens.get(i).kind() != Kind.COMMENT) {
                    return i;
                }
            }
            return index;
        }
    }

    private static int width(String s) {
        return Formatter.width(s);
    }
}
