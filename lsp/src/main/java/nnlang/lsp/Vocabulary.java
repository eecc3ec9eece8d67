package nnlang.lsp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the words of the language mean, for hovers and completion: statements, train settings and
 * their values, the arguments of optimizers, schedules and data sources with their ranges, built-in
 * activations and formula functions. The front end decides what is valid; {@code VocabularyTest}
 * checks that every word listed here is one it accepts where this table says it goes.
 */
final class Vocabulary {

    /**
     * A word's documentation: {@code usage} as it is written (markdown code), {@code meaning} in words;
     * {@code snippet} is what completion inserts, with {@code ${n:default}} placeholders.
     */
    record Entry(String word, String usage, String meaning, String snippet) {
        /** The word as written: the last word of {@code word}, which may be prefixed by its owner. */
        String label() {
            return word.substring(word.lastIndexOf(' ') + 1);
        }

        String markdown() {
            return "```nn\n" + usage + "\n```\n" + meaning;
        }

        /** The snippet without its placeholders, for clients that take plain text. */
        String plainText() {
            return snippet.replaceAll("\\$\\{\\d+:([^}]*)}", "$1").replaceAll("\\$\\{?\\d+}?", "");
        }
    }

    private static final Map<String, Entry> STATEMENTS = entries(
            entry("network", "network NAME { ... }", "A network: its inputs, neurons or layers, activations, output "
                    + "and training. Its name names the class nnlang compiles it to.", "network ${1:Name} {\n\t$0\n}"),
            entry("import", "import \"gates.nn\"", "At the top of a file: the networks of another file, for parts; "
                    + "the path is relative to this file.", "import \"${1:file.nn}\""),
            entry("input", "input x1, x2        input 784        input image[28 x 28]", "The network's inputs: named "
                    + "scalars, a vector called `input`, or a named vector with a shape. All inputs, in order, make "
                    + "the input vector.", "input ${1:x1}"),
            entry("let", "let c = 10        let rate = c / 100", "A constant, at file level or in a network: "
                    + "usable wherever a number is, in numbers computed with the operations of formulas. A part "
                    + "may set its network's own constants with `with`.", "let ${1:name} = ${2:1}"),
            entry("neuron", "neuron NAME = ACT(src: w, src, ..., bias: b)", "One neuron reading the sources it names, "
                    + "each with a weight, or without one a weight drawn by `init`. `threshold: t` means `bias: -t`. "
                    + "ACT is `perceptron` (the step function) or an activation.",
                    "neuron ${1:name} = ${2:sigmoid}(${3})"),
            entry("layer", "layer NAME = dense(N, ACT)        layer NAME = conv(F, KH x KW, ACT)        "
                    + "layer NAME = maxpool(KH x KW)        ... from SRC, SRC        ... init he normal        "
                    + "... dropout 0.5", "A layer: N neurons with activation ACT, a convolution or a pool, reading "
                    + "the previous layer (the whole input for the first), or with `from` the sources named, "
                    + "concatenated. `init` gives a dense layer an initialisation of its own; `dropout r` drops that "
                    + "share of its activations in training.", "layer ${1:name} = dense(${2:10}, ${3:sigmoid})"),
            entry("part", "part NAME = NET(src, ..., x1: src)        ... with c = 3", "Network NET, of this file "
                    + "or an imported one, as a part: its inputs bound in order or by name, its nodes expanded into "
                    + "this network as `NAME.node`. `with` sets constants of NET for this part only. A trained NET "
                    + "brings its trained parameters and is fixed.", "part ${1:name} = ${2:Network}(${3})"),
            entry("fixed", "fixed neuron ...        fixed layer ...        fixed part ...", "A node or part that "
                    + "training leaves as it is; gradients still pass through it.", "fixed "),
            entry("trainable", "trainable part NAME = NET(...)", "A part of a trained network that training "
                    + "changes further, starting from its trained parameters.", "trainable part "),
            entry("output", "output a, b        output l as class(0..9)", "The output vector, the sources "
                    + "concatenated; `as class(...)` makes it a classifier with one label per element. Without an "
                    + "output line the last node is the output.", "output ${1}"),
            entry("activation", "activation NAME(z) = FORMULA", "An element-wise activation defined by a formula of "
                    + "its parameter, usable wherever an activation is named. nnlang derives its derivative, "
                    + "simplifies it and checks it numerically.", "activation ${1:name}(z) = ${2:z}"),
            entry("train", "train { data ... cost ... optimizer ... epochs ... seed ... }", "How to train the network: "
                    + "`data`, `cost`, `optimizer`, `epochs` and `seed` are required; `validation`, `test`, "
                    + "`schedule`, `init`, `report`, `expect`, `stop`, `keep`, `shards` and `threads` are optional.",
                    "train {\n\t$0\n}"));

