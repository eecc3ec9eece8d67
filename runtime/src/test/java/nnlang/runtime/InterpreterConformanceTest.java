package nnlang.runtime;

import java.util.List;
import nnlang.model.NetworkModel;
import nnlang.testing.BackEnd;
import nnlang.testing.BackEndConformance;
import nnlang.testing.ReferenceNetwork;

/**
 * The interpreter against {@link ReferenceNetwork}, the canonical order written as plain per-sample
 * loops: the conformance suite that pins the canonical order itself.
 */
class InterpreterConformanceTest extends BackEndConformance {

    @Override
    protected List<BackEnd> backEnds() {
        return List.of(new BackEnd("interpreter", Interpreter::new, false));
    }

    @Override
    protected Network reference(NetworkModel model) {
        return new ReferenceNetwork(model);
    }
}
