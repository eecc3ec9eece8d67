package nnlang.interop.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nnlang.interop.ExportException;
import nnlang.interop.NnlangVersion;
import nnlang.interop.onnx.OnnxGraph.IntAttribute;
import nnlang.interop.onnx.OnnxGraph.IntsAttribute;
import nnlang.model.Conv;
import nnlang.model.Dense;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Pool;
import nnlang.model.Shape;
import nnlang.model.Source;
import nnlang.runtime.ParameterLayout;

/**
 * A trained network as an ONNX model (IR version 8, opset 17) with double-precision tensors, which
 * any ONNX runtime runs to the same outputs as nnlang's {@code predict}, up to the rounding of its
 * own kernels.
 *
 * <h2>The model</h2>
 * <ul>
 *   <li>Inputs: one per {@code input} declaration, named as declared, of type double and shape
 *       {@code [N, 1]} for a scalar input, {@code [N, size]} for a vector, {@code [N, rows, cols]}
 *       for a shaped one ({@code N} is the batch, free). They are flattened and concatenated, in
 *       declaration order, into the network's input vector.</li>
 *   <li>Each node, in the network's order: its sources (whole tensors, or {@code Slice}s of them
 *       along axis 1 for elements) {@code Concat}enated along axis 1, then its layer, then its
 *       activation ({@link OnnxOperations}). The node's activations are the tensor named after the
 *       node; its weights and biases are initializers named {@code node.weight} ({@code [size,
 *       fanIn]}, out × in as in PyTorch's {@code nn.Linear}) and {@code node.bias}. A maxpool
 *       {@code Reshape}s its input vector to the image {@code [N, C, H, W]} it is, applies
 *       {@code MaxPool} and {@code Flatten}s the result back, channel by channel, which is nnlang's
 *       order. ONNX Runtime's CPU {@code AveragePool} and {@code Conv} have no double-precision
 *       kernels, so those two are written in operators that have: an avgpool {@code Gather}s each
 *       window (the constant {@code node.windows}, int64 {@code [outputs, kh·kw]}), {@code ReduceSum}s
 *       it and divides by its size. A conv's weights are {@code node.weight}
 *       {@code [F, C, kh, kw]} as in PyTorch's {@code nn.Conv2d}, and {@code Pad} appends a zero to
 *       the input vector, {@code Gather} with the constant {@code node.patches} (int64
 *       {@code [positions, C·kh·kw]}) takes the input under the kernel at each output position (the
 *       zero in the padding), {@code MatMul} with the kernels reshaped to {@code [F, C·kh·kw]} and
 *       transposed, {@code Add} the biases, then {@code Transpose} to channels first and
 *       {@code Flatten}.</li>
 *   <li>Outputs: {@code output}, double {@code [N, outputs]}, the network's output vector; for a
 *       classifier also {@code label}, int64 {@code [N]}, the index of the largest output (the first
 *       on ties, as nnlang counts accuracy) into the class labels, which the metadata property
 *       {@code nnlang.classes} lists.</li>
 * </ul>
 * Metadata properties: {@code nnlang.network} (the network's name), {@code nnlang.layout} (its
 * parameter layout), {@code nnlang.classes} for a classifier. Internal tensors' names contain a
 * {@code /}, which no name in a network can, so they never collide with nodes or inputs.
 */
public final class OnnxExport {

    /** The name of the model's output tensor. */
    public static final String OUTPUT = "output";
    /** The name of a classifier's label output. */
    public static final String LABEL = "label";
    /** The name of the free batch dimension. */
    public static final String BATCH = "N";

    private final NetworkModel model;
    private final double[] parameters;
    private final OnnxGraph g = new OnnxGraph();

    private OnnxExport(NetworkModel model, double[] parameters) {
        this.model = model;
        this.parameters = parameters;
    }

    /**
     * The ONNX model of {@code model} with {@code parameters}, serialised.
     *
     * @param parameters in the model's parameter order; not modified
     * @throws ExportException when a node cannot be expressed in ONNX (a layer kind without a
     *                         mapping), or a name collides with the model's outputs
     */
    public static byte[] model(NetworkModel model, double[] parameters) throws ExportException {
        if (parameters.length != model.parameterCount()) {
            throw new IllegalArgumentException("network " + model.name() + " has " + model.parameterCount()
                    + " parameters, not " + parameters.length);
        }
        return new OnnxExport(model, parameters).build();
    }

