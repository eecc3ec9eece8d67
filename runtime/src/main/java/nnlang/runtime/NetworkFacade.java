package nnlang.runtime;

/**
 * The base of a network's <em>facade</em>: the Java source that the nnlang Maven plugin generates
 * for each network, so that IDEs and javac know the class. The facade {@code org.example.Xor} is a
 * {@link Network} that forwards every call to the class the compiler generated for the network,
 * {@code org.example.Xor$Compiled}, which the build puts beside it as a class file with no source.
 * The facade knows that class by its name alone ({@link #compiledClassName}) and relies on nothing
 * of it but {@link Network} and a public constructor without arguments; it adds what only the
 * network's source can tell: its inputs and outputs by name, {@code trained()}, and for a
 * classifier {@code classify}.
 *
 * <p>The one class loaded by name here is the one whose name is the facade's own with
 * {@value #COMPILED_SUFFIX} appended; nothing read from a file ever names a class.
 *
 * <p>A facade is as thread-safe as every {@link Network} ({@link Network} says what): one trained
 * instance predicts and classifies from any number of threads at once.
 */
public abstract class NetworkFacade implements Network {

    /** Appended to the facade's binary name to name the compiled class it forwards to. */
    public static final String COMPILED_SUFFIX = "$Compiled";

    private final Network compiled;

    /**
     * A new instance of this facade's compiled class, every parameter 0.0.
     *
     * @throws IllegalStateException when the compiled class is not beside the facade, or is not a
     *                               {@link Network} with a public constructor without arguments
     */
    protected NetworkFacade() {
        this.compiled = newCompiled(getClass());
    }

    /** The binary name of the compiled class that the facade {@code facadeBinaryName} forwards to. */
    public static String compiledClassName(String facadeBinaryName) {
        return facadeBinaryName + COMPILED_SUFFIX;
    }

    private static Network newCompiled(Class<?> facade) {
        String name = compiledClassName(facade.getName());
        ClassLoader loader = facade.getClassLoader();
        Class<?> type;
        try {
            if (loader == null) {
                throw new ClassNotFoundException(name);
            }
            type = loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not beside " + facade.getName()
                    + ": the build writes it from the network's .nn source together with the facade; build the"
                    + " project again (an IDE that rebuilds on its own must copy the plugin's generated"
                    + " resources too)", e);
        }
        if (!Network.class.isAssignableFrom(type)) {
            throw new IllegalStateException(name + " does not implement " + Network.class.getName());
        }
        try {
            return (Network) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " cannot be instantiated: " + e, e);
        }
    }

    /**
     * Replaces the parameters by those in the resource {@code <Facade>.nnp} beside the facade's
     * class, which the build writes when it trains the network (or, for a network whose source
     * gives every weight and bias, when it compiles it).
     *
     * @throws ParameterFileException when the resource is missing, damaged or of another network
     */
    protected final void loadTrainedParameters() {
        ParameterFile.loadBeside(getClass(), this);
    }

    /**
     * {@code values}, checked to hold exactly {@code length} elements for the input {@code name}.
     *
     * @throws IllegalArgumentException naming the input, the length expected and the length given
     */
    protected static double[] requireLength(double[] values, int length, String name) {
        if (values.length != length) {
            throw new IllegalArgumentException("input " + name + " has " + length + " elements, not "
                    + values.length);
        }
        return values;
    }

    /**
     * The index of the largest output, the first one on ties: the class a classifier predicts, as
     * training's accuracy counts it.
     */
    protected static int largestOutput(double[] outputs) {
        return Evaluator.argmax(outputs);
    }

    // The contract, forwarded. Every method of Network is forwarded, the default ones too, so that
    // the compiled class's own versions run (NetworkFacadeTest checks that none is left out).

    @Override
    public int inputSize() {
        return compiled.inputSize();
    }

    @Override
    public int outputSize() {
        return compiled.outputSize();
    }

    @Override
    public ParameterLayout layout() {
        return compiled.layout();
    }

    @Override
    public int parameterCount() {
        return compiled.parameterCount();
    }

    @Override
    public void predict(double[] input, double[] output) {
        compiled.predict(input, output);
    }

    @Override
    public double[] predict(double[] input) {
        return compiled.predict(input);
    }

    @Override
    public double[][] predict(double[][] inputs) {
        return compiled.predict(inputs);
    }

    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
        return compiled.trainBatch(data, order, from, to, rate, decay);
    }

    @Override
    public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay,
            TrainingThreads threads) {
        return compiled.trainBatch(data, order, from, to, rate, decay, threads);
    }

    @Override
    public boolean dividesTraining() {
        return compiled.dividesTraining();
    }

    @Override
    public String oneThreadReason() {
        return compiled.oneThreadReason();
    }

    @Override
    public int mostTrainingThreads() {
        return compiled.mostTrainingThreads();
    }

    @Override
    public String mostTrainingThreadsReason() {
        return compiled.mostTrainingThreadsReason();
    }

    @Override
    public double gradient(Samples data, int[] order, int from, int to, double[] dst) {
        return compiled.gradient(data, order, from, to, dst);
    }

    @Override
    public void applyGradient(double[] gradient, int count, double rate, double decay) {
        compiled.applyGradient(gradient, count, rate, decay);
    }

    @Override
    public int optimizerStateSize() {
        return compiled.optimizerStateSize();
    }

    @Override
    public void getOptimizerState(double[] dst) {
        compiled.getOptimizerState(dst);
    }

    @Override
    public void setOptimizerState(double[] src) {
        compiled.setOptimizerState(src);
    }

    @Override
    public void getParameters(double[] dst) {
        compiled.getParameters(dst);
    }

    @Override
    public void setParameters(double[] src) {
        compiled.setParameters(src);
    }

    @Override
    public double[] parameters() {
        return compiled.parameters();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " (" + compiled.getClass().getName() + ")";
    }
}
