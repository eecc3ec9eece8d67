package nnlang.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import nnlang.model.DataSpec;
import nnlang.model.Input;
import nnlang.model.NetworkModel;
import nnlang.model.Node;
import nnlang.model.Source;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import org.junit.jupiter.api.Test;

/** Models built from small sources, one language feature each. */
class LanguageModelsTest {
    private static final Path BASE = Path.of("/project/nets");

    @Test
    void neuronMayNameALaterNeuron() {
        NetworkModel net = check("""
                network Forward {
                    input x1
                    neuron out = sigmoid(hidden: 1, bias: 0)
                    neuron hidden = sigmoid(x1: 2, bias: 0)
                    output out
                }
                """);
        assertEquals(List.of("hidden", "out"), net.nodes().stream().map(Node::name).toList());
        assertEquals(List.of(new Source(0, 0, 1)), net.nodes().get(1).sources());
        assertEquals(List.of(new Source(1, 0, 1)), net.output().sources());
    }

    @Test
    void mnistNetworkHasShapedInputClassesAndResolvedFolder() {
        NetworkModel net = check("""
                network Mnist {
                    input image[28 x 28]
                    layer hidden = dense(30, sigmoid)
                    layer digit  = dense(10, sigmoid)
                    output digit as class(0..9)
                    train {
                        data      mnist("data/mnist")
                        cost      quadratic
                        optimizer sgd(rate: 3.0, batch: 10)
                        epochs    30
                        seed      1
                    }
                }
                """);
        assertEquals(List.of(28, 28), net.inputs().get(0).shape());
        assertEquals(784, net.inputSize());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), net.output().classes().orElseThrow());
        assertEquals(784 * 30 + 30 + 30 * 10 + 10, net.parameterCount());
        DataSpec.Mnist data = (DataSpec.Mnist) net.train().orElseThrow().data();
        assertEquals("data/mnist", data.written());
        assertEquals(BASE.resolve("data/mnist"), data.folder());
        assertEquals(50_000, data.train());
        assertEquals(10_000, data.validation());
    }

    @Test
    void inputLinesConcatenateAndLayersReadTheWholeInputByDefault() {
        NetworkModel net = check("""
                network Mixed {
                    input 3
                    input a, b
                    layer first = dense(2, tanh)
                    layer second = dense(4, relu)
                    layer picked = dense(1, linear) from second[3], input[1], b
                    train { data csv("d.csv", header) cost quadratic optimizer sgd(rate: .5, batch: 1) epochs 1 seed 0 }
                }
                """);
        assertEquals(List.of("input", "a", "b"), net.inputs().stream().map(Input::name).toList());
        assertEquals(List.of(0, 3, 4), net.inputs().stream().map(Input::offset).toList());
        assertEquals(List.of(new Source(Source.INPUT, 0, 5)), net.nodes().get(0).sources());
        assertEquals(List.of(new Source(0, 0, 2)), net.nodes().get(1).sources());
        assertEquals(List.of(new Source(1, 3, 1), new Source(Source.INPUT, 1, 1), new Source(Source.INPUT, 4, 1)),
                net.nodes().get(2).sources());
        assertEquals(List.of(new Source(2, 0, 1)), net.output().sources(), "without an output line: the last node");
        DataSpec.Csv csv = (DataSpec.Csv) net.train().orElseThrow().data();
        assertEquals(BASE.resolve("d.csv"), csv.path());
        assertTrue(csv.header());
    }

    @Test
    void neuronReadingAWholeLayerTakesAWeightList() {
        NetworkModel net = check("""
                network Listed {
                    input x1
                    layer hidden = dense(3, sigmoid) from x1
                    neuron out = sigmoid(hidden: [0.1, 0.2, 0.3], x1, threshold: 0.5)
                    train { data table { [1] -> 1 } cost cross_entropy optimizer sgd(rate: 1, batch: 1) epochs 1 seed 2 }
                }
                """);
        Node out = net.nodes().get(1);
        assertEquals(List.of(new Source(0, 0, 3), new Source(Source.INPUT, 0, 1)), out.sources());
        assertEquals(List.of(OptionalDouble.of(0.1), OptionalDouble.of(0.2), OptionalDouble.of(0.3), OptionalDouble.empty()),
                out.parameterBlocks().get(0).presets());
        assertEquals(List.of(OptionalDouble.of(-0.5)), out.parameterBlocks().get(1).presets());
    }

    @Test
    void classLabelTargetsBecomeOneHotRows() {
        NetworkModel net = check("""
                network Pets {
                    input 2
                    layer out = dense(3, softmax)
                    output out as class(cat, dog, bird)
                    train {
                        data table { [0, 1] -> dog; [1, 0] -> [0.2, 0.3, 0.5] }
                        cost cross_entropy
                        optimizer sgd(rate: 1, batch: 2)
                        epochs 1
                        seed 1
                    }
                }
                """);
        DataSpec.Table table = (DataSpec.Table) net.train().orElseThrow().data();
        assertEquals(List.of(List.of(0.0, 1.0, 0.0), List.of(0.2, 0.3, 0.5)), table.targets());
    }

    @Test
    void aStepScheduleIsOptionalAndCarriesItsArgumentsInAnyOrder() {
        String source = """
                network Stepped {
                    input 2
                    layer out = dense(1, sigmoid)
                    train {
                        data table { [0, 1] -> [1] }
                        cost quadratic
                        optimizer sgd(rate: 0.8, batch: 1)
                        schedule  step(factor: 0.5, every: 10)
                        epochs 30
                        seed 1
                    }
                }
                """;
        TrainSpec train = check(source).train().orElseThrow();
        assertEquals(new TrainSpec.Schedule(10, 0.5, new SourcePos("test.nn", 8, 9, 38)), train.schedule().orElseThrow());
        assertEquals(0.8 * 0.5 * 0.5, train.rateAt(21), 0.0);
        TrainSpec constant = check(source.replace("schedule  step(factor: 0.5, every: 10)", "")).train().orElseThrow();
        assertTrue(constant.schedule().isEmpty());
        assertEquals(0.8, constant.rateAt(21), 0.0);
    }

    @Test
    void scheduleAndStepStayUsableAsNames() {
        NetworkModel net = check("""
                network Names {
                    input schedule, step
                    layer out = dense(1, sigmoid) from schedule, step
                    train {
                        data table { [0, 1] -> [1] }
                        cost quadratic
                        optimizer sgd(rate: 1, batch: 1)
                        schedule step(every: 1, factor: 1)
                        epochs 1
                        seed 1
                    }
                }
                """);
        assertEquals(List.of("schedule", "step"), net.inputs().stream().map(Input::name).toList());
        assertEquals(new TrainSpec.Schedule(1, 1.0, new SourcePos("test.nn", 8, 9, 34)),
                net.train().orElseThrow().schedule().orElseThrow());
    }

    private static NetworkModel check(String source) {
        CheckResult result = FrontEnd.check("test.nn", source, BASE);
        assertEquals("", result.formatDiagnostics());
        assertEquals(1, result.networks().size());
        return result.networks().get(0);
    }
}
