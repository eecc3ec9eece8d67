package nnlang.lsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nnlang.frontend.syntax.SourceToken;
import nnlang.frontend.syntax.SourceToken.Kind;
import nnlang.model.Diagnostic;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Quick fixes for the diagnostics that have exactly one fix: the name a "did you mean" hint suggests,
 * a second bias or threshold removed, a missing train setting or optimizer argument added as its
 * hint writes it, an index on a scalar input removed. And one rewrite anywhere: {@code bias: b} as
 * {@code threshold: -b} and back, which mean the same.
 */
final class CodeActions {
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean ([A-Za-z_][A-Za-z_0-9]*)\\?");
    private static final Pattern ARGUMENT = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*): (-?[0-9.]+)");

    private CodeActions() {}

    /** The actions for the diagnostics that touch {@code range}, then the rewrites at it. */
    static List<CodeAction> at(Analysis a, Range range) {
        List<CodeAction> actions = new ArrayList<>();
        for (Diagnostic d : a.check().diagnostics()) {
            Range where = a.lines().range(d.pos());
            if (touches(where, range)) {
                fix(a, d).filter(action -> actions.stream().noneMatch(x -> x.getTitle().equals(action.getTitle())))
                        .ifPresent(action -> {
                    action.setDiagnostics(List.of(Diagnostics.convert(a, d)));
                    action.setIsPreferred(true);
                    actions.add(action);
                });
            }
        }
        biasOrThreshold(a, range).ifPresent(actions::add);
        return actions;
    }

    private static Optional<CodeAction> fix(Analysis a, Diagnostic d) {
        Range where = a.lines().range(d.pos());
        if (d.hint() != null) {
            Matcher m = DID_YOU_MEAN.matcher(d.hint());
            if (m.find()) {
                return Optional.of(quickFix("Change to " + m.group(1), a, new TextEdit(where, m.group(1))));
            }
        }
        return switch (d.code()) {
            case "duplicate-bias" -> removeArgument(a, d);
            case "missing-train-setting" -> addSetting(a, d);
            case "missing-argument" -> addArguments(a, d);
            case "not-indexable" -> tokenIndex(a, d.pos().line(), d.pos().column()).map(i -> quickFix(
                    "Remove the index", a, new TextEdit(where, a.index().token(i).text())));
            default -> Optional.empty();
        };
    }

    /** {@code , threshold: 2} after the first bias goes, with its comma. */
    private static Optional<CodeAction> removeArgument(Analysis a, Diagnostic d) {
        return tokenIndex(a, d.pos().line(), d.pos().column()).filter(i -> i > 0 && i + 2 < a.index().tokenCount())
                .map(i -> {
                    int from = a.index().token(i - 1).is(Kind.SYMBOL, ",") ? i - 1 : i;
                    Range range = DocumentSymbols.range(a, from, i + 2);
                    return quickFix("Remove the second " + a.index().token(i).text(), a, new TextEdit(range, ""));
                });
    }

    /** The hint's setting, on a line of its own before the train block's closing brace. */
    private static Optional<CodeAction> addSetting(Analysis a, Diagnostic d) {
        Optional<Integer> train = tokenIndex(a, d.pos().line(), d.pos().column());
        if (train.isEmpty() || d.hint() == null) {
            return Optional.empty();
        }
        int depth = 0;
        for (int i = train.get() + 1; i < a.index().tokenCount(); i++) {
            SourceToken t = a.index().token(i);
            depth += t.is(Kind.SYMBOL, "{") ? 1 : t.is(Kind.SYMBOL, "}") ? -1 : 0;
            if (depth == 0 && t.is(Kind.SYMBOL, "}")) {
                SourceToken keyword = a.index().token(train.get());
                String indent = " ".repeat(Math.max(0, keyword.column() - 1));
                SourceToken previous = a.index().token(i - 1);
                Position end = a.lines().range(previous).getEnd();
                String text = "\n" + indent + "    " + d.hint();
                return Optional.of(quickFix("Add " + d.hint(), a, new TextEdit(new Range(end, end), text)));
            }
        }
        return Optional.empty();
    }

    /** The arguments the hint gives and the call lacks, before its closing parenthesis. */
    private static Optional<CodeAction> addArguments(Analysis a, Diagnostic d) {
        Optional<Integer> setting = tokenIndex(a, d.pos().line(), d.pos().column());
        if (setting.isEmpty() || d.hint() == null) {
            return Optional.empty();
        }
        Map<String, String> hinted = new LinkedHashMap<>();
        Matcher m = ARGUMENT.matcher(d.hint());
        while (m.find()) {
            hinted.put(m.group(1), m.group(2));
        }
        int open = -1;
        for (int i = setting.get(); i < a.index().tokenCount(); i++) {
            SourceToken t = a.index().token(i);
            if (t.is(Kind.SYMBOL, "(")) {
                open = i;
            } else if (t.is(Kind.SYMBOL, ")") && open >= 0) {
                List<String> missing = new ArrayList<>();
                for (Map.Entry<String, String> e : hinted.entrySet()) {
                    boolean given = false;
                    for (int k = open + 1; k < i; k++) {
                        given |= a.index().token(k).text().equals(e.getKey()) && a.index().token(k + 1).is(Kind.SYMBOL, ":");
                    }
                    if (!given) {
                        missing.add(e.getKey() + ": " + e.getValue());
                    }
                }
                if (missing.isEmpty()) {
                    return Optional.empty();
                }
                Position at = a.lines().range(t).getStart();
                String text = (i == open + 1 ? "" : ", ") + String.join(", ", missing);
                return Optional.of(quickFix("Add " + String.join(", ", missing), a, new TextEdit(new Range(at, at), text)));
            } else if (i > setting.get() && t.startsStatement()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** {@code bias: b} as {@code threshold: -b}, or back, where the cursor is. */
    private static Optional<CodeAction> biasOrThreshold(Analysis a, Range range) {
        int[] at = a.lines().frontEnd(range.getStart());
        Optional<Integer> index = a.index().indexAt(at[0], at[1]);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        SymbolIndex ix = a.index();
        int i = index.get();
        for (int start = Math.max(0, i - 2); start <= i; start++) {
            SourceToken keyword = ix.token(start);
            boolean bias = keyword.is(Kind.KEYWORD, "bias");
            if ((bias || keyword.is(Kind.KEYWORD, "threshold")) && start + 2 < ix.tokenCount()
                    && ix.token(start + 1).is(Kind.SYMBOL, ":") && ix.token(start + 2).kind() == Kind.NUMBER) {
                String value = negate(ix.token(start + 2).text());
                String text = (bias ? "threshold: " : "bias: ") + value;
                CodeAction action = new CodeAction("Write as " + text);
                action.setKind(CodeActionKind.RefactorRewrite);
                action.setEdit(edit(a, new TextEdit(DocumentSymbols.range(a, start, start + 2), text)));
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** The number with the other sign, as written: -b for b, b for -b; a zero stays 0. */
    static String negate(String number) {
        if (Double.parseDouble(number) == 0.0) {
            return "0";
        }
        return number.startsWith("-") ? number.substring(1) : "-" + number;
    }

    private static Optional<Integer> tokenIndex(Analysis a, int line, int column) {
        return a.index().indexAt(line, column);
    }

    private static CodeAction quickFix(String title, Analysis a, TextEdit edit) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setEdit(edit(a, edit));
        return action;
    }

    private static WorkspaceEdit edit(Analysis a, TextEdit edit) {
        return new WorkspaceEdit(Map.of(a.uri(), List.of(edit)));
    }

    private static boolean touches(Range a, Range b) {
        return !before(a.getEnd(), b.getStart()) && !before(b.getEnd(), a.getStart());
    }

    private static boolean before(Position p, Position q) {
        return p.getLine() < q.getLine() || p.getLine() == q.getLine() && p.getCharacter() < q.getCharacter();
    }
}
