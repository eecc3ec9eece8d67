package nnlang.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the command's output goes to a terminal that a person watches, rather than a pipe, a file or a log. */
final class Terminal {
    private Terminal() {}

    /**
     * True when there is a console (on JDK 17: standard input and output are both terminals), it
     * says that it is a terminal ({@code Console.isTerminal()}, from JDK 22, where a console exists
     * even when the output is piped) and {@code TERM} is not {@code dumb}.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
