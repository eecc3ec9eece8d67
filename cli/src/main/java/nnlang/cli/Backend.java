package nnlang.cli;

import nnlang.compiler.NetworkCompiler;
import nnlang.model.NetworkModel;
import nnlang.runtime.Interpreter;
import nnlang.runtime.Network;

/** The two ways to run a checked network; both give the same bits. */
enum Backend {
    /** A JVM class generated for this network by the ASM compiler. */
    COMPILED,
    /** The EJML interpreter. */
    INTERPRETED;

    Network create(NetworkModel model) {
        return this == COMPILED ? NetworkCompiler.load(model) : new Interpreter(model);
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
