package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.FormulaActivation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.runtime.CompiledNetwork;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.UpdateRule;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Generates the class for one network, a final subclass of {@link CompiledNetwork}: its fields (every
 * one a {@link Buffer}), the constructor, {@code trained()}, {@code predict}, the copies between its
 * arrays and the flat parameter order, and the phase sequences ({@link Sequences}) every class has;
 * then its {@link TrainingStrategy} adds {@code trainBatch} and {@code accumulate} with what they
 * need. Everything that needs no specialising (argument checks, sizes, {@code gradient},
 * {@code applyGradient}, the refusal to train a network without a train block) is plain Java in
 * {@code CompiledNetwork}.
 *
 * <p>Fields: {@code in} and {@code y}, the sample buffers {@code Samples} writes into; for a trainable
 * network of more than {@link CostEmitter#INLINE_OUTPUTS} outputs, {@code out}, a sample's outputs
 * gathered for its cost; per node {@code w_<node>} (one {@code double[]} per neuron row, or per input
 * column for a column node), {@code b_}, {@code z_}, {@code a_}, and when trainable {@code dZ_},
 * {@code gW_}, {@code gb_}, per slot of the optimizer's state {@code s<k>_} and {@code sb<k>_}, and
 * where needed {@code gA_}, {@code c_}, {@code x_} and {@code dX_} (see {@link Buffer}). All are
 * allocated once, in the constructor.
 */
final class ClassGenerator {
    private static final Type COMPILED_NETWORK = Type.getType(CompiledNetwork.class);
    private static final Type PARAMETER_LAYOUT = Type.getType(ParameterLayout.class);
    private static final Type UPDATE_RULE = Type.getType(UpdateRule.class);
    private static final Type PARAMETER_FILE = Type.getObjectType("nnlang/runtime/ParameterFile");
    private static final String LAYOUT = "LAYOUT";
    private static final String RULE = "RULE";

    private final NetworkPlan plan;
    private final Type owner;
    private final ClassWriter cw = new FrameComputingClassWriter();
    private final Sequences sequences = new Sequences(this);
    /** How a mini-batch is trained; null for a network without a train block. */
    private final TrainingStrategy strategy;

    private ClassGenerator(NetworkModel model, String binaryName, CompilerOptions options) {
        this.plan = new NetworkPlan(model, options);
        this.owner = Type.getObjectType(binaryName.replace('.', '/'));
        this.strategy = plan.trainable ? TrainingStrategy.choose(this) : null;
    }

    /**
     * The class file of {@code binaryName} for {@code model}. A model without a train block has no
     * cost to train on: its class predicts, and {@code CompiledNetwork} refuses to train it.
     */
    static byte[] generate(NetworkModel model, String binaryName, CompilerOptions options) {
        return new ClassGenerator(model, binaryName, options).generate();
    }

    NetworkPlan plan() {
        return plan;
    }

    Type owner() {
        return owner;
    }

    Sequences sequences() {
        return sequences;
    }

    /** Starts a method of the generated class, e.g. {@code "void forward_hidden(double[])"}. */
    MethodEmitter method(int access, String descriptor, String... argNames) {
        return method(access, Method.getMethod(descriptor), argNames);
    }

    /** Starts a method of the generated class. */
    MethodEmitter method(int access, Method method, String... argNames) {
        return new MethodEmitter(cw, owner, access, method, argNames);
    }

    /** A method without arguments that returns true: what the class says of itself ({@code boolean dividesTraining()}). */
    void emitTrue(int access, String descriptor) {
        MethodEmitter m = method(access, descriptor);
        m.g.push(true);
        m.g.returnValue();
        m.end();
    }

    /** Declares a private field. */
    void field(String name, Type type) {
        cw.visitField(Opcodes.ACC_PRIVATE, name, type.getDescriptor(), null, null).visitEnd();
    }

    /** Whether the per-sample buffers come from banks of one array per sample of the mini-batch. */
    private boolean banked() {
        return strategy != null && strategy.banksSamples();
    }

    private byte[] generate() {
        NetworkModel model = plan.model;
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, owner.getInternalName(),
                null, COMPILED_NETWORK.getInternalName(), null);
        cw.visitSource(model.sourceFile(), null);
        staticField(LAYOUT, PARAMETER_LAYOUT);
        staticField(RULE, UPDATE_RULE);
        field(Buffer.INPUT.field(), DOUBLES);
        field(Buffer.TARGET.field(), DOUBLES);
        if (plan.trainable && CostEmitter.gathersOutputs(plan)) {
            field(Buffer.OUTPUTS.field(), DOUBLES);
        }
        for (NodePlan p : plan.plans) {
            emitFieldsAndAllocation(p);
        }
        emitCommonSequences();
        if (strategy != null) {
            strategy.emit();
            String reason = strategy.oneThreadReason();
            if (!reason.isEmpty()) {
                MethodEmitter m = method(Opcodes.ACC_PUBLIC, "String oneThreadReason()");
                m.g.push(reason);
                m.g.returnValue();
                m.end();
            }
        }
        model.nodes().stream().map(Node::activation).distinct().forEach(f -> {
            if (f instanceof FormulaActivation formula) {
                ActivationEmitter.emitMethods(this::method, formula);
            }
        });
        emitStaticInitializer();
        emitConstructor();
        emitTrained();
        emitPredict();
        emitServingBuffers();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void staticField(String name, Type type) {
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, name, type.getDescriptor(), null,
                null).visitEnd();
    }

    /** Declares node {@code p}'s fields and emits {@code allocate_<node>()}, which creates their arrays. */
    private void emitFieldsAndAllocation(NodePlan p) {
        MethodEmitter m = method(Opcodes.ACC_PRIVATE, "void " + p.method("allocate") + "()");
        allocateRows(m, Buffer.W.field(p), p.weightRows(), p.weightRowLength());
        allocate(m, Buffer.B.field(p), p.biases);
        perSample(m, Buffer.Z.field(p), p.size);
        perSample(m, Buffer.A.field(p), p.size);
        if (plan.trainable) {
            allocateRows(m, Buffer.GW.field(p), p.weightRows(), p.weightRowLength());
            perSample(m, Buffer.DZ.field(p), p.size);
            allocate(m, Buffer.GB.field(p), p.biases);
            for (int s = 0; s < plan.stateSlots(); s++) {
                allocateRows(m, Buffer.WEIGHT_STATE.field(p, s), p.weightRows(), p.weightRowLength());
                allocate(m, Buffer.BIAS_STATE.field(p, s), p.biases);
            }
            if (p.needsActivationGradient()) {
                allocate(m, Buffer.GA.field(p), p.size);
            }
            if (p.needsCostTermBuffer()) {
                allocate(m, Buffer.C.field(p), p.size);
            }
            if (p.hasPropagationBuffer()) {
                allocate(m, Buffer.DX.field(p), p.fanIn);
            }
            if (p.dropsOut()) {
                perSample(m, Buffer.U.field(p), p.size);
                perSample(m, Buffer.MASK.field(p), p.size);
            }
        }
        if (p.gathers()) {
            perSample(m, Buffer.X.field(p), p.fanIn);
        }
        if (p.image != null) {
            ImageEmitter.allocate(this, m, p);
        }
        m.end();
    }

    /** A per-sample array: declared only when it comes from a bank, else allocated. */
    private void perSample(MethodEmitter m, String name, int length) {
        if (banked()) {
            field(name, DOUBLES);
        } else {
            allocate(m, name, length);
        }
    }

    /** Declares {@code double[] name} and stores a new array of {@code length} into it. Stack unchanged. */
    private void allocate(MethodEmitter m, String name, int length) {
        field(name, DOUBLES);
        newArrayInto(m.g, name, length);
    }

    /** Declares {@code double[][] name} and stores {@code new double[rows][cols]} into it. Stack unchanged. */
    private void allocateRows(MethodEmitter m, String name, int rows, int cols) {
        field(name, MethodEmitter.ROWS);
        newRowsInto(m.g, name, rows, Index.constant(cols));
    }

    /** {@code this.<field> = new double[rows][cols]}. Stack unchanged. */
    private void newRowsInto(GeneratorAdapter g, String field, int rows, Index cols) {
        g.loadThis();
        g.push(rows);
        cols.push(g);
        g.visitMultiANewArrayInsn(MethodEmitter.ROWS.getDescriptor(), 2);
        g.putField(owner, field, MethodEmitter.ROWS);
    }

    /**
     * New arrays, all 0.0, for node {@code p}'s parameters and, when trainable, its gradient sums and
     * optimizer state: the fields {@code allocate_<node>()} declared. Stack unchanged.
     */
    void newParameterArrays(MethodEmitter m, NodePlan p) {
        newParameterArrays(m, p, Index.constant(p.weightRowLength()), Index.constant(p.biases));
    }

    /**
     * {@link #newParameterArrays(MethodEmitter, NodePlan)} with weight arrays of {@code rowLength}
     * elements and {@code biases} biases: for a share of a column node's neurons, its weight columns'
     * elements and its biases only. Stack unchanged.
     */
    void newParameterArrays(MethodEmitter m, NodePlan p, Index rowLength, Index biases) {
        newRowsInto(m.g, Buffer.W.field(p), p.weightRows(), rowLength);
        newArrayInto(m.g, Buffer.B.field(p), biases);
        if (plan.trainable) {
            newRowsInto(m.g, Buffer.GW.field(p), p.weightRows(), rowLength);
            newArrayInto(m.g, Buffer.GB.field(p), biases);
            for (int s = 0; s < plan.stateSlots(); s++) {
                newRowsInto(m.g, Buffer.WEIGHT_STATE.field(p, s), p.weightRows(), rowLength);
                newArrayInto(m.g, Buffer.BIAS_STATE.field(p, s), biases);
            }
        }
    }

    /** {@code this.<field> = new double[length]}. Stack unchanged. */
    private void newArrayInto(GeneratorAdapter g, String field, int length) {
        newArrayInto(g, field, Index.constant(length));
    }

    /** {@code this.<field> = new double[length]}. Stack unchanged. */
    private void newArrayInto(GeneratorAdapter g, String field, Index length) {
        g.loadThis();
        length.push(g);
        g.newArray(DOUBLE);
        g.putField(owner, field, DOUBLES);
    }

    /**
     * The sequences every class has: {@code allocate}, {@code forward(double[] input)}, the
     * parameter copies and, when trainable, the gradient's and the state's; when a node drops out,
     * {@code drawMasks()} (each such node's mask for the sample, in node order) and
     * {@code forwardTraining(double[] input)}, the forward pass with each such node's
     * {@code drop_<node>()} after its own.
     */
    private void emitCommonSequences() {
        ForwardEmitter forward = new ForwardEmitter(plan);
        List<Sequences.Step> allocate = new ArrayList<>();
        List<Sequences.Step> forwards = new ArrayList<>();
        List<Sequences.Step> read = new ArrayList<>();
        List<Sequences.Step> write = new ArrayList<>();
        List<Sequences.Step> gradient = new ArrayList<>();
        List<Sequences.Step> readState = new ArrayList<>();
        List<Sequences.Step> writeState = new ArrayList<>();
        List<Sequences.Step> forwardTraining = new ArrayList<>();
        List<Sequences.Step> drawMasks = new ArrayList<>();
        int parameters = plan.model.parameterCount();
        for (NodePlan p : plan.plans) {
            int offset = plan.model.parameterOffset(p.node.index());
            allocate.add(new Sequences.Step(p.method("allocate"), null, false, 0));
            Sequences.Step forwardStep = sequences.step(p, "forward", m -> forward.emit(m, p));
            forwards.add(forwardStep);
            forwardTraining.add(forwardStep.called());
            if (plan.dropsOut && p.dropsOut()) {
                forwardTraining.add(sequences.step(p, "drop", m -> ForwardEmitter.emitDrop(m, p)));
                drawMasks.add(sequences.step(p, "drawMask", m -> emitDrawMask(m, p)));
            }
            read.add(Sequences.method(p.method("readParameters"), m -> ParameterEmitter.emitParameters(m, p, offset, true)));
            write.add(Sequences.method(p.method("writeParameters"),
                    m -> ParameterEmitter.emitParameters(m, p, offset, false)));
            gradient.add(Sequences.method(p.method("readGradient"), m -> ParameterEmitter.emitGradient(m, p, offset)));
            for (int s = 0; s < plan.stateSlots(); s++) {
                int slot = s;
                int start = s * parameters + offset;
                readState.add(Sequences.method(p.method("readState" + s),
                        m -> ParameterEmitter.emitState(m, p, slot, start, true)));
                writeState.add(Sequences.method(p.method("writeState" + s),
                        m -> ParameterEmitter.emitState(m, p, slot, start, false)));
            }
        }
        sequences.emit("allocate", "()V", allocate);
        sequences.emit("forward", "([D)V", forwards, "input");
        if (plan.dropsOut) {
            sequences.emit("forwardTraining", "([D)V", forwardTraining, "input");
            sequences.emit("drawMasks", "()V", drawMasks);
        }
        sequences.emit(Opcodes.ACC_PROTECTED, "readParameters", "([D)V", read, "dst");
        sequences.emit(Opcodes.ACC_PROTECTED, "writeParameters", "([D)V", write, "src");
        if (plan.trainable) {
            sequences.emit(Opcodes.ACC_PROTECTED, "readGradient", "([D)V", gradient, "dst");
        }
        if (plan.stateSlots() > 0) {
            sequences.emit(Opcodes.ACC_PROTECTED, "readState", "([D)V", readState, "dst");
            sequences.emit(Opcodes.ACC_PROTECTED, "writeState", "([D)V", writeState, "src");
        }
    }

    /**
     * {@code drawMask(m_<node>, size, keep, scale)} of {@code CompiledNetwork}: the node's mask for the
     * sample in the fields, from the next values of the dropout generator. Stack unchanged.
     */
    private static void emitDrawMask(MethodEmitter m, NodePlan p) {
        m.g.loadThis();
        m.getField(Buffer.MASK.field(p), DOUBLES);
        m.g.push(p.size);
        m.g.push(nnlang.runtime.Dropout.keep(p.dropout));
        m.g.push(nnlang.runtime.Dropout.scale(p.dropout));
        m.invokeOwn("void drawMask(double[], int, double, double)");
    }

    /** LAYOUT and RULE, decoded from their one-line forms (no parameter is ever part of the class). */
    private void emitStaticInitializer() {
        MethodEmitter m = method(Opcodes.ACC_STATIC, "void <clinit>()");
        m.g.push(ParameterLayout.of(plan.model).encode());
        m.g.invokeStatic(PARAMETER_LAYOUT, Method.getMethod("nnlang.runtime.ParameterLayout decode(String)"));
        m.g.putStatic(owner, LAYOUT, PARAMETER_LAYOUT);
        if (plan.rule != null) {
            m.g.push(plan.rule.describe());
            Method parse = Method.getMethod("nnlang.runtime.UpdateRule parse(String)");
            m.g.visitMethodInsn(Opcodes.INVOKESTATIC, UPDATE_RULE.getInternalName(), parse.getName(),
                    parse.getDescriptor(), true);
        } else {
            m.g.push((Type) null);
        }
        m.g.putStatic(owner, RULE, UPDATE_RULE);
        m.end();
    }

    /** The public no-arg constructor: every array allocated, every parameter and every value of state 0.0. */
    private void emitConstructor() {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, "void <init>()");
        m.g.loadThis();
        m.g.getStatic(owner, LAYOUT, PARAMETER_LAYOUT);
        m.g.getStatic(owner, RULE, UPDATE_RULE);
        m.g.push(plan.model.inputSize());
        m.g.push(plan.model.outputSize());
        if (plan.dropsOut) {
            m.g.push(plan.model.train().orElseThrow().seed());
            m.g.invokeConstructor(COMPILED_NETWORK, Method.getMethod(
                    "void <init>(nnlang.runtime.ParameterLayout, nnlang.runtime.UpdateRule, int, int, long)"));
        } else {
            m.g.invokeConstructor(COMPILED_NETWORK, Method.getMethod(
                    "void <init>(nnlang.runtime.ParameterLayout, nnlang.runtime.UpdateRule, int, int)"));
        }
        if (banked()) {
            strategy.emitConstructor(m);
        } else {
            newArrayInto(m.g, Buffer.INPUT.field(), plan.model.inputSize());
            newArrayInto(m.g, Buffer.TARGET.field(), plan.model.outputSize());
        }
        if (plan.trainable && CostEmitter.gathersOutputs(plan)) {
            newArrayInto(m.g, Buffer.OUTPUTS.field(), plan.model.outputSize());
        }
        m.g.loadThis();
        m.invokeOwn("void allocate()");
        m.end();
    }

    /** {@code public static <Name> trained()}: a new instance with the parameters of the resource {@code <Name>.nnp} beside the class. */
    private void emitTrained() {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, new Method("trained", owner, new Type[0]));
        m.g.newInstance(owner);
        m.g.dup();
        m.g.invokeConstructor(owner, Method.getMethod("void <init>()"));
        int net = m.storeNew("net", owner);
        m.g.push(owner);
        m.g.loadLocal(net);
        m.g.invokeStatic(PARAMETER_FILE, Method.getMethod("void loadBeside(Class, nnlang.runtime.Network)"));
        m.g.loadLocal(net);
        m.g.returnValue();
        m.end();
    }

    /**
     * {@code predictHere(double[] input, double[] output)}, which {@code CompiledNetwork.predict}
     * calls on the thread's serving copy with checked arrays: forward from the caller's array, then
     * each output slice copied out.
     */
    private void emitPredict() {
        MethodEmitter m = method(Opcodes.ACC_PROTECTED, "void predictHere(double[], double[])", "input", "output");
        GeneratorAdapter g = m.g;
        g.loadThis();
        g.loadArg(0);
        m.invokeOwn("void forward(double[])");
        copyOutputs(m, () -> g.loadArg(0), () -> g.loadArg(1));
        m.end();
    }

    /**
     * {@code allocateServingBuffers()}: new arrays for every per-sample buffer the forward pass
     * writes (each node's z, a, gathered x and an image node's scratch arrays), for a serving copy
     * (see {@code CompiledNetwork}).
     */
    private void emitServingBuffers() {
        MethodEmitter m = method(Opcodes.ACC_PROTECTED, "void allocateServingBuffers()");
        for (NodePlan p : plan.plans) {
            newArrayInto(m.g, Buffer.Z.field(p), p.size);
            newArrayInto(m.g, Buffer.A.field(p), p.size);
            if (p.gathers()) {
                newArrayInto(m.g, Buffer.X.field(p), p.fanIn);
            }
            if (p.image != null) {
                ImageEmitter.reallocate(this, m, p);
            }
        }
        m.end();
    }

    /**
     * Copies each output slice, from the input array {@code pushInput} pushes or a node's {@code a_}
     * field, into the array {@code pushOutput} pushes. Stack unchanged.
     */
    void copyOutputs(MethodEmitter m, Runnable pushInput, Runnable pushOutput) {
        int k = 0;
        for (Source s : plan.model.output().sources()) {
            if (s.isInput()) {
                pushInput.run();
            } else {
                m.getField(Buffer.A.field(plan.plan(s.node())), DOUBLES);
            }
            m.g.push(s.offset());
            pushOutput.run();
            m.g.push(k);
            m.g.push(s.length());
            m.arraycopy();
            k += s.length();
        }
    }
}
