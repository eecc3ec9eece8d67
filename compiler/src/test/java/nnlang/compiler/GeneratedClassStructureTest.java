package nnlang.compiler;

import nnlang.testing.ExampleModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nnlang.model.Cost;
import nnlang.model.Expression;
import nnlang.model.FormulaActivation;
import nnlang.model.Init;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Program;
import nnlang.model.SourcePos;
import nnlang.testing.Formulas;
import nnlang.testing.ModelBuilder;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Every generated class (examples and random networks, every code shape) passes ASM's verifier, keeps
 * every method under the 8,000 bytes above which HotSpot never JIT-compiles it, and carries no
 * parameter value in its bytecode.
 */
class GeneratedClassStructureTest {
    /** HotSpot's DontCompileHugeMethods limit. */
    static final int HUGE_METHOD = 8000;

    @Test
    void everyGeneratedClassPassesTheVerifier() {
        for (GeneratedClasses.Compiled c : GeneratedClasses.all()) {
            StringWriter errors = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(c.bytes()), getClass().getClassLoader(), false,
                    new PrintWriter(errors));
            assertEquals("", errors.toString(), c + " does not verify");
        }
    }

    @Test
    void everyMethodOfEveryGeneratedClassIsUnder8000Bytes() {
        int largest = 0;
        String largestName = "";
        for (GeneratedClasses.Compiled c : GeneratedClasses.all()) {
            for (var method : codeSizes(c.bytes()).entrySet()) {
                if (method.getValue() > largest) {
                    largest = method.getValue();
                    largestName = c + " " + method.getKey();
                }
            }
        }
        System.out.println("largest method: " + largestName + ", " + largest + " bytes");
        assertTrue(largest < HUGE_METHOD, largestName + " has " + largest + " bytes of bytecode");
    }

    /** The numbers of the model's formula activations, which belong in the code. */
    private static Set<Double> formulaConstants(NetworkModel model) {
        Set<Double> numbers = new HashSet<>();
        for (Node node : model.nodes()) {
            if (node.activation() instanceof FormulaActivation f) {
                for (Program p : List.of(f.forwardProgram(), f.derivativeProgram())) {
                    p.steps().stream().filter(Program.Step::isConstant).forEach(s -> numbers.add(s.constant()));
                }
            }
        }
        return numbers;
    }

    @Test
    void noParameterValueIsBakedIntoTheBytecode() {
        for (GeneratedClasses.Compiled c : GeneratedClasses.all()) {
            List<Object> doubles = new ArrayList<>();
            Set<Double> formulaNumbers = formulaConstants(c.model());
            formulaNumbers.add(nnlang.model.Expression.Op.STEP_SCALE); // step's definition, as 1.0 is
            c.model().train().map(t -> t.optimizer()).ifPresent(o -> {
                if (o instanceof nnlang.model.Optimizer.Momentum m) {
                    formulaNumbers.add(m.mu()); // a hyper-parameter of the source, as sizes are
                }
            });
            c.model().nodes().stream().filter(n -> n.layer() instanceof nnlang.model.Pool)
                    .forEach(n -> formulaNumbers.add((double) ((nnlang.model.Pool) n.layer()).windowSize()));
            for (MethodNode m : classNode(c.bytes()).methods) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Double d && !formulaNumbers.contains(d)) {
                        doubles.add(d);
                    }
                }
            }
            assertEquals(List.of(), doubles, c + " loads double constants other than 0.0, 1.0, step's"
                    + " 2^1023, its formulas', its optimizer's and its avgpools' window sizes");
        }
    }

    @Test
    void theHalfAdderIsStraightLineCodeAndMnistsLayersSweepColumnsForFiveSamplesAndRowsSixAtATime() {
        ClassNode halfAdder = classNode(NetworkCompiler.compile(ExampleModels.halfAdder(), "HalfAdder"));
        for (MethodNode m : halfAdder.methods) {
            if (m.name.startsWith("forward")) {
                assertEquals(0, backwardJumps(m), m.name + " loops");
            }
        }
        ClassNode mnist = classNode(NetworkCompiler.compile(
                ExampleModels.mnistShaped(nnlang.model.Cost.QUADRATIC, nnlang.model.Activation.SIGMOID, 1), "Mnist"));
        MethodNode hidden = method(mnist, "forwardBatch_hidden");
        assertEquals(List.of("x0i0", "x1i0", "x2i0", "x3i0", "x4i0", "x0i1", "x1i1", "x2i1", "x3i1", "x4i1",
                        "x0i0", "x0i1", "x0i2", "x0i3"), hidden.localVariables.stream()
                        .map(v -> v.name).filter(n -> n.matches("x\\di\\d")).toList(),
                "the 30 hidden neurons' sums take two inputs of five samples per sweep, then four of one sample");
        MethodNode out = method(mnist, "forward_digit");
        assertEquals(6 + 4, out.localVariables.stream().filter(v -> v.name.startsWith("sum")).count(),
                "the 10 output neurons: a block of six running sums, then a block of four");
        for (MethodNode m : List.of(hidden, method(mnist, "forward_hidden"), out)) {
            for (AbstractInsnNode insn : m.instructions) {
                assertTrue(insn.getOpcode() != Opcodes.INVOKEVIRTUAL && insn.getOpcode() != Opcodes.INVOKEINTERFACE,
                        m.name + " calls nothing virtual: the sigmoid is inline");
            }
        }
    }

    @Test
    void aConvolutionSumsFiveKernelElementsForTwoFiltersPerSweepAndListsTheNonZeroGradients() {
        ClassNode conv = classNode(NetworkCompiler.compile(ExampleModels.mnistConv(1), "MnistConv"));
        MethodNode forward = method(conv, "forward_c2");
        assertEquals(List.of("w0_0", "w0_1", "w0_2", "w0_3", "w0_4", "w1_0", "w1_1", "w1_2", "w1_3", "w1_4"),
                forward.localVariables.stream().map(v -> v.name).filter(n -> n.matches("w\\d_\\d")).toList(),
                "the 40 filters' sums take five kernel elements of two filters per sweep over the 64 positions");
        assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), forward.localVariables.stream().map(v -> v.name)
                .filter(n -> n.matches("v\\d")).toList(), "each view array is loaded once for both filters");
        MethodNode gradients = method(conv, "accumulateBatch_c2");
        assertEquals(List.of("d0", "d1", "d2", "d3", "d0"), gradients.localVariables.stream().map(v -> v.name)
                .filter(n -> n.matches("d\\d")).toList(), "gradient sums over the listed non-zero dZ, four per sweep, then one");
        assertTrue(method(conv, "propagate_p1").instructions.size() > 0);
        for (String name : List.of("forward_c1", "forward_c2", "accumulateBatch_c1", "accumulateBatch_c2", "propagate_c2",
                "forward_p1", "propagate_p1")) {
            assertTrue(codeSizes(NetworkCompiler.compile(ExampleModels.mnistConv(1), "MnistConv")).entrySet().stream()
                    .anyMatch(e -> e.getKey().startsWith(name + "(") && e.getValue() < 2000), name + " is a small loop");
        }
    }

    @Test
    void theSigmoidAsAFormulaCompilesToTheBuiltinsVeryBytecode() {
        // what the front end makes of activation mysig(z) = 1 / (1 + exp(-z))
        Expression a = Expression.A;
        FormulaActivation mysig = new FormulaActivation("mysig", Expression.apply(Expression.Op.SIGMOID, Expression.Z),
                Expression.apply(Expression.Op.MUL, a, Expression.apply(Expression.Op.SUB, Expression.constant(1.0), a)),
                SourcePos.NONE);
        byte[] builtin = NetworkCompiler.compile(ExampleModels.mnistShaped(Cost.QUADRATIC, nnlang.model.Activation.SIGMOID, 3),
                "Mnist");
        byte[] formula = NetworkCompiler.compile(ExampleModels.mnistShaped(Cost.QUADRATIC, mysig, 3), "Mnist");
        assertArrayEquals(builtin, formula);
    }

    @Test
    void aFormulaOfABuiltinsSizeIsInlineALargerOneIsOneStaticMethodPerClass() {
        NetworkModel model = new ModelBuilder("Formulas").scalars("x1", "x2")
                .dense("hidden", 3, Formulas.SWISH)
                .dense("out", 1, Formulas.SCALED)
                .train(new double[][] {{0, 0}, {1, 1}}, new double[][] {{0}, {1}}, Cost.QUADRATIC, 1.0, 2, 1,
                        new Init.Gaussian(0, 1, false, SourcePos.NONE), 1)
                .build();
        ClassNode c = classNode(NetworkCompiler.compile(model, "Formulas"));
        List<String> names = c.methods.stream().map(m -> m.name).toList();
        assertTrue(Formulas.SWISH.forwardProgram().steps().size() <= ActivationEmitter.INLINE_STEPS);
        assertFalse(names.contains("activation_swish"), "swish, z * sigmoid(z), is inline: " + names);
        assertTrue(names.containsAll(List.of("derivative_swish", "activation_scaled", "derivative_scaled")), names.toString());
        int calls = 0;
        for (MethodNode m : c.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof MethodInsnNode call
                        && (call.name.startsWith("activation_") || call.name.startsWith("derivative_"))) {
                    assertEquals(Opcodes.INVOKESTATIC, call.getOpcode(), m.name + " calls " + call.name);
                    calls++;
                }
            }
        }
        assertTrue(calls > 0, "the elements call the formula methods");
    }

    @Test
    void xorTrainsInLocalsFourSamplesPerBlockOfStraightLineCodeThenOneByOne() {
        ClassNode xor = classNode(NetworkCompiler.compile(nnlang.testing.ModelBuilder.xor(7), "Xor"));
        MethodNode train = method(xor, "trainBatchHere");
        List<String> locals = train.localVariables.stream().map(v -> v.name).toList();
        assertEquals(List.of("s0_a_hidden0", "s1_a_hidden0", "s2_a_hidden0", "s3_a_hidden0"),
                locals.stream().filter(n -> n.matches("s\\d_a_hidden0")).toList(),
                "each sample of a block of four has its activations in locals of its own");
        assertTrue(locals.containsAll(List.of("w_hidden_1_0", "gW_out_0_1", "b_out0", "gb_hidden1")), locals.toString());
        int exps = 0;
        int firstLoop = Integer.MAX_VALUE;
        int lastLoop = -1;
        for (AbstractInsnNode insn : train.instructions) {
            assertTrue(!(insn instanceof MethodInsnNode call) || !call.owner.equals("Xor")
                    || call.name.equals("checkBatch") && train.instructions.indexOf(call) < 16,
                    "trainBatch calls no method of its own class but, first, the inherited argument check");
            exps += insn instanceof MethodInsnNode call && call.name.equals("exp") ? 1 : 0;
            if (insn instanceof org.objectweb.asm.tree.JumpInsnNode jump
                    && train.instructions.indexOf(jump.label) < train.instructions.indexOf(jump)) {
                firstLoop = Math.min(firstLoop, train.instructions.indexOf(jump.label));
                lastLoop = Math.max(lastLoop, train.instructions.indexOf(jump));
            }
        }
        assertEquals(3 * (4 + 1), exps, "three sigmoids per sample, for the block of four and the single sample");
        assertEquals(2, backwardJumps(train), "one loop over blocks of four, one over single samples");
        for (AbstractInsnNode insn : train.instructions) {
            int at = train.instructions.indexOf(insn);
            assertTrue(insn.getOpcode() != Opcodes.GETFIELD && insn.getOpcode() != Opcodes.PUTFIELD
                    || at < firstLoop || at > lastLoop, "no field is read or written in the sample loops");
        }
    }

    /**
     * A class that divides a mini-batch between threads computes the bounds of a share's part only in
     * its share methods (and, dividing by neurons, the first node's forward pass for a share, the
     * hand-over of its values, and the copies of a share's parameters into a thread's arrays and
     * back): the methods it runs on one thread have the constant bounds of before.
     */
    @Test
    void onlyTheShareMethodsOfADividingClassComputeAPartsBounds() {
        int dividing = 0;
        int byNeurons = 0;
        int replicating = 0;
        int chaining = 0;
        for (GeneratedClasses.Compiled c : GeneratedClasses.all()) {
            ClassNode node = classNode(c.bytes());
            boolean divides = node.methods.stream().anyMatch(m -> m.name.equals("trainShare"));
            dividing += divides ? 1 : 0;
            byNeurons += node.methods.stream().anyMatch(m -> m.name.equals("forwardNeuronShare")) ? 1 : 0;
            replicating += node.methods.stream().anyMatch(m -> m.name.equals("allocateReplicas")) ? 1 : 0;
            chaining += node.methods.stream().anyMatch(m -> m.name.equals("trainChained")) ? 1 : 0;
            for (MethodNode m : node.methods) {
                boolean callsPartStart = false;
                for (AbstractInsnNode insn : m.instructions) {
                    callsPartStart |= insn instanceof MethodInsnNode call && call.name.equals("partStart");
                }
                boolean share = m.name.startsWith("accumulateShare_") || m.name.startsWith("updateShare")
                        || m.name.startsWith("forwardNeurons_") || m.name.equals("forwardNeuronShare")
                        || m.name.equals("takeNeuronShare") || m.name.equals("giveNeuronShare");
                assertTrue(!callsPartStart || share && divides, c + " " + m.name + " computes a share's bounds");
            }
        }
        assertTrue(dividing > 10, dividing + " classes divide a mini-batch between threads");
        assertTrue(byNeurons > 10, byNeurons + " classes divide a mini-batch by their first node's neurons");
        assertTrue(replicating > 10 && replicating < dividing - byNeurons - 10,
                replicating + " of the " + (dividing - byNeurons) + " classes divided by samples replicate nodes");
        assertTrue(chaining > 10 && chaining < dividing - byNeurons - 10,
                chaining + " of the " + (dividing - byNeurons) + " classes divided by samples chain nodes");
    }

    /**
     * Divided by samples, the conv example replicates its two dense layers, which do 4% of its
     * multiply-adds: every thread after the first gets new arrays for their parameters, sums and
     * momentum, and for nothing else. It chains its first convolution, whose 520 parameters have
     * 11,520 values per sample, and no other node.
     */
    @Test
    void theConvExampleReplicatesItsDenseLayersChainsItsFirstConvolutionAndNothingElse() {
        ClassNode conv = classNode(NetworkCompiler.compile(ExampleModels.mnistConv(1), "MnistConv"));
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (AbstractInsnNode insn : method(conv, "allocateReplicas").instructions) {
            if (insn instanceof org.objectweb.asm.tree.FieldInsnNode field && insn.getOpcode() == Opcodes.PUTFIELD) {
                fields.add(field.name);
            }
        }
        assertEquals(new java.util.TreeSet<>(List.of("b_digit", "b_h", "gW_digit", "gW_h", "gb_digit", "gb_h",
                "s0_digit", "s0_h", "sb0_digit", "sb0_h", "w_digit", "w_h")), fields);
        assertEquals(List.of("chain_c1"), conv.methods.stream().map(m -> m.name).filter(n -> n.startsWith("chain_"))
                .toList());
        assertEquals(List.of("share_c2", "share_h", "share_digit"), conv.methods.stream().map(m -> m.name)
                .filter(n -> n.startsWith("share_")).toList());
    }

    private static MethodNode method(ClassNode c, String name) {
        return c.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    /** Jumps to an earlier instruction: one per loop in the code this compiler emits. */
    private static int backwardJumps(MethodNode m) {
        int jumps = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof org.objectweb.asm.tree.JumpInsnNode jump
                    && m.instructions.indexOf(jump.label) < m.instructions.indexOf(jump)) {
                jumps++;
            }
        }
        return jumps;
    }

    static ClassNode classNode(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }

    /**
     * The code length of each method ({@code name + descriptor}), read from the class file's Code
     * attributes: the figure HotSpot compares with its 8,000-byte limit.
     */
    static java.util.Map<String, Integer> codeSizes(byte[] bytes) {
        ClassReader r = new ClassReader(bytes);
        char[] buf = new char[r.getMaxStringLength()];
        int at = r.header + 6;
        at += 2 + 2 * r.readUnsignedShort(at);
        at = skipMembers(r, at);
        java.util.Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
        int methods = r.readUnsignedShort(at);
        at += 2;
        for (int k = 0; k < methods; k++) {
            String name = r.readUTF8(at + 2, buf) + r.readUTF8(at + 4, buf);
            int attributes = r.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                if (r.readUTF8(at, buf).equals("Code")) {
                    sizes.put(name, r.readInt(at + 10));
                }
                at += 6 + r.readInt(at + 2);
            }
        }
        return sizes;
    }

    /** Skips a fields (or methods) table starting at {@code at}; returns the offset after it. */
    private static int skipMembers(ClassReader r, int at) {
        int count = r.readUnsignedShort(at);
        at += 2;
        for (int k = 0; k < count; k++) {
            int attributes = r.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                at += 6 + r.readInt(at + 2);
            }
        }
        return at;
    }
}