    private static final Map<String, Entry> SETTINGS = entries(
            entry("data", "data table { [x, ...] -> [y, ...] ... }\ndata csv(\"file.csv\") split(validation: 0.1, "
                    + "test: 0.1)\ndata mnist(\"folder\") split(train: 50000, validation: 10000)", "The samples to learn "
                    + "from: rows written here, a CSV file (inputs then targets on each line; `, header` skips a first "
                    + "line) or the four MNIST files. Paths are relative to the `.nn` file. A table or CSV file may "
                    + "hold shares out with `split`: seeded, and by class for a classifier. Required.", "data "),
            entry("validation", "validation csv(\"validation.csv\")        validation table { ... }", "Samples held "
                    + "out to measure the network after each epoch, and to stop early or keep the best epoch by. "
                    + "Optional.", "validation "),
            entry("test", "test csv(\"test.csv\")        test table { ... }", "Samples held out to measure the "
                    + "trained network; `expect` checks them. Optional.", "test "),
            entry("cost", "cost quadratic        cost cross_entropy", "The cost the optimizer minimises. "
                    + "Required.", "cost "),
            entry("optimizer", "optimizer sgd(rate: 3.0, batch: 10, l2: 5.0)", "How the parameters learn. Required.",
                    "optimizer "),
            entry("schedule", "schedule step(every: 10, factor: 0.5)        schedule warmup(epochs: 3), cosine(epochs: "
                    + "30)", "How the learning rate changes from epoch to epoch: one decay (`step`, `exponential`, "
                    + "`cosine`) and a linear `warmup`, either or both. Optional; without it the rate is constant.",
                    "schedule "),
            entry("epochs", "epochs 30", "Passes over the training data: an integer, at least 0 (0 only "
                    + "initialises). Required.", "epochs ${1:30}"),
            entry("init", "init gaussian(0, 1)        init gaussian(0, 1) scaled        init xavier uniform        "
                    + "init he normal", "How weights and biases start, for layers without an init of their own. "
                    + "Optional; the default is `gaussian(0, 1)`.", "init "),
            entry("seed", "seed 1", "An integer that fixes initialisation and shuffling, so that a run repeats "
                    + "exactly. Required.", "seed ${1:1}"),
            entry("report", "report every 500", "A progress line every N epochs; N is an integer, at least 1. "
                    + "Optional.", "report every ${1:10}"),
            entry("expect", "expect accuracy >= 0.95", "The accuracy training must reach, on the test set (or the "
                    + "training set when there is none), between 0 and 1; training fails below it. Optional.",
                    "expect "),
            entry("stop", "stop when validation accuracy has not improved for 5 epochs", "Ends training early: after "
                    + "the epoch that is N epochs after the best validation accuracy (or cost) so far. Needs a "
                    + "validation set. Optional.", "stop when validation ${1:accuracy} has not improved for ${2:5} epochs"),
            entry("keep", "keep best", "Keeps the parameters of the epoch that scored best on the validation set "
                    + "(by the stop line's metric; else accuracy for a classifier, cost otherwise) instead of the "
                    + "last. Needs a validation set. Optional.", "keep best"),
            entry("shards", "shards 4", "Each mini-batch's gradient is summed in this many shards of consecutive "
                    + "samples, then the shards' sums in order: the order a cluster of that many workers computes, "
                    + "so a run on one machine gives its bits. An integer from 1 to the batch size. Optional; the "
                    + "default is 1.", "shards ${1:4}"),
            entry("threads", "threads 2        threads auto", "The threads training uses: an integer from 1 to "
                    + "256, or `auto`, one per processor. The trained parameters are the same bits for every "
                    + "number. Optional; the default is 1.", "threads ${1:auto}"));

