package nnlang.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph under construction, and its serialisation as a {@code ModelProto}. The only class
 * that knows ONNX's messages and their field numbers; the exporter adds nodes, initializers,
 * inputs and outputs in terms of tensor names.
 *
 * <p>The messages written, with the fields used (numbers as the ONNX IR specification gives them):
 * <pre>
 * ModelProto           ir_version 1, producer_name 2, producer_version 3, doc_string 6, graph 7,
 *                      opset_import 8, metadata_props 14
 * OperatorSetIdProto   domain 1, version 2
 * StringStringEntry    key 1, value 2
 * GraphProto           node 1, name 2, initializer 5, doc_string 10, input 11, output 12
 * NodeProto            input 1, output 2, name 3, op_type 4, attribute 5
 * AttributeProto       name 1, i 3, ints 8, type 20 (INT = 2, INTS = 7)
 * TensorProto          dims 1, data_type 2, name 8, raw_data 9 (little-endian values)
 * ValueInfoProto       name 1, type 2
 * TypeProto            tensor_type 1; its Tensor: elem_type 1, shape 2
 * TensorShapeProto     dim 1; its Dimension: dim_value 1, dim_param 2
 * </pre>
 * Initializers are not listed among the graph's inputs (allowed since IR version 4), so a runtime
 * treats them as constants.
 */
final class OnnxGraph {

    /** IR version 8: ONNX 1.10 to 1.13, which includes opset 17. */
    static final int IR_VERSION = 8;
    /** The default-domain operator set: 17, the first with every operator at its current form used here. */
    static final int OPSET = 17;

    /** TensorProto.DataType values. */
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    /** A node attribute. */
    sealed interface Attribute {
        String name();

        /** The AttributeProto: name 1, i 3 or ints 8, type 20. */
        ProtoWriter proto();
    }

    /** One node attribute of type INT. */
    record IntAttribute(String name, long value) implements Attribute {
        @Override
        public ProtoWriter proto() {
            return new ProtoWriter().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
        }
    }

    /** One node attribute of type INTS, e.g. a kernel's shape. */
    record IntsAttribute(String name, long... values) implements Attribute {
        @Override
        public ProtoWriter proto() {
            ProtoWriter a = new ProtoWriter().string(1, name);
            for (long v : values) {
                a.varint(8, v);
            }
            return a.varint(20, ATTRIBUTE_INTS);
        }
    }

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Set<String> tensors = new HashSet<>();
    private final Map<Long, String> doubleConstants = new HashMap<>();
    private final Map<List<Long>, String> int64Constants = new HashMap<>();

    /**
     * Adds a node computing {@code output} by {@code opType} of {@code inputs}; names the node after
     * its output.
     *
     * @return {@code output}
     */
    String node(String opType, List<String> inputs, String output, Attribute... attributes) {
        define(output);
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(1, in);
        }
        node.string(2, output).string(3, output).string(4, opType);
        for (Attribute a : attributes) {
            node.message(5, a.proto());
        }
        nodes.add(node);
        return output;
    }

    /** A constant double tensor of shape {@code dims} holding {@code values} in row-major order. */
    String initializer(String name, List<Integer> dims, double[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            raw.putLong(Double.doubleToRawLongBits(v));
        }
        return initializer(name, dims.stream().mapToLong(Integer::longValue).toArray(), DOUBLE, raw.array());
    }

    /** A constant int64 tensor of shape {@code dims} holding {@code values} in row-major order. */
    String int64Tensor(String name, List<Integer> dims, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return initializer(name, dims.stream().mapToLong(Integer::longValue).toArray(), INT64, raw.array());
    }

    /** A scalar double constant (rank 0), shared by every use of the same bits. */
    String constant(double value) {
        long bits = Double.doubleToRawLongBits(value);
        String known = doubleConstants.get(bits);
        if (known != null) {
            return known;
        }
        String name = "const/" + value + (Double.isNaN(value) ? "/" + Long.toHexString(bits) : "");
        ByteBuffer raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits);
        initializer(name, new long[0], DOUBLE, raw.array());
        doubleConstants.put(bits, name);
        return name;
    }

    /** A one-dimensional int64 constant (Slice's starts, ends and axes), shared by equal values. */
    String int64s(long... values) {
        List<Long> key = new ArrayList<>();
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            key.add(v);
            raw.putLong(v);
        }
        String known = int64Constants.get(key);
        if (known != null) {
            return known;
        }
        String name = "const/int64" + key;
        initializer(name, new long[] {values.length}, INT64, raw.array());
        int64Constants.put(key, name);
        return name;
    }

    private String initializer(String name, long[] dims, int dataType, byte[] raw) {
        define(name);
        ProtoWriter tensor = new ProtoWriter();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, dataType).string(8, name).bytes(9, raw);
        initializers.add(tensor);
        return name;
    }

    /**
     * A graph input: a tensor of {@code elemType} whose dimensions are each an {@code Integer} (a
     * fixed size) or a {@code String} (a named, free size such as the batch {@code N}).
     */
    void input(String name, int elemType, List<Object> dims) {
        define(name);
        inputs.add(valueInfo(name, elemType, dims));
    }

    /** A graph output: a tensor some node defines. */
    void output(String name, int elemType, List<Object> dims) {
        if (!tensors.contains(name)) {
            throw new IllegalStateException("no node defines the output " + name);
        }
        outputs.add(valueInfo(name, elemType, dims));
    }

    /** Whether some input, initializer or node already defines {@code name}. */
    boolean defines(String name) {
        return tensors.contains(name);
    }

    private void define(String name) {
        if (!tensors.add(name)) {
            throw new IllegalStateException("tensor " + name + " is defined twice");
        }
    }

    private static ProtoWriter valueInfo(String name, int elemType, List<Object> dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Integer size) {
                dim.varint(1, size);
            } else {
                dim.string(2, (String) d);
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** The ModelProto holding this graph, with the metadata given in order. */
    byte[] model(String graphName, String docString, String producerVersion, Map<String, String> metadata) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        graph.string(10, docString);
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        ProtoWriter model = new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "nnlang")
                .string(3, producerVersion)
                .string(6, docString)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        metadata.forEach((k, v) -> model.message(14, new ProtoWriter().string(1, k).string(2, v)));
        return model.toByteArray();
    }
}
