package nnlang.compiler;

import java.util.ArrayList;
import java.util.List;
import nnlang.model.NetworkModel;
import nnlang.testing.BackEndConformance;
import nnlang.testing.ExampleModels;
import nnlang.testing.Models;

/**
 * The class files the structural tests inspect: every example (the convolutional MNIST network among
 * them) and random network, dense and convolutional, under every shape that fits it.
 */
final class GeneratedClasses {
    private GeneratedClasses() {}

    /** A compiled class and what it was compiled from. */
    record Compiled(NetworkModel model, CompilerOptions shape, byte[] bytes) {
        @Override
        public String toString() {
            return model.name() + " " + shape;
        }
    }

    static List<Compiled> all() {
        List<Compiled> classes = new ArrayList<>();
        List<NetworkModel> examples = new ArrayList<>(ExampleModels.all());
        examples.add(ExampleModels.mnistConv(3));
        for (NetworkModel model : examples) {
            boolean small = model.inputSize() < 100;
            for (CompilerOptions shape : small ? CodeShapes.FOR_SMALL : CodeShapes.FOR_ANY) {
                classes.add(new Compiled(model, shape, NetworkCompiler.compile(model, "example." + model.name(), shape)));
            }
        }
        CodeShapes.seeds().forEach(seed -> {
            NetworkModel model = seed % 3 == 1 ? Models.withMomentum(CodeShapes.random(seed), seed) : CodeShapes.random(seed);
            for (CompilerOptions shape : CodeShapes.FOR_SMALL) {
                classes.add(new Compiled(model, shape, NetworkCompiler.compile(model, model.name(), shape)));
            }
        });
        BackEndConformance.convolutionalSeeds().forEach(seed -> {
            NetworkModel model = BackEndConformance.convolutional(seed);
            for (CompilerOptions shape : CodeShapes.shapesFor(model)) {
                classes.add(new Compiled(model, shape, NetworkCompiler.compile(model, model.name(), shape)));
            }
        });
        return classes;
    }
}