    private static final Map<String, Entry> VALUES = entries(
            entry("data table", "table { [0, 1] -> [1] ... }", "Samples written in the file: inputs in brackets, "
                    + "then `->` and the targets in brackets, a class label, or for one output a number.",
                    "table {\n\t$0\n}"),
            entry("data csv", "csv(\"file.csv\")        csv(\"file.csv\", header)", "A CSV file: on each line the "
                    + "inputs then the targets (for a classifier, one class index). `header` skips the first line.",
                    "csv(\"${1:file.csv}\")"),
            entry("data mnist", "mnist(\"folder\") split(train: 50000, validation: 10000)", "The four MNIST IDX "
                    + "files (gzip or raw) in the folder; needs 784 inputs and 10 outputs. The split takes `train` "
                    + "training images and holds the next `validation` out.",
                    "mnist(\"${1:data}\") split(train: ${2:50000}, validation: ${3:10000})"),
            entry("cost quadratic", "quadratic", "C = ½ Σ_j (a_j − y_j)², summed over the outputs and averaged "
                    + "over the samples.", "quadratic"),
            entry("cost cross_entropy", "cross_entropy", "C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)] for "
                    + "sigmoid outputs, −Σ_j y_j ln a_j for a softmax output; every output must come from a sigmoid "
                    + "or softmax node.", "cross_entropy"),
            entry("optimizer sgd", "sgd(rate: 3.0, batch: 10, l2: 5.0)", "Mini-batch stochastic gradient descent: "
                    + "w ← (1 − rate·l2/n)·w − (rate/m)·Σ ∂C/∂w over each mini-batch of m samples, n samples in "
                    + "all. `rate` and `batch` are required, `l2` is optional.",
                    "sgd(rate: ${1:3.0}, batch: ${2:10})"),
            entry("optimizer momentum", "momentum(rate: 0.5, batch: 10, mu: 0.9, l2: 5.0)", "Classical momentum: "
                    + "each parameter keeps a velocity v ← μ·v − (rate/m)·Σ ∂C/∂w and moves by it, w ← w + v "
                    + "(with l2, w ← (1 − rate·l2/n)·w + v). `rate`, `batch` and `mu` are required, `l2` is "
                    + "optional.", "momentum(rate: ${1:0.5}, batch: ${2:10}, mu: ${3:0.9})"),
            entry("optimizer nesterov", "nesterov(rate: 0.5, batch: 10, mu: 0.9, l2: 5.0)", "Nesterov's momentum: "
                    + "v ← μ·v − (rate/m)·Σ ∂C/∂w, then w moves by μ·v − (rate/m)·Σ ∂C/∂w, a step that looks ahead "
                    + "along the new velocity. `rate`, `batch` and `mu` are required, `l2` is optional.",
                    "nesterov(rate: ${1:0.5}, batch: ${2:10}, mu: ${3:0.9})"),
            entry("optimizer rmsprop", "rmsprop(rate: 0.001, batch: 32, rho: 0.9, epsilon: 1e-8)", "RMSProp: each "
                    + "parameter keeps a mean square v ← ρ·v + (1 − ρ)·ĝ² of its mean gradient ĝ and moves by "
                    + "−rate·ĝ/(√v + ε). `rate` and `batch` are required.", "rmsprop(rate: ${1:0.001}, batch: ${2:32})"),
            entry("optimizer adam", "adam(rate: 0.001, batch: 32, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)", "Adam "
                    + "(Kingma and Ba): first and second moments of the mean gradient, bias-corrected, and a step "
                    + "of −rate·m̂/(√v̂ + ε). `rate` and `batch` are required.", "adam(rate: ${1:0.001}, batch: ${2:32})"),
            entry("optimizer adamw", "adamw(rate: 0.001, batch: 32, weight_decay: 0.01)", "Adam with decoupled "
                    + "weight decay (Loshchilov and Hutter): each step also multiplies the weights by "
                    + "1 − rate·weight_decay; biases are not decayed. `rate` and `batch` are required.",
                    "adamw(rate: ${1:0.001}, batch: ${2:32}, weight_decay: ${3:0.01})"),
            entry("schedule step", "step(every: 10, factor: 0.5)", "The rate is multiplied by `factor` after every "
                    + "`every` epochs; both arguments are required.", "step(every: ${1:10}, factor: ${2:0.5})"),
            entry("schedule exponential", "exponential(factor: 0.95)", "The rate is multiplied by `factor` after "
                    + "every epoch.", "exponential(factor: ${1:0.95})"),
            entry("schedule cosine", "cosine(epochs: 30)", "The rate falls along half a cosine from its value at "
                    + "epoch 1 to 0 after `epochs` epochs.", "cosine(epochs: ${1:30})"),
            entry("schedule warmup", "warmup(epochs: 3)", "The rate rises linearly to its value at epoch `epochs`; "
                    + "combines with a decay: `schedule warmup(epochs: 3), cosine(epochs: 30)`.",
                    "warmup(epochs: ${1:3})"),
            entry("init gaussian", "gaussian(mean, sd)        gaussian(mean, sd) scaled", "Weights and biases drawn "
                    + "from N(mean, sd²); sd is at least 0. `scaled` divides the weights' sd by √fan-in.",
                    "gaussian(${1:0}, ${2:1})"),
            entry("init xavier", "xavier normal        xavier uniform", "Glorot's: weights from N(0, 2/(fan-in + "
                    + "fan-out)) or U(±√(6/(fan-in + fan-out))), biases 0.", "xavier ${1:normal}"),
            entry("init he", "he normal        he uniform", "He's, for relu layers: weights from N(0, 2/fan-in) or "
                    + "U(±√(6/fan-in)), biases 0.", "he ${1:normal}"),
            entry("init uniform", "uniform(low, high)", "Weights and biases drawn from U(low, high), low < high.",
                    "uniform(${1:-0.1}, ${2:0.1})"),
            entry("expect accuracy", "accuracy >= 0.95", "The fraction of samples the network gets right: for a "
                    + "classifier, its largest output is the right class; otherwise every output is within 0.5 of "
                    + "its target.", "accuracy >= ${1:0.95}"));

