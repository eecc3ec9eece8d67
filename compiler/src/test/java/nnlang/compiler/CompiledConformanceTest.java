package nnlang.compiler;

import java.util.List;
import nnlang.testing.BackEnd;
import nnlang.testing.BackEndConformance;

/** The compiled class, under every code shape, against the interpreter: the conformance suite. */
class CompiledConformanceTest extends BackEndConformance {

    @Override
    protected List<BackEnd> backEnds() {
        return CodeShapes.backEnds();
    }
}