    private byte[] build() throws ExportException {
        checkOutputNames();
        for (Input in : model.inputs()) {
            List<Object> dims = new ArrayList<>(List.of(BATCH));
            if (in.isScalar()) {
                dims.add(1);
            } else {
                dims.addAll(in.shape());
            }
            g.input(in.name(), OnnxGraph.DOUBLE, dims);
        }
        for (Node node : model.nodes()) {
            String x = gather(node.sources(), node.name());
            String z = layer(node, x);
            OnnxOperations.activation(g, node.activation(), z, node.name());
        }
        String output = gather(model.output().sources(), "/output");
        g.node("Identity", List.of(output), OUTPUT);
        g.output(OUTPUT, OnnxGraph.DOUBLE, List.of(BATCH, model.outputSize()));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("nnlang.network", model.name());
        metadata.put("nnlang.layout", ParameterLayout.of(model).encode());
        if (model.output().isClassifier()) {
            g.node("ArgMax", List.of(OUTPUT), LABEL, new IntAttribute("axis", 1), new IntAttribute("keepdims", 0),
                    new IntAttribute("select_last_index", 0));
            g.output(LABEL, OnnxGraph.INT64, List.of(BATCH));
            metadata.put("nnlang.classes", String.join(",", model.output().classes().orElseThrow()));
        }
        return g.model(model.name(), describe(), NnlangVersion.get(), metadata);
    }

    /**
     * The per-kind mapping of a node's layer, the one place that knows layer kinds: adds the nodes
     * computing the pre-activations of {@code node} from its input vector {@code x} and returns their
     * tensor. A kind without a mapping is refused, naming the node.
     */
    private String layer(Node node, String x) throws ExportException {
        int offset = model.parameterOffset(node.index());
        if (node.layer() instanceof Dense dense) {
            String weight = g.initializer(node.name() + ".weight", List.of(dense.size(), dense.fanIn()),
                    Arrays.copyOfRange(parameters, offset, offset + dense.size() * dense.fanIn()));
            offset += dense.size() * dense.fanIn();
            String bias = g.initializer(node.name() + ".bias", List.of(dense.size()),
                    Arrays.copyOfRange(parameters, offset, offset + dense.size()));
            return g.node("Gemm", List.of(x, weight, bias), node.name() + "/z", new IntAttribute("transB", 1));
        }
        if (node.layer() instanceof Conv conv) {
            int positions = conv.outputHeight() * conv.outputWidth();
            String padded = g.node("Pad", List.of(x, g.int64s(0, 0, 0, 1)), node.name() + "/padded");
            String patches = g.node("Gather", List.of(padded, g.int64Tensor(node.name() + ".patches",
                    List.of(positions, conv.fanIn()), patchIndices(conv))), node.name() + "/patches",
                    new IntAttribute("axis", 1));
            String weight = g.initializer(node.name() + ".weight",
                    List.of(conv.filters(), conv.channels(), conv.kernelHeight(), conv.kernelWidth()),
                    Arrays.copyOfRange(parameters, offset, offset + conv.filters() * conv.fanIn()));
            offset += conv.filters() * conv.fanIn();
            String bias = g.initializer(node.name() + ".bias", List.of(conv.filters()),
                    Arrays.copyOfRange(parameters, offset, offset + conv.filters()));
            String kernels = g.node("Reshape", List.of(weight, g.int64s(conv.filters(), conv.fanIn())),
                    node.name() + "/kernels");
            String sums = g.node("MatMul", List.of(patches, g.node("Transpose", List.of(kernels),
                    node.name() + "/kernelsT")), node.name() + "/sums");
            String plus = g.node("Add", List.of(sums, bias), node.name() + "/plus");
            String channels = g.node("Transpose", List.of(plus), node.name() + "/channels",
                    new IntsAttribute("perm", 0, 2, 1));
            return g.node("Flatten", List.of(channels), node.name() + "/z", new IntAttribute("axis", 1));
        }
        if (node.layer() instanceof Pool pool && pool.kind() == Pool.Kind.MAX) {
            String image = image(node, x, pool.inputShape());
            String z = g.node("MaxPool", List.of(image), node.name() + "/pool",
                    new IntsAttribute("kernel_shape", pool.kernelHeight(), pool.kernelWidth()),
                    new IntsAttribute("strides", pool.strideY(), pool.strideX()));
            return g.node("Flatten", List.of(z), node.name() + "/z", new IntAttribute("axis", 1));
        }
        if (node.layer() instanceof Pool pool) {
            String windows = g.node("Gather", List.of(x, g.int64Tensor(node.name() + ".windows",
                    List.of(pool.outputShape().size(), pool.windowSize()), windowIndices(pool))), node.name() + "/windows",
                    new IntAttribute("axis", 1));
            String sums = g.node("ReduceSum", List.of(windows, g.int64s(2)), node.name() + "/sums",
                    new IntAttribute("keepdims", 0));
            return g.node("Div", List.of(sums, g.constant(pool.windowSize())), node.name() + "/z");
        }
        throw new ExportException(node.pos(), "cannot export node " + node.name() + " to ONNX: its layer kind "
                + node.layer().keyword() + " has no ONNX mapping yet");
    }

