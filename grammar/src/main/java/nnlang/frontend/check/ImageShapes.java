package nnlang.frontend.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import nnlang.frontend.Reporter;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.SourceRef;
import nnlang.model.Activation;
import nnlang.model.Conv;
import nnlang.model.Input;
import nnlang.model.Layer;
import nnlang.model.Pool;
import nnlang.model.Shape;
import nnlang.model.SourcePos;

/**
 * The shape pass, part of declaring: the input image of every convolution and pool, from the shapes
 * of what it reads, and so its output shape and size, before anything is wired or run. An image is
 * channels × rows × columns: an input declared {@code [H x W]} (one channel) or {@code [C x H x W]},
 * a conv or a pool. A layer reading several images stacks their channels, so they must have the same
 * rows and columns. A dense layer, a neuron, an element {@code h[3]}, a scalar or a flat vector input
 * is not an image.
 *
 * <p>Layers are shaped in dependency order (an image layer may read one declared after it), without
 * recursion. One whose sources name something undeclared, or that reads itself through others, is
 * left unshaped and silent: the wiring and ordering passes report those. Reports
 * {@code not-an-image}, {@code image-mismatch}, {@code kernel-too-large}, {@code does-not-tile},
 * {@code too-large} and, through {@link ImageLayerArguments}, the arguments' problems.
 */
final class ImageShapes {

    /** One source of an image layer: what it is called and its shape (flat: rank 1), or null for values of a part. */
    private record Part(String name, Shape shape, SourcePos pos) {}

    private final NetworkSyntax network;
    private final Declarations declarations;
    private final Reporter reporter;
    /** Per declaration index: the checked layer (a conv with a provisional linear activation), or null. */
    private final Layer[] layers;
    private final ImageLayerArguments[] arguments;

    private ImageShapes(NetworkSyntax network, Declarations declarations, Reporter reporter) {
        this.network = network;
        this.declarations = declarations;
        this.reporter = reporter;
        this.layers = new Layer[network.nodes().size()];
        this.arguments = new ImageLayerArguments[network.nodes().size()];
    }

