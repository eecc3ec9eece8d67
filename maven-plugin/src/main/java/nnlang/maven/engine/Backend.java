package nnlang.maven.engine;

import java.util.Locale;
import nnlang.compiler.NetworkCompiler;
import nnlang.model.NetworkModel;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;

/** The back end that runs a network during training; both give the same bits. */
public enum Backend {
    /** The class the ASM compiler generates for the network, loaded in-process. */
    COMPILED,
    /** The EJML interpreter. */
    INTERPRETED;

    /** A new, untrained instance of {@code model} on this back end. */
    public Network create(NetworkModel model) {
        return this == COMPILED ? NetworkCompiler.load(model) : new Interpreter(model);
    }

    /** The name users write in the configuration: {@code compiled} or {@code interpreted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The back end a configuration names, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code label} is neither
     */
    public static Backend byLabel(String label) {
        for (Backend b : values()) {
            if (b.label().equalsIgnoreCase(label.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + label + "': use compiled or interpreted");
    }
}
