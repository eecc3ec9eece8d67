package nnlang.interop.safetensors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nnlang.interop.NnlangVersion;
import nnlang.runtime.ParameterFileException;
import nnlang.runtime.ParameterLayout;

/**
 * A network's parameters as safetensors: one F64 tensor per parameter block, named
 * {@code node.block} ({@code hidden.weight}, {@code hidden.bias}) and shaped as the block, so that a
 * dense layer's weight is {@code [size, fanIn]}, out × in as PyTorch's {@code nn.Linear} lays out
 * its weight; the metadata holds {@code nnlang.network} (the network's name) and
 * {@code nnlang.version}. Reading checks every name and shape against the network and names the
 * tensor at fault; it does not require the metadata, so files written elsewhere load too.
 */
public final class SafetensorsParameters {

    public static final String NETWORK_KEY = "nnlang.network";
    public static final String VERSION_KEY = "nnlang.version";

    private SafetensorsParameters() {}

    /** The tensor name of block {@code block} of node {@code node}. */
    public static String tensorName(String node, String block) {
        return node + "." + block;
    }

    /** The safetensors bytes of {@code params}, laid out as {@code layout} says. */
    public static byte[] encode(ParameterLayout layout, double[] params) {
        if (params.length != layout.parameterCount()) {
            throw new IllegalArgumentException(layout.network() + " has " + layout.parameterCount() + " parameters, not "
                    + params.length);
        }
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        int offset = 0;
        for (ParameterLayout.NodeBlocks node : layout.nodes()) {
            for (ParameterLayout.Block block : node.blocks()) {
                double[] values = java.util.Arrays.copyOfRange(params, offset, offset + block.size());
                tensors.add(new Safetensors.Tensor(tensorName(node.node(), block.name()),
                        block.shape().dims().stream().map(Integer::longValue).toList(), values));
                offset += block.size();
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(NETWORK_KEY, layout.network());
        metadata.put(VERSION_KEY, NnlangVersion.get());
        return Safetensors.encode(metadata, tensors);
    }

    /**
     * The parameters a safetensors file holds for a network of layout {@code expected}, in its
     * parameter order.
     *
     * @throws ParameterFileException when the file is malformed, lacks a tensor of the network, has
     *                                one the network does not, or a tensor of another shape
     */
    public static double[] decode(byte[] bytes, String file, ParameterLayout expected) {
        Safetensors.Contents contents = Safetensors.decode(bytes, file);
        Map<String, Safetensors.Tensor> byName = new HashMap<>();
        contents.tensors().forEach(t -> byName.put(t.name(), t));
        List<String> wanted = new ArrayList<>();
        double[] params = new double[expected.parameterCount()];
        int offset = 0;
        for (ParameterLayout.NodeBlocks node : expected.nodes()) {
            for (ParameterLayout.Block block : node.blocks()) {
                String name = tensorName(node.node(), block.name());
                wanted.add(name);
                Safetensors.Tensor t = byName.get(name);
                List<Long> shape = block.shape().dims().stream().map(Integer::longValue).toList();
                if (t == null) {
                    throw new ParameterFileException(file, "has no tensor " + name + " (" + dims(shape) + ") for node "
                            + node.node() + " of network " + expected.network() + "; the file has "
                            + names(contents.tensors()));
                }
                if (!t.shape().equals(shape)) {
                    throw new ParameterFileException(file, "tensor " + name + " is " + dims(t.shape()) + ", but network "
                            + expected.network() + " needs " + dims(shape) + " for the " + block.name() + " of node "
                            + node.node());
                }
                System.arraycopy(t.values(), 0, params, offset, t.values().length);
                offset += block.size();
            }
        }
        for (Safetensors.Tensor t : contents.tensors()) {
            if (!wanted.contains(t.name())) {
                throw new ParameterFileException(file, "tensor " + t.name() + " is not a parameter of network "
                        + expected.network() + ", whose tensors are " + String.join(", ", wanted));
            }
        }
        return params;
    }

    private static String names(List<Safetensors.Tensor> tensors) {
        return tensors.isEmpty() ? "no tensors" : tensors.stream().map(Safetensors.Tensor::name).collect(Collectors.joining(", "));
    }

    /** {@code 2x3}, or {@code a scalar} for the empty shape. */
    private static String dims(List<Long> shape) {
        return shape.isEmpty() ? "a scalar" : shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }
}