    /**
     * Shapes every image layer of {@code network}; check the reporter to see whether it succeeded.
     *
     * @return per declaration index, the image layer (a conv's activation still linear), or null for
     *     other nodes and for image layers left unshaped
     */
    static Layer[] infer(NetworkSyntax network, Declarations declarations, Constants constants, Reporter reporter) {
        ImageShapes shapes = new ImageShapes(network, declarations, reporter);
        List<NodeDecl> nodes = network.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof NodeDecl.ImageLayer decl) {
                shapes.arguments[i] = ImageLayerArguments.check(decl, constants, reporter).orElse(null);
            }
        }
        int[] state = new int[nodes.size()];
        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!(nodes.get(i) instanceof NodeDecl.ImageLayer) || state[i] != 0) {
                continue;
            }
            stack.push(i);
            while (!stack.isEmpty()) {
                int top = stack.peek();
                if (state[top] == 0) {
                    state[top] = 1;
                    for (int d : shapes.imageSources(top)) {
                        if (state[d] == 0) {
                            stack.push(d);
                        }
                    }
                } else {
                    stack.pop();
                    if (state[top] == 1) {
                        state[top] = 2;
                        shapes.shape(top);
                    }
                }
            }
        }
        return shapes.layers;
    }

    /** The declaration indices of the image layers that layer {@code i} reads. */
    private List<Integer> imageSources(int i) {
        List<Integer> found = new ArrayList<>();
        for (SourceRef ref : from(i)) {
            Symbol symbol = declarations.lookup(ref.name().text());
            int d = symbol == null || ref.path().size() > 1 || ref.index().isPresent() ? -1
                    : declarations.declarationOf(symbol);
            if (d >= 0 && network.nodes().get(d) instanceof NodeDecl.ImageLayer) {
                found.add(d);
            }
        }
        int previous = from(i).isEmpty() ? Wiring.previousLayer(network.nodes(), i) : -1;
        if (previous >= 0 && network.nodes().get(previous) instanceof NodeDecl.ImageLayer) {
            found.add(previous);
        }
        return found;
    }

    private List<SourceRef> from(int i) {
        return ((NodeDecl.ImageLayer) network.nodes().get(i)).from();
    }

    /** Shapes layer {@code i}, whose image sources are shaped (or left unshaped) already. */
    private void shape(int i) {
        NodeDecl.ImageLayer decl = (NodeDecl.ImageLayer) network.nodes().get(i);
        ImageLayerArguments args = arguments[i];
        Optional<List<Part>> parts = parts(i, decl);
        if (args == null || parts.isEmpty()) {
            return;
        }
        String layer = decl.kind().text() + " " + decl.name().text();
        Optional<Shape> input = stack(layer, decl, parts.get());
        if (input.isEmpty()) {
            return;
        }
        Shape in = input.get();
        String gives = String.join(" and ", parts.get().stream().map(Part::name).toList())
                + (parts.get().size() == 1 ? " gives " : " give ") + in;
        boolean padded = args.padding() == Conv.Padding.SAME;
        SourcePos kernelPos = decl.args().stream().filter(a -> a.label().isEmpty()
                && a.value() instanceof NodeDecl.LayerValue.Extent).findFirst().map(NodeDecl.LayerArg::pos)
                .orElse(decl.kind().pos());
        if (!padded && (args.kernelHeight() > in.dim(1) || args.kernelWidth() > in.dim(2))) {
            reporter.error("kernel-too-large", kernelPos, layer + " needs an input of at least " + args.kernelHeight()
                    + " x " + args.kernelWidth() + ", but " + gives, args.kind().equals(Conv.KEYWORD)
                    ? "use a smaller kernel, or padding: same" : "use a smaller window");
            return;
        }
        if (!padded && (!Conv.fits(in.dim(1), args.kernelHeight(), args.strideY())
                || !Conv.fits(in.dim(2), args.kernelWidth(), args.strideX()))) {
            boolean rows = !Conv.fits(in.dim(1), args.kernelHeight(), args.strideY());
            int size = rows ? in.dim(1) : in.dim(2);
            int k = rows ? args.kernelHeight() : args.kernelWidth();
            int s = rows ? args.strideY() : args.strideX();
            SourcePos at = decl.args().stream().filter(a -> a.label().map(l -> l.text().equals("stride")).orElse(false))
                    .findFirst().map(NodeDecl.LayerArg::pos).orElse(kernelPos);
            reporter.error("does-not-tile", at, layer + " does not tile its input: " + gives + ", and "
                    + args.kernelHeight() + " x " + args.kernelWidth() + (args.kind().equals(Conv.KEYWORD) ? " kernels" : " windows")
                    + " with stride " + s + " leave out the last " + ((size - k) % s == 1 ? "" : (size - k) % s + " ")
                    + (rows ? "row" : "column") + ((size - k) % s == 1 ? "" : "s") + " (" + size + " - " + k
                    + " is not a multiple of " + s + ")",
                    args.kind().equals(Conv.KEYWORD) ? "choose a stride that divides it, or padding: same"
                            : "choose a window and stride that divide it");
            return;
        }
        Layer built = args.kind().equals(Conv.KEYWORD)
                ? new Conv(args.filters(), in, args.kernelHeight(), args.kernelWidth(), args.strideY(), args.strideX(),
                        args.padding(), Activation.LINEAR)
                : new Pool(args.kind().equals(Pool.Kind.MAX.keyword()) ? Pool.Kind.MAX : Pool.Kind.AVERAGE, in,
                        args.kernelHeight(), args.kernelWidth(), args.strideY(), args.strideX());
        long size = (long) built.outputShape().dim(0) * built.outputShape().dim(1) * built.outputShape().dim(2);
        if (size > Literals.LIMIT) {
            reporter.error("too-large", decl.name().pos(), layer + " gives " + String.format("%,d", size) + " values ("
                    + built.outputShape() + "), more than the limit " + String.format("%,d", Literals.LIMIT)
                    + "; one 8-byte value per element would need " + Literals.memory(java.math.BigInteger.valueOf(size)
                    .shiftLeft(3)));
            return;
        }
        layers[i] = built;
        declarations.sizeImageLayer(i, (int) size);
    }

    /**
     * What layer {@code i} reads, in order: its {@code from} list, or the previous layer, or every
     * input. Empty when something is not known yet (an undeclared name, a layer left unshaped).
     */
    private Optional<List<Part>> parts(int i, NodeDecl.ImageLayer decl) {
        List<Part> parts = new ArrayList<>();
        if (!decl.from().isEmpty()) {
            for (SourceRef ref : decl.from()) {
                Symbol symbol = declarations.lookup(ref.name().text());
                if (symbol == null) {
                    return Optional.empty();
                }
                if (ref.path().size() > 1 || symbol.kind() == Symbol.Kind.PART) {
                    parts.add(new Part(ref.text(), null, ref.pos()));
                    continue;
                }
                String written = ref.text() + (ref.index().isPresent() ? "[...]" : "");
                Shape shape = ref.index().isPresent() ? Shape.of(1) : shapeOf(symbol);
                if (shape == null) {
                    return Optional.empty();
                }
                parts.add(new Part(written, shape, ref.pos()));
            }
            return Optional.of(parts);
        }
        int previous = Wiring.previousLayer(network.nodes(), i);
        if (previous >= 0) {
            Symbol symbol = declarations.lookup(network.nodes().get(previous).name().text());
            Shape shape = symbol == null ? null : shapeOf(symbol);
            return shape == null ? Optional.empty() : Optional.of(List.of(new Part(symbol.name(), shape, decl.name().pos())));
        }
        for (Input input : declarations.inputs()) {
            parts.add(new Part(input.name(), imageOf(input), decl.name().pos()));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(parts);
    }

    /** The shape of a whole input or node, or null for an image layer not shaped. */
    private Shape shapeOf(Symbol symbol) {
        if (symbol.isInput()) {
            return declarations.inputs().stream().filter(in -> in.name().equals(symbol.name())).findFirst()
                    .map(ImageShapes::imageOf).orElse(Shape.of(symbol.size()));
        }
        int d = declarations.declarationOf(symbol);
        if (d >= 0 && network.nodes().get(d) instanceof NodeDecl.ImageLayer) {
            Layer layer = layers[d];
            return layer == null ? null : layer.outputShape();
        }
        return Shape.of(symbol.size());
    }

    /** An input's shape as an image ([H x W] is one channel), or flat. */
    private static Shape imageOf(Input input) {
        List<Integer> s = input.shape();
        if (s.size() == 2) {
            return Shape.of(1, s.get(0), s.get(1));
        }
        return s.size() == 3 ? new Shape(s) : Shape.of(input.size());
    }

    /** The image the parts make together, channels stacked, or empty after reporting why they make none. */
    private Optional<Shape> stack(String layer, NodeDecl.ImageLayer decl, List<Part> parts) {
        for (Part p : parts) {
            if (p.shape() == null || p.shape().rank() != 3) {
                reporter.error("not-an-image", p.pos(), layer + " reads " + p.name() + ", " + (p.shape() == null
                        ? "values of a part, which give a vector without rows and columns" : p.shape().size() == 1
                        ? "a single value" : "a vector of " + p.shape().size() + " values without rows and columns")
                        + "; " + (decl.kind().text().startsWith("a") ? "an " : "a ") + decl.kind().text()
                        + " needs an image (channels x rows x columns)",
                        "an input declared with a shape (input image[28 x 28]), a conv and a pool are images;"
                                + " a dense layer and a neuron are not");
                return Optional.empty();
            }
        }
        Shape first = parts.get(0).shape();
        int channels = 0;
        for (Part p : parts) {
            if (p.shape().dim(1) != first.dim(1) || p.shape().dim(2) != first.dim(2)) {
                reporter.error("image-mismatch", p.pos(), layer + " reads " + parts.get(0).name() + ", " + first
                        + ", and " + p.name() + ", " + p.shape() + ": images read together stack their channels, so "
                        + "they need the same rows and columns");
                return Optional.empty();
            }
            channels += p.shape().dim(0);
        }
        if ((long) channels * first.dim(1) * first.dim(2) > Literals.LIMIT) {
            reporter.error("too-large", decl.name().pos(), layer + " reads " + channels + " channels of " + first.dim(1)
                    + " x " + first.dim(2) + ", more than the limit of " + String.format("%,d", Literals.LIMIT)
                    + " values");
            return Optional.empty();
        }
        return Optional.of(Shape.of(channels, first.dim(1), first.dim(2)));
    }
}