    private static final Map<String, Entry> ARGUMENTS = entries(
            entry("sgd rate", "rate: 3.0", "The learning rate η: a number greater than 0. Required.", "rate: "),
            entry("sgd batch", "batch: 10", "The mini-batch size m: an integer, at least 1. Required.", "batch: "),
            entry("sgd l2", "l2: 5.0", "Weight decay λ (L2 regularisation): each step multiplies the weights by "
                    + "1 − rate·λ/n, n the number of training samples; biases are not decayed. A number, at least 0; "
                    + "0 when absent.", "l2: "),
            entry("momentum rate", "rate: 0.5", "The learning rate η: a number greater than 0. Required.", "rate: "),
            entry("momentum batch", "batch: 10", "The mini-batch size m: an integer, at least 1. Required.",
                    "batch: "),
            entry("momentum mu", "mu: 0.9", "The momentum μ, the share of the last step a step keeps: at least 0 "
                    + "and less than 1. Required.", "mu: "),
            entry("momentum l2", "l2: 5.0", "Weight decay λ (L2 regularisation), as for sgd: each step multiplies "
                    + "the weights by 1 − rate·λ/n before adding the velocity. A number, at least 0; 0 when absent.",
                    "l2: "),
            entry("step every", "every: 10", "Epochs per step of the schedule: an integer, at least 1. Required.",
                    "every: "),
            entry("step factor", "factor: 0.5", "What the rate is multiplied by at each step: greater than 0 and at "
                    + "most 1. Required.", "factor: "),
            entry("conv stride", "stride: 2        stride: 2 x 1", "How far the kernel moves between outputs: "
                    + "one integer for rows and columns, or one for each; at least 1. 1 when absent.", "stride: "),
            entry("conv padding", "padding: same", "`valid` (the default): no padding; `same`: zeros around the "
                    + "image so that the output has ⌈H / stride⌉ rows and ⌈W / stride⌉ columns.", "padding: "),
            entry("maxpool stride", "stride: 2        stride: 2 x 1", "How far the window moves between outputs, "
                    + "at least 1; the window's size when absent (windows side by side).", "stride: "),
            entry("avgpool stride", "stride: 2        stride: 2 x 1", "How far the window moves between outputs, "
                    + "at least 1; the window's size when absent (windows side by side).", "stride: "),
            entry("nesterov rate", "rate: 0.5", "The learning rate η: a number greater than 0. Required.", "rate: "),
            entry("nesterov batch", "batch: 10", "The mini-batch size m: an integer, at least 1. Required.", "batch: "),
            entry("nesterov mu", "mu: 0.9", "The momentum μ: at least 0 and less than 1; usually 0.9. Required.",
                    "mu: "),
            entry("nesterov l2", "l2: 5.0", "Weight decay λ, as for sgd. A number, at least 0; 0 when absent.", "l2: "),
            entry("rmsprop rate", "rate: 0.001", "The learning rate: a number greater than 0. Required.", "rate: "),
            entry("rmsprop batch", "batch: 32", "The mini-batch size: an integer, at least 1. Required.", "batch: "),
            entry("rmsprop rho", "rho: 0.9", "How much of the mean square a step keeps: at least 0 and less than 1; "
                    + "0.9 when absent.", "rho: "),
            entry("rmsprop epsilon", "epsilon: 1e-8", "Added to the root: greater than 0; 1e-8 when absent.",
                    "epsilon: "),
            entry("adam rate", "rate: 0.001", "The learning rate: a number greater than 0. Required.", "rate: "),
            entry("adam batch", "batch: 32", "The mini-batch size: an integer, at least 1. Required.", "batch: "),
            entry("adam beta1", "beta1: 0.9", "The first moment's decay: at least 0 and less than 1; 0.9 when absent.",
                    "beta1: "),
            entry("adam beta2", "beta2: 0.999", "The second moment's decay: at least 0 and less than 1; 0.999 when "
                    + "absent.", "beta2: "),
            entry("adam epsilon", "epsilon: 1e-8", "Added to the root: greater than 0; 1e-8 when absent.", "epsilon: "),
            entry("adamw rate", "rate: 0.001", "The learning rate: a number greater than 0. Required.", "rate: "),
            entry("adamw batch", "batch: 32", "The mini-batch size: an integer, at least 1. Required.", "batch: "),
            entry("adamw beta1", "beta1: 0.9", "As for adam; 0.9 when absent.", "beta1: "),
            entry("adamw beta2", "beta2: 0.999", "As for adam; 0.999 when absent.", "beta2: "),
            entry("adamw epsilon", "epsilon: 1e-8", "As for adam; 1e-8 when absent.", "epsilon: "),
            entry("adamw weight_decay", "weight_decay: 0.01", "Decoupled weight decay λ: each step multiplies the "
                    + "weights by 1 − rate·λ. At least 0; 0.01 when absent.", "weight_decay: "),
            entry("exponential factor", "factor: 0.95", "What the rate is multiplied by every epoch: greater than 0 "
                    + "and at most 1. Required.", "factor: "),
            entry("cosine epochs", "epochs: 30", "The epochs over which the rate falls to 0: an integer, at least 1. "
                    + "Required.", "epochs: "),
            entry("warmup epochs", "epochs: 3", "The epochs over which the rate rises to its value: an integer, at "
                    + "least 1. Required.", "epochs: "),
            entry("split train", "train: 50000        train: 0.8", "MNIST: training images, the first of its 60,000, "
                    + "an integer, at least 1; 50,000 when absent. A table or CSV file: the share that trains, the "
                    + "rest when absent.", "train: "),
            entry("split validation", "validation: 10000        validation: 0.1", "MNIST: the images after them, held "
                    + "out for validation, an integer, at least 0; 10,000 when absent (train + validation is at "
                    + "most 60,000). A table or CSV file: the share held out for validation.", "validation: "),
            entry("split test", "test: 0.1", "A table or CSV file: the share held out for testing (MNIST has its own "
                    + "test images).", "test: "));

