package nnlang.compiler;

import static nnlang.compiler.MethodEmitter.DOUBLE;
import static nnlang.compiler.MethodEmitter.DOUBLES;
import static nnlang.compiler.MethodEmitter.INT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nnlang.model.Cost;
import nnlang.model.FormulaActivation;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.TrainSpec;
import nnlang.runtime.Network;
import nnlang.runtime.ParameterLayout;
import nnlang.runtime.Samples;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * Generates the class for one network: its fields, the {@link Network} methods and the call
 * sequences that drive the per-node methods of {@link ForwardEmitter}, {@link BackwardEmitter},
 * {@link UpdateEmitter} and {@link ParameterEmitter}; for a network made only of tiny nodes, the
 * sample loop of {@link InLocalsEmitter}, which runs the same emitters over locals.
 *
 * <p>Fields: {@code in} and {@code y}, the sample buffers {@link Samples} writes into; for a
 * trainable network of more than 64 outputs, {@code out}, a sample's outputs gathered for its cost;
 * {@code sumsDirty} unless the network trains in locals; per node {@code w_<node>} (one
 * {@code double[]} per neuron row), {@code b_}, {@code z_}, {@code a_}, {@code dZ_}, {@code gW_}
 * (rows), {@code gb_}, and when needed {@code gA_} (gradient with respect to the activations),
 * {@code c_} (the cross-entropy term when it cannot be computed in place), {@code x_} (the gathered
 * input of a looped node with several sources) and {@code dX_} (a looped node's propagated
 * gradient). A column node's {@code w_} and {@code gW_} hold
 * one array per input column. All are allocated once, in the constructor; when a mini-batch is
 * trained phase by phase, the per-sample arrays ({@code in}, {@code y}, {@code z_}, {@code a_},
 * {@code dZ_}, {@code x_}) come from {@code batch_} fields that are reallocated when a larger batch
 * arrives.
 */
final class NetworkClass {
    /** The field holding the current training sample's input. */
    static final String INPUT_BUFFER = "in";
    /** The field holding the current training sample's target. */
    static final String TARGET_BUFFER = "y";
    /** The field a training sample's outputs are gathered into for its cost. */
    static final String OUTPUT_BUFFER = "out";
    /**
     * The boolean field that says some gradient sum may not be 0.0: set by {@code accumulate}, cleared
     * by {@code trainBatch}, whose update zeroes each sum as it uses it. False in a new instance.
     */
    private static final String SUMS_DIRTY = "sumsDirty";
    /** Up to this many outputs, a sample's cost is emitted inline; beyond, {@code Cost.value} is called. */
    private static final int INLINE_COST_OUTPUTS = 64;
    private static final Type COST = Type.getType(Cost.class);
    private static final String LAYOUT = "LAYOUT";
    /** Calls per sequence method; longer sequences are split so no method nears 8,000 bytes. */
    private static final int MAX_CALLS = 200;
    /** The estimated bytecode a sequence method may hold before it is split. */
    private static final int SEQUENCE_BYTES = 4000;
    /** Bytecode of one call in a sequence (load this, load the arguments, invoke). */
    private static final int CALL_BYTES = 8;
    /** Estimated bytecode per weight or neuron of an unrolled node emitted in place, and per node. */
    private static final int BYTES_PER_TERM = 24;
    private static final int BYTES_PER_NODE = 64;
    /**
     * The bytecode {@code trainBatch} may hold when it trains in locals: well under the 8,000 bytes
     * above which HotSpot never compiles a method.
     */
    private static final int LOCALS_BYTES = 6000;
    private static final Method TRAIN_BATCH =
            Method.getMethod("double trainBatch(nnlang.runtime.Samples, int[], int, int, double, double)");
    private static final String[] TRAIN_BATCH_ARGS = {"data", "order", "from", "to", "rate", "decay"};

    private static final Type OBJECT = Type.getType(Object.class);
    private static final Type NETWORK = Type.getType(Network.class);
    private static final Type SAMPLES = Type.getType(Samples.class);
    private static final Type PARAMETER_LAYOUT = Type.getType(ParameterLayout.class);
    private static final Type PARAMETER_FILE = Type.getObjectType("nnlang/runtime/ParameterFile");
    private static final Type STRING_BUILDER = Type.getType(StringBuilder.class);
    private static final Type ILLEGAL_ARGUMENT = Type.getType(IllegalArgumentException.class);
    private static final Type SYSTEM = Type.getType(System.class);

    private final NetworkModel model;
    private final Type owner;
    private final CompilerOptions options;
    private final Cost cost;
    /** Whether the model has a train block, hence a cost; without one only the forward pass is generated. */
    private final boolean trainable;
    /**
     * Whether a mini-batch is trained phase by phase: every sample read, then every forward pass, then
     * every backward pass, then the looped nodes' gradient sums over the whole batch. Chosen when a
     * node stores its weights by column, whose forward pass handles several samples per sweep. Each
     * per-sample array then has one array per sample of the batch (field {@code batch_<name>}), and
     * {@code select(s)} points the per-sample fields at sample s's arrays.
     */
    private final boolean batched;
    /**
     * For a trainable network made only of nodes emitted in place whose sample loop fits one method
     * with its values in locals ({@link InLocalsEmitter}): the samples per block of that loop, at most
     * {@link CompilerOptions#localsSampleBlock}; else 0.
     */
    private final int localsBlock;
    private final List<NodePlan> plans = new ArrayList<>();
    private final ClassWriter cw = new FrameComputingClassWriter();

