package nnlang.interop;

import nnlang.model.SourcePos;

/**
 * A network, or a value of its parameters, that a format cannot express. The message reads
 * {@code FILE:LINE:COL: error: WHAT}, pointing at the declaration of the node at fault, e.g.
 * {@code mnist.nn:9:5: error: cannot write node digit as .nn source: ...}.
 */
public final class ExportException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param pos     the declaration at fault (a node, the network)
     * @param problem what cannot be written and why, without the position
     */
    public ExportException(SourcePos pos, String problem) {
        super(pos + ": error: " + problem);
    }
}