    private static final Map<String, Entry> WORDS = entries(
            entry("dense", "dense(N, ACT)", "A fully connected layer of N neurons (an integer, at least 1) with "
                    + "activation ACT; `softmax` is allowed on the output layer. It reads an image (a conv, a pool, "
                    + "a shaped input) flattened: channel by channel, row by row.", "dense(${1:10}, ${2:sigmoid})"),
            entry("conv", "conv(F, KH x KW, ACT, stride: S, padding: same)", "A convolution: F filters of "
                    + "KH x KW over every channel of an image (channels x rows x columns: a shaped input, a conv or "
                    + "a pool), each giving one channel of the output with activation ACT. F, KH and KW are "
                    + "integers, at least 1; `stride` and `padding` are optional.",
                    "conv(${1:20}, ${2:5} x ${3:5}, ${4:relu})"),
            entry("maxpool", "maxpool(KH x KW, stride: S)", "The largest value of each KH x KW window of every "
                    + "channel of an image; the windows must tile it exactly. The gradient goes to the first "
                    + "largest value of a window, row by row.", "maxpool(${1:2} x ${2:2})"),
            entry("avgpool", "avgpool(KH x KW, stride: S)", "The mean of each KH x KW window of every channel of "
                    + "an image; the windows must tile it exactly.", "avgpool(${1:2} x ${2:2})"),
            entry("same", "padding: same", "Zeros around the image, so that a conv of stride 1 keeps its rows and "
                    + "columns (with stride S, ⌈H / S⌉ of them).", "same"),
            entry("valid", "padding: valid", "No padding: the kernel stays inside the image, whose rows and columns "
                    + "its positions must tile exactly. The default.", "valid"),
            entry("from", "layer NAME = dense(N, ACT) from a, b, h[0]", "The sources a layer reads, concatenated, "
                    + "instead of the previous layer.", "from "),
            entry("as", "output l as class(0..9)", "Makes the output a classifier.", "as class(${1:0..9})"),
            entry("class", "class(0..9)        class(cat, dog, bird)", "The labels of a classifier's outputs, one "
                    + "per element: a range of integers or names.", "class(${1:0..9})"),
            entry("bias", "bias: 3        layer ... bias [0, 0]", "The bias b in z = Σ w·x + b: a neuron's, or "
                    + "a layer's, one per neuron after its `weights`; without it, init draws one.", "bias: "),
            entry("weights", "layer l = dense(2, sigmoid) weights [[1, -1], [-1, 1]] bias [0, 0]", "A layer's "
                    + "weights written out: one row per neuron, one weight per value the layer reads.",
                    "weights [[${1}]] bias [${2}]"),
            entry("with", "part p = NET(x) with c = 3, d = 2", "Sets constants of the part's network for this "
                    + "part only.", "with ${1:name} = ${2:1}"),
            entry("threshold", "threshold: 5", "The perceptron's threshold t: the same as `bias: -t`.",
                    "threshold: "),
            entry("perceptron", "neuron NAME = perceptron(...)", "Nielsen's perceptron: the step activation, 1 when "
                    + "z > 0, else 0. Its derivative is 0, so a trained network cannot learn through it.",
                    "perceptron(${1})"),
            entry("split", "split(train: 50000, validation: 10000)", "How the 60,000 MNIST training images are "
                    + "divided.", "split(train: ${1:50000}, validation: ${2:10000})"),
            entry("header", "csv(\"file.csv\", header)", "The CSV file's first line is a header and is skipped.",
                    "header"),
            entry("scaled", "init gaussian(0, 1) scaled", "Divides the weights' standard deviation by the square "
                    + "root of each node's fan-in.", "scaled"),
            entry("every", "report every 500", "A progress line every this many epochs.", "every "),
            entry("dropout", "layer NAME = dense(N, ACT) dropout 0.5", "Drops this share of the layer's activations "
                    + "in training, each kept one scaled by 1/(1 − share); never when predicting. At least 0 and "
                    + "less than 1; not on a layer that holds outputs.", "dropout ${1:0.5}"),
            entry("normal", "init xavier normal        init he normal", "Draws the weights from a normal "
                    + "distribution.", "normal"),
            entry("uniform", "init xavier uniform        init he uniform", "Draws the weights from a uniform "
                    + "distribution.", "uniform"),
            entry("best", "keep best", "The epoch that scored best on the validation set.", "best"),
            entry("auto", "threads auto", "One training thread per processor.", "auto"));