    private NetworkClass(NetworkModel model, String binaryName, CompilerOptions options) {
        this.model = model;
        this.owner = Type.getObjectType(binaryName.replace('.', '/'));
        this.options = options;
        this.trainable = model.train().isPresent();
        this.cost = model.train().map(TrainSpec::cost).orElse(Cost.QUADRATIC);
        for (Node n : model.nodes()) {
            plans.add(new NodePlan(model, n, cost, options));
        }
        this.localsBlock = trainable && plans.stream().allMatch(this::inPlace)
                ? localsBlock(options.localsSampleBlock()) : 0;
        this.batched = trainable && plans.stream().anyMatch(p -> p.columns);
    }

    /**
     * The largest block of at most {@code limit} samples with which {@code trainBatch} in locals, its
     * larger method, has at most {@link #LOCALS_BYTES} of bytecode, measured by emitting it into a
     * throwaway visitor; 0 when not even one sample at a time fits.
     */
    private int localsBlock(int limit) {
        for (int block = limit; block >= 1; block--) {
            CodeSizeEvaluator[] size = new CodeSizeEvaluator[1];
            ClassVisitor probe = new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    size[0] = new CodeSizeEvaluator(null);
                    return size[0];
                }
            };
            emitTrainBatchInLocals(new MethodEmitter(probe, owner, Opcodes.ACC_PUBLIC, TRAIN_BATCH, TRAIN_BATCH_ARGS),
                    block);
            if (size[0].getMaxSize() <= LOCALS_BYTES) {
                return block;
            }
        }
        return 0;
    }

    /** Whether node {@code p} is emitted in place in the phase methods: unrolled and tiny. */
    private boolean inPlace(NodePlan p) {
        return p.unrolled && p.size * p.fanIn <= options.inlineMaxWeights();
    }

    /** The estimated bytecode of one phase of node {@code p} emitted in place. */
    private static int inPlaceBytes(NodePlan p) {
        return BYTES_PER_TERM * (p.size * p.fanIn + p.size) + BYTES_PER_NODE;
    }

    /**
     * The class file of {@code binaryName} for {@code model}. A model without a train block has no
     * cost to train on: its class predicts, and its {@code trainBatch} and {@code gradient} throw
     * IllegalStateException.
     */
    static byte[] generate(NetworkModel model, String binaryName, CompilerOptions options) {
        return new NetworkClass(model, binaryName, options).generate();
    }

    NodePlan plan(int node) {
        return plans.get(node);
    }

    Cost cost() {
        return cost;
    }

    CompilerOptions options() {
        return options;
    }

    /** Starts a method of the generated class, e.g. {@code "void forward_hidden(double[])"}. */
    MethodEmitter method(int access, String descriptor, String... argNames) {
        return method(access, Method.getMethod(descriptor), argNames);
    }

    /** Starts a method of the generated class. */
    MethodEmitter method(int access, Method method, String... argNames) {
        return new MethodEmitter(cw, owner, access, method, argNames);
    }

    /** The batch field holding every sample's values of {@code source}'s vector: the input, or a node's activations. */
    String batchField(Source source) {
        return source.isInput() ? "batch_" + INPUT_BUFFER : plan(source.node()).batchField("a");
    }

    /** The batch field holding every sample's x of a looped node: its gathered x, or its one whole source. */
    String batchInputVectorField(NodePlan p) {
        return p.wholeSource == null ? p.batchField("x") : batchField(p.wholeSource);
    }

    /** The field a looped node's backward pass reads x from (the same values its forward pass read). */
    String inputVectorField(NodePlan p) {
        if (p.wholeSource == null) {
            return p.field("x");
        }
        return p.wholeSource.isInput() ? INPUT_BUFFER : plan(p.wholeSource.node()).field("a");
    }

    private byte[] generate() {
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, owner.getInternalName(),
                null, OBJECT.getInternalName(), new String[] {NETWORK.getInternalName()});
        cw.visitSource(model.sourceFile(), null);
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, LAYOUT,
                PARAMETER_LAYOUT.getDescriptor(), null, null).visitEnd();
        field(INPUT_BUFFER, DOUBLES);
        field(TARGET_BUFFER, DOUBLES);
        if (trainable && gathersCostOutputs()) {
            field(OUTPUT_BUFFER, DOUBLES);
        }
        if (tracksSums()) {
            field(SUMS_DIRTY, Type.BOOLEAN_TYPE);
        }
        for (NodePlan p : plans) {
            emitFieldsAndAllocation(p);
        }
        emitSequences();
        if (batched) {
            emitBatchFields();
        }
        model.nodes().stream().map(Node::activation).distinct().forEach(f -> {
            if (f instanceof FormulaActivation formula) {
                FormulaEmitter.emitMethods(this, formula);
            }
        });
        emitStaticInitializer();
        emitConstructor();
        emitTrained();
        emitSizes();
        emitPredict();
        if (trainable) {
            emitSampleCost();
            emitAccumulate();
            emitTrainBatch();
            emitGradient();
        } else {
            emitUntrainable("double trainBatch(nnlang.runtime.Samples, int[], int, int, double, double)",
                    "data", "order", "from", "to", "rate", "decay");
            emitUntrainable("void gradient(nnlang.runtime.Samples, int[], int, int, double[])",
                    "data", "order", "from", "to", "dst");
        }
        emitParameterAccess();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * Whether the class keeps {@link #SUMS_DIRTY}: a network trained in locals stores its gradient
     * sums rather than adding to them, so it never clears them.
     */
    private boolean tracksSums() {
        return trainable && localsBlock == 0;
    }

    private void field(String name, Type type) {
        cw.visitField(Opcodes.ACC_PRIVATE, name, type.getDescriptor(), null, null).visitEnd();
    }

    /** Declares node {@code p}'s fields and emits {@code allocate_<node>()}, which creates their arrays. */
    private void emitFieldsAndAllocation(NodePlan p) {
        MethodEmitter m = method(Opcodes.ACC_PRIVATE, "void " + p.method("allocate") + "()");
        allocateRows(m, p.field("w"), p.weightRows(), p.weightRowLength());
        allocate(m, p.field("b"), p.size);
        if (batched) {
            field(p.field("z"), DOUBLES);
            field(p.field("a"), DOUBLES);
        } else {
            allocate(m, p.field("z"), p.size);
            allocate(m, p.field("a"), p.size);
        }
        if (trainable) {
            allocateRows(m, p.field("gW"), p.weightRows(), p.weightRowLength());
            if (batched) {
                field(p.field("dZ"), DOUBLES);
            } else {
                allocate(m, p.field("dZ"), p.size);
            }
            allocate(m, p.field("gb"), p.size);
            if (p.needsActivationGradient()) {
                allocate(m, p.field("gA"), p.size);
            }
            if (p.needsCostTermBuffer()) {
                allocate(m, p.field("c"), p.size);
            }
            if (p.hasPropagationBuffer()) {
                allocate(m, p.field("dX"), p.fanIn);
            }
        }
        if (p.gathers() && batched) {
            field(p.field("x"), DOUBLES);
        } else if (p.gathers()) {
            allocate(m, p.field("x"), p.fanIn);
        }
        m.end();
    }

    /** A per-sample field that has one array per sample of the mini-batch when {@link #batched}. */
    private record BatchField(String name, int length) {}

    /** The per-sample fields: the input and target buffers, and every node's z, a, dZ and gathered x. */
    private List<BatchField> batchFields() {
        List<BatchField> fields = new ArrayList<>();
        fields.add(new BatchField(INPUT_BUFFER, model.inputSize()));
        fields.add(new BatchField(TARGET_BUFFER, model.outputSize()));
        for (NodePlan p : plans) {
            for (String kind : new String[] {"z", "a", "dZ"}) {
                fields.add(new BatchField(p.field(kind), p.size));
            }
            if (p.gathers()) {
                fields.add(new BatchField(p.field("x"), p.fanIn));
            }
        }
        return fields;
    }

    /**
     * The batch fields ({@code batch_<name>}, {@code double[][]}), {@code allocateBatch(int count)}
     * that gives each {@code count} new arrays, and {@code select(int s)} that points each per-sample
     * field at the batch field's array s.
     */
    private void emitBatchFields() {
        MethodEmitter allocate = method(Opcodes.ACC_PRIVATE, "void allocateBatch(int)", "count");
        MethodEmitter select = method(Opcodes.ACC_PRIVATE, "void select(int)", "s");
        for (BatchField f : batchFields()) {
            String bank = "batch_" + f.name;
            field(bank, MethodEmitter.ROWS);
            allocate.g.loadThis();
            allocate.g.loadArg(0);
            allocate.g.push(f.length);
            allocate.g.visitMultiANewArrayInsn(MethodEmitter.ROWS.getDescriptor(), 2);
            allocate.g.putField(owner, bank, MethodEmitter.ROWS);
            select.g.loadThis();
            select.getField(bank, MethodEmitter.ROWS);
            select.g.loadArg(0);
            select.g.arrayLoad(DOUBLES);
            select.g.putField(owner, f.name, DOUBLES);
        }
        allocate.end();
        select.end();
    }

    /** Declares {@code double[] name} and stores a new array of {@code length} into it. Stack unchanged. */
    private void allocate(MethodEmitter m, String name, int length) {
        field(name, DOUBLES);
        newArrayInto(m.g, name, length);
    }

    /** Declares {@code double[][] name} and stores {@code new double[rows][cols]} into it. Stack unchanged. */
    private void allocateRows(MethodEmitter m, String name, int rows, int cols) {
        field(name, MethodEmitter.ROWS);
        m.g.loadThis();
        m.g.push(rows);
        m.g.push(cols);
        m.g.visitMultiANewArrayInsn(MethodEmitter.ROWS.getDescriptor(), 2);
        m.g.putField(owner, name, MethodEmitter.ROWS);
    }

    /**
     * The private methods that run one phase for every node in the canonical node order. Tiny nodes
     * are emitted in place, so that a neuron-level network becomes straight-line code; the others get
     * a method per node and phase ({@code forward_hidden}, {@code delta_out}, ...) that is called.
     */
    private void emitSequences() {
        ForwardEmitter forward = new ForwardEmitter(this);
        BackwardEmitter backward = new BackwardEmitter(this);
        List<Step> allocate = new ArrayList<>();
        List<Step> forwards = new ArrayList<>();
        List<Step> read = new ArrayList<>();
        List<Step> write = new ArrayList<>();
        List<Step> backwards = new ArrayList<>();
        List<Step> clear = new ArrayList<>();
        List<Step> update = new ArrayList<>();
        List<Step> updateDecayed = new ArrayList<>();
        List<Step> gradient = new ArrayList<>();
        List<Step> accumulateBatch = new ArrayList<>();
        for (NodePlan p : plans) {
            int offset = model.parameterOffset(p.node.index());
            allocate.add(new Step(p.method("allocate"), null, false, 0));
            forwards.add(step(p, "forward", m -> forward.emit(m, p)));
            read.add(new Step(p.method("readParameters"),
                    m -> ParameterEmitter.emitParameters(m, p, offset, true), false, 0));
            write.add(new Step(p.method("writeParameters"),
                    m -> ParameterEmitter.emitParameters(m, p, offset, false), false, 0));
            clear.add(step(p, "clear", m -> UpdateEmitter.emitClear(m, p)));
            update.add(step(p, "update", m -> UpdateEmitter.emitUpdate(m, p, false)));
            updateDecayed.add(step(p, "updateDecayed", m -> UpdateEmitter.emitUpdate(m, p, true)));
            gradient.add(new Step(p.method("readGradient"), m -> ParameterEmitter.emitGradient(m, p, offset), false, 0));
        }
        BackwardEmitter.forEachStep(plans, (p, phase) -> {
            if (phase == BackwardEmitter.Phase.ACCUMULATE && batched && !p.unrolled) {
                accumulateBatch.add(new Step(p.method("accumulateBatch"), m -> backward.emitAccumulateBatch(m, p), false, 0));
            } else {
                backwards.add(step(p, phase.method, m -> backward.emit(m, p, phase, Values.fields(m))));
            }
        });
        emitSequence("allocate", "()V", allocate);
        emitSequence("forward", "([D)V", forwards, "input");
        emitSequence("readParameters", "([D)V", read, "dst");
        emitSequence("writeParameters", "([D)V", write, "src");
        if (tracksSums()) {
            emitSequence("backward", "()V", backwards);
            emitSequence("clear", "()V", clear);
            emitSequence("update", "(D)V", update, "c");
            emitSequence("updateDecayed", "(DD)V", updateDecayed, "c", "decay");
        }
        if (trainable) {
            emitSequence("readGradient", "([D)V", gradient, "dst");
        }
        if (batched) {
            emitSequence("accumulateBatch", "(I)V", accumulateBatch, "count");
            emitForwardBatch(forward, forwards);
        }
    }

    /**
     * {@code forwardBatch(int count)}: the forward passes of samples 0 .. count-1 of the batch, node by
     * node in the canonical node order: a column node's {@code forwardBatch_<node>} at once for all
     * samples; each run of other nodes, for each sample s, {@code select(s)} and the run's part of the
     * forward sequence (nodes emitted in place there are emitted in place again in the run's method).
     * The samples are independent, so the order of samples between nodes changes nothing.
     */
    private void emitForwardBatch(ForwardEmitter forward, List<Step> forwards) {
        MethodEmitter m = method(Opcodes.ACC_PRIVATE, "void forwardBatch(int)", "count");
        GeneratorAdapter g = m.g;
        List<Step> run = new ArrayList<>();
        int runs = 0;
        for (int n = 0; n <= plans.size(); n++) {
            NodePlan p = n < plans.size() ? plans.get(n) : null;
            if (p != null && !p.columns) {
                Step s = forwards.get(n);
                run.add(new Step(s.method, s.inline ? s.body : null, s.inline, s.bytes));
                continue;
            }
            if (!run.isEmpty()) {
                String name = "forwardRun$" + runs++;
                emitSequence(name, "([D)V", run, "input");
                run = new ArrayList<>();
                m.forSampleBlocks(m.argumentToLocal(0), 1, (sample, one) -> {
                    g.loadThis();
                    sample.push(g);
                    m.invokeOwn("void select(int)");
                    g.loadThis();
                    m.getField(INPUT_BUFFER, DOUBLES);
                    m.invokeOwn("void " + name + "(double[])");
                });
            }
            if (p != null) {
                MethodEmitter own = method(Opcodes.ACC_PRIVATE, "void " + p.method("forwardBatch") + "(int)", "count");
                forward.emitBatch(own, p);
                own.end();
                g.loadThis();
                g.loadArg(0);
                m.invokeOwn("void " + p.method("forwardBatch") + "(int)");
            }
        }
        m.end();
    }

    /**
     * One node's part of a sequence: the body of method {@code method}, emitted in place when
     * {@code inline}, else as that method and a call to it. {@code body} is null for methods emitted
     * elsewhere. {@code bytes} estimates the in-place code.
     */
    private record Step(String method, Consumer<MethodEmitter> body, boolean inline, int bytes) {}

    /** The step for node {@code p}'s {@code phase}: in place when the node is tiny. */
    private Step step(NodePlan p, String phase, Consumer<MethodEmitter> body) {
        return new Step(p.method(phase), body, inPlace(p), inPlaceBytes(p));
    }

    /**
     * A private method {@code name} that runs {@code steps} in order with its own arguments. Steps are
     * split into numbered part methods ({@code name$0}, ...) when their estimated size or their number
     * would make one method too large for the JIT.
     */
    private void emitSequence(String name, String descriptor, List<Step> steps, String... argNames) {
        List<List<Step>> parts = new ArrayList<>();
        List<Step> part = new ArrayList<>();
        int bytes = 0;
        for (Step s : steps) {
            int size = s.inline ? s.bytes : CALL_BYTES;
            if (!part.isEmpty() && (bytes + size > SEQUENCE_BYTES || part.size() == MAX_CALLS)) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(s);
            bytes += size;
        }
        parts.add(part);
        List<Step> body = parts.get(0);
        if (parts.size() > 1) {
            body = new ArrayList<>();
            for (int k = 0; k < parts.size(); k++) {
                String partName = name + "$" + k;
                emitSequence(partName, descriptor, parts.get(k), argNames);
                body.add(new Step(partName, null, false, 0));
            }
        }
        MethodEmitter m = method(Opcodes.ACC_PRIVATE, new Method(name, descriptor), argNames);
        for (Step s : body) {
            if (s.inline) {
                s.body.accept(m);
                continue;
            }
            if (s.body != null) {
                MethodEmitter own = method(Opcodes.ACC_PRIVATE, new Method(s.method, descriptor), argNames);
                s.body.accept(own);
                own.end();
            }
            m.g.loadThis();
            m.g.loadArgs();
            m.g.invokeVirtual(owner, new Method(s.method, descriptor));
        }
        m.end();
    }

    private void emitStaticInitializer() {
        MethodEmitter m = method(Opcodes.ACC_STATIC, "void <clinit>()");
        m.g.push(ParameterLayout.of(model).encode());
        m.g.invokeStatic(PARAMETER_LAYOUT, Method.getMethod("nnlang.runtime.ParameterLayout decode(String)"));
        m.g.putStatic(owner, LAYOUT, PARAMETER_LAYOUT);
        m.end();
    }

    /** The public no-arg constructor: every array allocated, every parameter 0.0. */
    private void emitConstructor() {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, "void <init>()");
        m.g.loadThis();
        m.g.invokeConstructor(OBJECT, Method.getMethod("void <init>()"));
        if (batched) {
            m.g.loadThis();
            m.g.push(Math.max(1, model.train().orElseThrow().optimizer().batch()));
            m.invokeOwn("void allocateBatch(int)");
            m.g.loadThis();
            m.g.push(0);
            m.invokeOwn("void select(int)");
        } else {
            newArrayInto(m.g, INPUT_BUFFER, model.inputSize());
            newArrayInto(m.g, TARGET_BUFFER, model.outputSize());
        }
        if (trainable && gathersCostOutputs()) {
            newArrayInto(m.g, OUTPUT_BUFFER, model.outputSize());
        }
        m.g.loadThis();
        m.invokeOwn("void allocate()");
        m.end();
    }

    /** {@code this.<field> = new double[length]}. Stack unchanged. */
    private void newArrayInto(GeneratorAdapter g, String field, int length) {
        g.loadThis();
        g.push(length);
        g.newArray(DOUBLE);
        g.putField(owner, field, DOUBLES);
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

    private void emitSizes() {
        returnConstant("int inputSize()", model.inputSize());
        returnConstant("int outputSize()", model.outputSize());
        returnConstant("int parameterCount()", model.parameterCount());
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, "nnlang.runtime.ParameterLayout layout()");
        m.g.getStatic(owner, LAYOUT, PARAMETER_LAYOUT);
        m.g.returnValue();
        m.end();
    }

    private void returnConstant(String descriptor, int value) {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, descriptor);
        m.g.push(value);
        m.g.returnValue();
        m.end();
    }

    /** {@code predict(double[] input, double[] output)}: forward from the caller's array, then each output slice copied out. */
    private void emitPredict() {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, "void predict(double[], double[])", "input", "output");
        GeneratorAdapter g = m.g;
        requireLength(g, 0, model.inputSize(), "input");
        requireLength(g, 1, model.outputSize(), "output");
        g.loadThis();
        g.loadArg(0);
        m.invokeOwn("void forward(double[])");
        copyOutputs(m, () -> g.loadArg(0), () -> g.loadArg(1));
        m.end();
    }

    /**
     * Copies each output slice, from the input array {@code pushInput} pushes or a node's {@code a_}
     * field, into the array {@code pushOutput} pushes. Stack unchanged.
     */
    private void copyOutputs(MethodEmitter m, Runnable pushInput, Runnable pushOutput) {
        int k = 0;
        for (Source s : model.output().sources()) {
            if (s.isInput()) {
                pushInput.run();
            } else {
                m.getField(plan(s.node()).field("a"), DOUBLES);
            }
            m.g.push(s.offset());
            pushOutput.run();
            m.g.push(k);
            m.g.push(s.length());
            m.g.invokeStatic(SYSTEM, Method.getMethod("void arraycopy(Object, int, Object, int, int)"));
            k += s.length();
        }
    }

    /**
     * {@code double sampleCost()}: the current sample's cost, from its outputs (elements of {@code in}
     * and of the nodes' {@code a_} fields) and {@code y}. Inline by {@link CostEmitter} for up to
     * {@link #INLINE_COST_OUTPUTS} outputs; beyond, the outputs are copied into {@code out} and
     * {@code Cost.<cost>.value(out, y, softmax)} is called, the very method the interpreter and the
     * evaluator call. Either way the same arithmetic in the same order.
     */
    private void emitSampleCost() {
        MethodEmitter m = method(Opcodes.ACC_PRIVATE, "double sampleCost()");
        GeneratorAdapter g = m.g;
        if (!gathersCostOutputs()) {
            List<String> fields = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (Source s : model.output().sources()) {
                for (int t = 0; t < s.length(); t++) {
                    fields.add(s.isInput() ? INPUT_BUFFER : plan(s.node()).field("a"));
                    indices.add(s.offset() + t);
                }
            }
            CostEmitter.push(m, cost, model.hasSoftmaxOutput(), model.outputSize(), k -> {
                m.getField(fields.get(k), DOUBLES);
                g.push(indices.get(k));
                g.arrayLoad(DOUBLE);
            }, k -> {
                m.getField(TARGET_BUFFER, DOUBLES);
                g.push(k);
                g.arrayLoad(DOUBLE);
            });
            g.returnValue();
            m.end();
            return;
        }
        copyOutputs(m, () -> m.getField(INPUT_BUFFER, DOUBLES), () -> m.getField(OUTPUT_BUFFER, DOUBLES));
        g.getStatic(COST, cost.name(), COST);
        m.getField(OUTPUT_BUFFER, DOUBLES);
        m.getField(TARGET_BUFFER, DOUBLES);
        g.push(model.hasSoftmaxOutput());
        g.invokeVirtual(COST, Method.getMethod("double value(double[], double[], boolean)"));
        g.returnValue();
        m.end();
    }

    /**
     * Whether {@code sampleCost()} gathers the outputs into {@code out} and calls {@link Cost#value}:
     * for more than {@link #INLINE_COST_OUTPUTS} outputs; fewer are costed inline by {@link CostEmitter}.
     */
    private boolean gathersCostOutputs() {
        return model.outputSize() > INLINE_COST_OUTPUTS;
    }

    /** {@code sum = sum + sampleCost()} for the double local {@code sum}. Stack unchanged. */
    private static void addSampleCost(MethodEmitter m, int sum) {
        m.g.loadLocal(sum);
        m.g.loadThis();
        m.invokeOwn("double sampleCost()");
        m.g.math(GeneratorAdapter.ADD, DOUBLE);
        m.g.storeLocal(sum);
    }

    /**
     * {@code double accumulate(Samples data, int[] order, int from, int to)}: checks the batch, clears
     * the gradient sums unless they are known to be 0.0 (see {@link #SUMS_DIRTY}), then for each s in [from, to): reads sample order[s] into the buffers, runs
     * forward, adds the sample's cost to the batch's (which starts at 0.0), runs backward. Returns the
     * batch's cost.
     */
    private void emitAccumulate() {
        MethodEmitter m = method(Opcodes.ACC_PRIVATE, "double accumulate(nnlang.runtime.Samples, int[], int, int)",
                "data", "order", "from", "to");
        GeneratorAdapter g = m.g;
        emitBatchChecks(m);
        if (localsBlock > 0) {
            g.push(0.0);
            int batchCost = m.storeNew("batchCost", DOUBLE);
            new InLocalsEmitter(this, model, plans).emitGradient(m, batchCost, localsBlock);
            g.loadLocal(batchCost);
            g.returnValue();
            m.end();
            return;
        }
        Label clean = new Label();
        m.getField(SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.ifZCmp(GeneratorAdapter.EQ, clean);
        g.loadThis();
        m.invokeOwn("void clear()");
        g.mark(clean);
        g.loadThis();
        g.push(true);
        g.putField(owner, SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.push(0.0);
        int batchCost = m.storeNew("batchCost", DOUBLE);
        if (batched) {
            emitBatchedSamples(m, batchCost);
            g.loadLocal(batchCost);
            g.returnValue();
            m.end();
            return;
        }
        int s = m.newLocal("s", INT);
        int index = m.newLocal("index", INT);
        g.loadArg(2);
        g.storeLocal(s);
        Label loop = new Label();
        Label test = new Label();
        g.goTo(test);
        g.mark(loop);
        g.loadArg(1);
        g.loadLocal(s);
        g.arrayLoad(INT);
        g.storeLocal(index);
        readSample(m, index, "void input(int, double[])", INPUT_BUFFER);
        readSample(m, index, "void target(int, double[])", TARGET_BUFFER);
        g.loadThis();
        m.getField(INPUT_BUFFER, DOUBLES);
        m.invokeOwn("void forward(double[])");
        addSampleCost(m, batchCost);
        g.loadThis();
        m.invokeOwn("void backward()");
        g.iinc(s, 1);
        g.mark(test);
        g.loadLocal(s);
        g.loadArg(3);
        g.ifICmp(GeneratorAdapter.LT, loop);
        g.loadLocal(batchCost);
        g.returnValue();
        m.end();
    }

    /**
     * Checks the batch of a method whose arguments begin {@code (Samples data, int[] order, int from,
     * int to)}: the samples' sizes fit the network and [from, to) lies within order; else throws
     * IllegalArgumentException. Stack unchanged.
     */
    private void emitBatchChecks(MethodEmitter m) {
        GeneratorAdapter g = m.g;
        Label sizesFit = new Label();
        Label badSizes = new Label();
        callSamples(g, "int inputSize()");
        g.push(model.inputSize());
        g.ifICmp(GeneratorAdapter.NE, badSizes);
        callSamples(g, "int targetSize()");
        g.push(model.outputSize());
        g.ifICmp(GeneratorAdapter.EQ, sizesFit);
        g.mark(badSizes);
        throwIllegalArgument(g, model.name() + ": samples of ", (Runnable) () -> callSamples(g, "int inputSize()"),
                " inputs and ", (Runnable) () -> callSamples(g, "int targetSize()"), " targets do not fit "
                        + model.inputSize() + " inputs and " + model.outputSize() + " outputs");
        g.mark(sizesFit);
        Label badRange = new Label();
        Label rangeFits = new Label();
        g.loadArg(2);
        g.ifZCmp(GeneratorAdapter.LT, badRange);
        g.loadArg(2);
        g.loadArg(3);
        g.ifICmp(GeneratorAdapter.GT, badRange);
        g.loadArg(3);
        g.loadArg(1);
        g.arrayLength();
        g.ifICmp(GeneratorAdapter.LE, rangeFits);
        g.mark(badRange);
        throwIllegalArgument(g, model.name() + ": batch [", (Runnable) () -> g.loadArg(2), ", ",
                (Runnable) () -> g.loadArg(3), ") is not within an order of ", (Runnable) () -> {
                    g.loadArg(1);
                    g.arrayLength();
                }, " indices");
        g.mark(rangeFits);
    }

    /**
     * The rest of {@code accumulate} when {@link #batched}: count = to - from; new batch arrays when
     * count exceeds them; every sample read into its arrays; {@code forwardBatch(count)}; for each
     * sample in order {@code select(s)}, its cost added to {@code batchCost}, and {@code backward()} (which leaves out the looped nodes'
     * gradient sums); then {@code accumulateBatch(count)}, which adds them in batch order.
     */
    private void emitBatchedSamples(MethodEmitter m, int batchCost) {
        GeneratorAdapter g = m.g;
        g.loadArg(3);
        g.loadArg(2);
        g.math(GeneratorAdapter.SUB, INT);
        int count = m.storeNew("count", INT);
        Label fits = new Label();
        g.loadLocal(count);
        m.getField("batch_" + INPUT_BUFFER, MethodEmitter.ROWS);
        g.arrayLength();
        g.ifICmp(GeneratorAdapter.LE, fits);
        g.loadThis();
        g.loadLocal(count);
        m.invokeOwn("void allocateBatch(int)");
        g.mark(fits);
        int index = m.newLocal("index", INT);
        m.forSampleBlocks(count, 1, (sample, one) -> {
            g.loadArg(1);
            g.loadArg(2);
            sample.push(g);
            g.math(GeneratorAdapter.ADD, INT);
            g.arrayLoad(INT);
            g.storeLocal(index);
            for (String[] read : new String[][] {{"void input(int, double[])", INPUT_BUFFER},
                    {"void target(int, double[])", TARGET_BUFFER}}) {
                g.loadArg(0);
                g.loadLocal(index);
                m.getField("batch_" + read[1], MethodEmitter.ROWS);
                sample.push(g);
                g.arrayLoad(DOUBLES);
                g.invokeInterface(SAMPLES, Method.getMethod(read[0]));
            }
        });
        g.loadThis();
        g.loadLocal(count);
        m.invokeOwn("void forwardBatch(int)");
        m.forSampleBlocks(count, 1, (sample, one) -> {
            g.loadThis();
            sample.push(g);
            m.invokeOwn("void select(int)");
            addSampleCost(m, batchCost);
            g.loadThis();
            m.invokeOwn("void backward()");
        });
        g.loadThis();
        g.loadLocal(count);
        m.invokeOwn("void accumulateBatch(int)");
    }

    /** Pushes {@code data.<descriptor>} for argument 0. Stack: ... -&gt; ..., result. */
    private static void callSamples(GeneratorAdapter g, String descriptor) {
        g.loadArg(0);
        g.invokeInterface(SAMPLES, Method.getMethod(descriptor));
    }

    /** {@code data.<descriptor>(index, this.<buffer>)}. Stack unchanged. */
    private static void readSample(MethodEmitter m, int index, String descriptor, String buffer) {
        m.g.loadArg(0);
        m.g.loadLocal(index);
        m.getField(buffer, DOUBLES);
        m.g.invokeInterface(SAMPLES, Method.getMethod(descriptor));
    }

    /**
     * {@code trainBatch}: accumulate the batch, c = -(rate / (to - from)) once, then every node's
     * {@code update_} (decay exactly 1.0) or {@code updateDecayed_}, which leave every gradient sum
     * 0.0; returns the batch's cost.
     */
    private void emitTrainBatch() {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, TRAIN_BATCH, TRAIN_BATCH_ARGS);
        if (localsBlock > 0) {
            emitTrainBatchInLocals(m, localsBlock);
            return;
        }
        GeneratorAdapter g = m.g;
        requireNonEmpty(m);
        g.loadThis();
        g.loadArgs(0, 4);
        m.invokeOwn("double accumulate(nnlang.runtime.Samples, int[], int, int)");
        int batchCost = m.storeNew("batchCost", DOUBLE);
        int c = storeStep(m);
        Label decayed = new Label();
        Label done = new Label();
        g.loadArg(5);
        g.push(1.0);
        g.ifCmp(DOUBLE, GeneratorAdapter.NE, decayed);
        g.loadThis();
        g.loadLocal(c);
        m.invokeOwn("void update(double)");
        g.goTo(done);
        g.mark(decayed);
        g.loadThis();
        g.loadLocal(c);
        g.loadArg(5);
        m.invokeOwn("void updateDecayed(double, double)");
        g.mark(done);
        g.loadThis();
        g.push(false);
        g.putField(owner, SUMS_DIRTY, Type.BOOLEAN_TYPE);
        g.loadLocal(batchCost);
        g.returnValue();
        m.end();
    }

    /**
     * The whole of {@code trainBatch} for a network trained in locals, in blocks of {@code block}
     * samples: the checks, c = -(rate / (to - from)), then {@link InLocalsEmitter#emitTraining}; returns
     * the batch's cost.
     */
    private void emitTrainBatchInLocals(MethodEmitter m, int block) {
        GeneratorAdapter g = m.g;
        requireNonEmpty(m);
        int c = storeStep(m);
        emitBatchChecks(m);
        g.push(0.0);
        int batchCost = m.storeNew("batchCost", DOUBLE);
        new InLocalsEmitter(this, model, plans).emitTraining(m, batchCost, block, c);
        g.loadLocal(batchCost);
        g.returnValue();
        m.end();
    }

    /** Throws IllegalArgumentException unless from &lt; to (arguments 2 and 3). Stack unchanged. */
    private void requireNonEmpty(MethodEmitter m) {
        GeneratorAdapter g = m.g;
        Label nonEmpty = new Label();
        g.loadArg(2);
        g.loadArg(3);
        g.ifICmp(GeneratorAdapter.LT, nonEmpty);
        throwIllegalArgument(g, model.name() + ": empty batch [", (Runnable) () -> g.loadArg(2), ", ",
                (Runnable) () -> g.loadArg(3), ")");
        g.mark(nonEmpty);
    }

    /** c = -(rate / (to - from)) into a new local of trainBatch; returns its slot. Stack unchanged. */
    private static int storeStep(MethodEmitter m) {
        GeneratorAdapter g = m.g;
        g.loadArg(4);
        g.loadArg(3);
        g.loadArg(2);
        g.math(GeneratorAdapter.SUB, INT);
        g.cast(INT, DOUBLE);
        g.math(GeneratorAdapter.DIV, DOUBLE);
        g.math(GeneratorAdapter.NEG, DOUBLE);
        return m.storeNew("c", DOUBLE);
    }

    private void emitGradient() {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, "void gradient(nnlang.runtime.Samples, int[], int, int, double[])",
                "data", "order", "from", "to", "dst");
        GeneratorAdapter g = m.g;
        requireLength(g, 4, model.parameterCount(), "gradient array");
        g.loadThis();
        g.loadArgs(0, 4);
        m.invokeOwn("double accumulate(nnlang.runtime.Samples, int[], int, int)");
        g.pop2();
        g.loadThis();
        g.loadArg(4);
        m.invokeOwn("void readGradient(double[])");
        m.end();
    }

    /** A public method that throws IllegalStateException: the network has no cost to train on. */
    private void emitUntrainable(String descriptor, String... argNames) {
        MethodEmitter m = method(Opcodes.ACC_PUBLIC, descriptor, argNames);
        m.g.throwException(Type.getType(IllegalStateException.class),
                "network " + model.name() + " has no train block, so no cost to train on");
        m.end();
    }

    private void emitParameterAccess() {
        for (String[] names : new String[][] {{"getParameters", "readParameters", "dst"},
                {"setParameters", "writeParameters", "src"}}) {
            MethodEmitter m = method(Opcodes.ACC_PUBLIC, "void " + names[0] + "(double[])", names[2]);
            requireLength(m.g, 0, model.parameterCount(), "parameter array");
            m.g.loadThis();
            m.g.loadArg(0);
            m.invokeOwn("void " + names[1] + "(double[])");
            m.end();
        }
    }

    /**
     * {@code if (arg.length < length) throw new IllegalArgumentException(...)} for the array argument
     * {@code arg}. Stack unchanged.
     */
    private void requireLength(GeneratorAdapter g, int arg, int length, String what) {
        Label fits = new Label();
        g.loadArg(arg);
        g.arrayLength();
        g.push(length);
        g.ifICmp(GeneratorAdapter.GE, fits);
        throwIllegalArgument(g, model.name() + ": the " + what + " has ", (Runnable) () -> {
            g.loadArg(arg);
            g.arrayLength();
        }, " values, it needs " + length);
        g.mark(fits);
    }

    /**
     * Throws a new IllegalArgumentException whose message concatenates {@code parts}: a String is
     * appended as it is, a Runnable pushes an int to append. Stack: ... -&gt; (does not return).
     */
    private static void throwIllegalArgument(GeneratorAdapter g, Object... parts) {
        g.newInstance(ILLEGAL_ARGUMENT);
        g.dup();
        g.newInstance(STRING_BUILDER);
        g.dup();
        g.invokeConstructor(STRING_BUILDER, Method.getMethod("void <init>()"));
        for (Object part : parts) {
            if (part instanceof String text) {
                g.push(text);
                g.invokeVirtual(STRING_BUILDER, Method.getMethod("StringBuilder append(String)"));
            } else {
                ((Runnable) part).run();
                g.invokeVirtual(STRING_BUILDER, Method.getMethod("StringBuilder append(int)"));
            }
        }
        g.invokeVirtual(STRING_BUILDER, Method.getMethod("String toString()"));
        g.invokeConstructor(ILLEGAL_ARGUMENT, Method.getMethod("void <init>(String)"));
        g.throwException();
    }
}