    /**
     * For each output position p of a conv and kernel element (c, ky, kx), the index of the input
     * element under it in the conv's input vector, or, in the padding, the index of the zero that
     * {@code Pad} appends after it.
     */
    private static long[] patchIndices(Conv conv) {
        int positions = conv.outputHeight() * conv.outputWidth();
        int zero = conv.inputShape().size();
        long[] indices = new long[positions * conv.fanIn()];
        int k = 0;
        for (int oy = 0; oy < conv.outputHeight(); oy++) {
            for (int ox = 0; ox < conv.outputWidth(); ox++) {
                for (int c = 0; c < conv.channels(); c++) {
                    for (int ky = 0; ky < conv.kernelHeight(); ky++) {
                        for (int kx = 0; kx < conv.kernelWidth(); kx++) {
                            int iy = oy * conv.strideY() + ky - conv.padTop();
                            int ix = ox * conv.strideX() + kx - conv.padLeft();
                            boolean inside = iy >= 0 && iy < conv.inputHeight() && ix >= 0 && ix < conv.inputWidth();
                            indices[k++] = inside ? (c * conv.inputHeight() + iy) * conv.inputWidth() + ix : zero;
                        }
                    }
                }
            }
        }
        return indices;
    }

    /** For each output element (c, oy, ox) of a pool, the indices of its window's elements row by row. */
    private static long[] windowIndices(Pool pool) {
        long[] indices = new long[pool.outputShape().size() * pool.windowSize()];
        int k = 0;
        for (int c = 0; c < pool.channels(); c++) {
            for (int oy = 0; oy < pool.outputHeight(); oy++) {
                for (int ox = 0; ox < pool.outputWidth(); ox++) {
                    for (int ky = 0; ky < pool.kernelHeight(); ky++) {
                        for (int kx = 0; kx < pool.kernelWidth(); kx++) {
                            indices[k++] = (c * pool.inputHeight() + oy * pool.strideY() + ky) * pool.inputWidth()
                                    + ox * pool.strideX() + kx;
                        }
                    }
                }
            }
        }
        return indices;
    }

    /** The flat input vector {@code x} of an image layer as the image it is, {@code [N, C, H, W]}. */
    private String image(Node node, String x, Shape shape) {
        return g.node("Reshape", List.of(x, g.int64s(0, shape.dim(0), shape.dim(1), shape.dim(2))),
                node.name() + "/image");
    }

    /**
     * The concatenation of {@code sources} along axis 1 as one tensor of shape {@code [N, total]}:
     * a whole source is its tensor, an element or a range a {@code Slice} of it.
     */
    private String gather(List<Source> sources, String owner) {
        List<String> parts = new ArrayList<>();
        for (Source s : sources) {
            String whole = s.isInput() ? networkInput() : model.nodes().get(s.node()).name();
            if (s.offset() == 0 && s.length() == model.sizeOf(s.node())) {
                parts.add(whole);
            } else {
                parts.add(g.node("Slice", List.of(whole, g.int64s(s.offset()), g.int64s(s.offset() + s.length()),
                        g.int64s(1)), owner + "/slice" + parts.size()));
            }
        }
        return parts.size() == 1 ? parts.get(0) : g.node("Concat", parts, owner + "/x", new IntAttribute("axis", 1));
    }

    /** The network's input vector, {@code [N, inputSize]}: the declarations flattened and concatenated. */
    private String networkInput() {
        String name = "/input";
        if (g.defines(name)) {
            return name;
        }
        List<String> parts = new ArrayList<>();
        for (Input in : model.inputs()) {
            parts.add(in.shape().size() > 1
                    ? g.node("Flatten", List.of(in.name()), "/input/" + in.name(), new IntAttribute("axis", 1))
                    : in.name());
        }
        return parts.size() == 1 ? g.node("Identity", parts, name)
                : g.node("Concat", parts, name, new IntAttribute("axis", 1));
    }

    /** An input or node named as one of the model's outputs would make two tensors of one name. */
    private void checkOutputNames() throws ExportException {
        List<String> outputs = model.output().isClassifier() ? List.of(OUTPUT, LABEL) : List.of(OUTPUT);
        for (Input in : model.inputs()) {
            if (outputs.contains(in.name())) {
                throw new ExportException(in.pos(), "cannot export network " + model.name() + " to ONNX: its input "
                        + in.name() + " has the name of the model's output " + in.name() + "; rename the input");
            }
        }
        for (Node n : model.nodes()) {
            if (outputs.contains(n.name())) {
                throw new ExportException(n.pos(), "cannot export network " + model.name() + " to ONNX: its node "
                        + n.name() + " has the name of the model's output " + n.name() + "; rename the node");
            }
        }
    }

    private String describe() {
        String inputs = model.inputs().stream()
                .map(in -> in.name() + " [N, " + (in.isScalar() ? "1" : in.shape().stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))) + "]")
                .collect(Collectors.joining(", "));
        return "Network " + model.name() + " from " + java.nio.file.Path.of(model.sourceFile()).getFileName()
                + ", exported by nnlang. Inputs (double): "
                + inputs + ". Outputs: output [N, " + model.outputSize() + "] (double)"
                + (model.output().isClassifier() ? ", label [N] (int64, the index of the largest output, the first on ties, "
                        + "into the classes " + String.join(", ", model.output().classes().orElseThrow()) + ")" : "")
                + ".";
    }
}