    private static final Map<String, Entry> ACTIVATIONS = entries(
            entry("step", "step", "1 when z > 0, else 0. Its derivative is 0: a trained network cannot learn "
                    + "through it.", "step"),
            entry("sigmoid", "sigmoid", "σ(z) = 1 / (1 + e^−z);  σ'(z) = a·(1 − a) with a = σ(z).", "sigmoid"),
            entry("tanh", "tanh", "tanh(z);  tanh'(z) = 1 − a² with a = tanh(z).", "tanh"),
            entry("relu", "relu", "max(0, z);  relu'(z) = 1 for z > 0, else 0.", "relu"),
            entry("linear", "linear", "The identity, z;  its derivative is 1.", "linear"),
            entry("softmax", "softmax", "e^z_j / Σ_k e^z_k over a whole layer; only on a layer that is the "
                    + "whole output and read by no other node.", "softmax"));

    private static final Map<String, Entry> FUNCTIONS = entries(
            entry("exp", "exp(u)", "e^u.", "exp(${1:z})"),
            entry("log", "log(u)", "The natural logarithm of u.", "log(${1:z})"),
            entry("sqrt", "sqrt(u)", "The square root of u.", "sqrt(${1:z})"),
            entry("abs", "abs(u)", "|u|; its derivative is sign(u), 0 at 0.", "abs(${1:z})"),
            entry("sin", "sin(u)", "The sine of u.", "sin(${1:z})"),
            entry("cos", "cos(u)", "The cosine of u.", "cos(${1:z})"),
            entry("min", "min(u, v)", "The smaller of u and v; its derivative is u' where u < v, otherwise v'.",
                    "min(${1:z}, ${2:0})"),
            entry("max", "max(u, v)", "The larger of u and v; its derivative is u' where u > v, otherwise v' (a tie "
                    + "takes the second argument's).", "max(${1:z}, ${2:0})"));

    private Vocabulary() {}

    static Optional<Entry> statement(String keyword) {
        return Optional.ofNullable(STATEMENTS.get(keyword));
    }

    static List<Entry> statements() {
        return List.copyOf(STATEMENTS.values());
    }

    static Optional<Entry> setting(String keyword) {
        return Optional.ofNullable(SETTINGS.get(keyword));
    }

    static List<Entry> settings() {
        return List.copyOf(SETTINGS.values());
    }

    /** A setting's value: {@code quadratic} for {@code cost}, {@code sgd} for {@code optimizer}. */
    static Optional<Entry> value(String setting, String value) {
        return Optional.ofNullable(VALUES.get(setting + " " + value));
    }

    /** The values a setting takes, in the order the language lists them. */
    static List<Entry> values(String setting) {
        return VALUES.entrySet().stream().filter(e -> e.getKey().startsWith(setting + " ")).map(Map.Entry::getValue)
                .toList();
    }

    /** An argument of an optimizer ({@code sgd}), a schedule ({@code step}) or {@code split}. */
    static Optional<Entry> argument(String owner, String name) {
        return Optional.ofNullable(ARGUMENTS.get(owner + " " + name));
    }

    static List<Entry> arguments(String owner) {
        return ARGUMENTS.entrySet().stream().filter(e -> e.getKey().startsWith(owner + " ")).map(Map.Entry::getValue)
                .toList();
    }

    /** Other words: {@code dense}, {@code from}, {@code bias}, {@code perceptron}, ... */
    static Optional<Entry> word(String word) {
        return Optional.ofNullable(WORDS.get(word));
    }

    static Optional<Entry> builtinActivation(String keyword) {
        return Optional.ofNullable(ACTIVATIONS.get(keyword));
    }

    /** The functions a formula may call besides activations. */
    static Optional<Entry> function(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name));
    }

    static List<Entry> functions() {
        return List.copyOf(FUNCTIONS.values());
    }

    /** Any documented word, for a hover that has no better context. */
    static Optional<Entry> any(String word) {
        return statement(word).or(() -> setting(word)).or(() -> word(word)).or(() -> builtinActivation(word))
                .or(() -> function(word));
    }

    private static Entry entry(String word, String usage, String meaning, String snippet) {
        return new Entry(word, usage, meaning, snippet);
    }

    private static Map<String, Entry> entries(Entry... entries) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            map.put(e.word(), e);
        }
        return map;
    }
}
