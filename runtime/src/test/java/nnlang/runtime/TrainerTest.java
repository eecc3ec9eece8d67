package nnlang.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import nnlang.model.Activation;
import nnlang.model.Cost;
import nnlang.model.DataSpec;
import nnlang.model.NetworkModel;
import nnlang.model.SourcePos;
import nnlang.model.TrainSpec;
import nnlang.runtime.data.DenseSamples;
import nnlang.runtime.data.TrainingData;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** y = 2x - 1 at ten points. */
    private static final double[][] XS = IntStream.range(0, 10).mapToObj(i -> new double[] {i / 4.0 - 1})
            .toArray(double[][]::new);
    private static final double[][] YS = Arrays.stream(XS).map(x -> new double[] {2 * x[0] - 1})
            .toArray(double[][]::new);

    private static NetworkModel linear(double rate, int batch, double l2, int epochs, int reportEvery,
            Optional<Double> expect) {
        DataSpec data = TestModels.table(XS, YS);
        return TestModels.dense("Line", 1, new int[] {1}, new Activation[] {Activation.LINEAR}, false,
                Optional.of(TestModels.train(data, Cost.QUADRATIC, rate, batch, l2, epochs, reportEvery, expect)));
    }

    /** The model with {@code schedule step(every: every, factor: factor)} in its train block. */
    private static NetworkModel scheduled(NetworkModel m, int every, double factor) {
        TrainSpec t = m.train().orElseThrow();
        TrainSpec withSchedule = new TrainSpec(t.data(), t.cost(), t.optimizer(),
                Optional.of(new TrainSpec.Schedule(every, factor, SourcePos.NONE)), t.epochs(), t.init(), t.seed(),
                t.reportEvery(), t.expect(), t.pos());
        return new NetworkModel(m.name(), m.sourceFile(), m.inputs(), m.nodes(), m.output(), Optional.of(withSchedule),
                m.pos());
    }

    private static TrainingData lineData() {
        return TrainingData.trainOnly(DenseSamples.of(TestModels.table(XS, YS)));
    }

    private static TrainingResult train(NetworkModel model, Network net, List<EpochReport> reports)
            throws TrainingDivergedException {
        return new Trainer(model).train(net, lineData(), reports::add);
    }

    @Test
    void learnsALinearFunctionBySgd() throws Exception {
        LinearNetwork net = new LinearNetwork("Line", 1, 1);
        TrainingResult result = train(linear(0.2, 3, 0, 400, 0, Optional.empty()), net, new ArrayList<>());
        assertEquals(2.0, result.parameters()[0], 1e-9);
        assertEquals(-1.0, result.parameters()[1], 1e-9);
        assertArrayEquals(net.parameters(), result.parameters());
        Evaluation e = result.last().primary();
        assertEquals(Evaluation.DataSet.TRAINING, e.set());
        assertEquals(10, e.correct());
        assertTrue(e.cost() < 1e-18, "cost " + e.cost());
    }

    @Test
    void eachEpochReshufflesTheOrderInPlaceByFisherYatesFromTheOffsetSeed() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        train(linear(0.1, 10, 0, 3, 0, Optional.empty()), net, new ArrayList<>());
        Random expected = new Random(7 + Trainer.SHUFFLE_SEED_OFFSET);
        int[] order = IntStream.range(0, 10).toArray();
        assertEquals(3, net.batches.size());
        for (RecordingNetwork.Batch batch : net.batches) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = expected.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            assertArrayEquals(order, batch.order());
        }
        assertNotEquals(Arrays.toString(net.batches.get(0).order()), Arrays.toString(net.batches.get(1).order()));
    }

    @Test
    void theShuffleIsAPermutation() {
        int[] order = IntStream.range(0, 1000).toArray();
        new Shuffler(1).shuffle(order);
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(order).sorted().toArray());
        assertNotEquals(0, IntStream.range(0, 1000).filter(i -> order[i] != i).count());
    }

    @Test
    void batchesSliceTheOrderWithASmallerLastOne() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        train(linear(0.1, 4, 0, 2, 0, Optional.empty()), net, new ArrayList<>());
        List<String> slices = net.batches.stream().map(b -> b.from() + ".." + b.to()).toList();
        assertEquals(List.of("0..4", "4..8", "8..10", "0..4", "4..8", "8..10"), slices);
        assertTrue(net.batches.stream().allMatch(b -> b.rate() == 0.1));
    }

    @Test
    void progressWithinAnEpochComesAtBatchBoundariesAndEndsWithTheWholeSet() throws Exception {
        List<String> progress = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void epoch(EpochReport report) {}

            @Override
            public void progress(int epoch, int done, int total) {
                progress.add(epoch + ":" + done + "/" + total);
            }
        };
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        new Trainer(linear(0.1, 4, 0, 2, 0, Optional.empty())).train(net, lineData(), listener);
        // Ten samples in batches of 4: progress after each batch (50 steps would be finer than that).
        assertEquals(List.of("1:4/10", "1:8/10", "1:10/10", "2:4/10", "2:8/10", "2:10/10"), progress);
        assertEquals(List.of("0..4", "4..8", "8..10", "0..4", "4..8", "8..10"),
                net.batches.stream().map(b -> b.from() + ".." + b.to()).toList());
    }

    @Test
    void withoutL2TheDecayIsExactlyOne() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        train(linear(0.3, 5, 0, 1, 0, Optional.empty()), net, new ArrayList<>());
        assertTrue(net.batches.stream().allMatch(b -> b.decay() == 1.0));
    }

    @Test
    void l2DecaysByRateTimesL2OverTheTrainingSetSize() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        train(linear(0.3, 5, 2.0, 1, 0, Optional.empty()), net, new ArrayList<>());
        assertTrue(net.batches.stream().allMatch(b -> b.decay() == 1.0 - 0.3 * 2.0 / 10));
    }

    @Test
    void aScheduleMultipliesTheRateOfEveryBatchByTheFactorAfterEveryStep() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        train(scheduled(linear(0.3, 5, 0, 7, 0, Optional.empty()), 3, 0.1), net, new ArrayList<>());
        double[] perEpoch = {0.3, 0.3, 0.3, 0.3 * 0.1, 0.3 * 0.1, 0.3 * 0.1, 0.3 * 0.1 * 0.1};
        assertEquals(2 * perEpoch.length, net.batches.size());
        for (int k = 0; k < net.batches.size(); k++) {
            assertEquals(perEpoch[k / 2], net.batches.get(k).rate(), 0.0, "batch " + k);
        }
    }

    @Test
    void withAScheduleTheDecayIsComputedFromTheEpochsRate() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        train(scheduled(linear(0.3, 10, 2.0, 4, 0, Optional.empty()), 2, 0.7), net, new ArrayList<>());
        double[] decays = net.batches.stream().mapToDouble(RecordingNetwork.Batch::decay).toArray();
        assertArrayEquals(new double[] {1.0 - 0.3 * 2.0 / 10, 1.0 - 0.3 * 2.0 / 10, 1.0 - 0.3 * 0.7 * 2.0 / 10,
            1.0 - 0.3 * 0.7 * 2.0 / 10}, decays, 0.0);
    }

    @Test
    void reportsCarryTheRateOnlyWhenAScheduleVariesIt() throws Exception {
        List<EpochReport> constant = new ArrayList<>();
        train(linear(0.1, 5, 0, 4, 0, Optional.empty()), new LinearNetwork("Line", 1, 1), constant);
        assertTrue(constant.stream().allMatch(r -> r.rate().isEmpty()));
        List<EpochReport> stepped = new ArrayList<>();
        train(scheduled(linear(0.1, 5, 0, 4, 0, Optional.empty()), 2, 0.5), new LinearNetwork("Line", 1, 1), stepped);
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05},
                stepped.stream().mapToDouble(r -> r.rate().getAsDouble()).toArray(), 0.0);
    }

    @Test
    void theSameSeedReproducesTheParametersBitForBit() throws Exception {
        NetworkModel model = linear(0.05, 3, 0.1, 20, 0, Optional.empty());
        double[] first = train(model, new LinearNetwork("Line", 1, 1), new ArrayList<>()).parameters();
        double[] second = train(model, new LinearNetwork("Line", 1, 1), new ArrayList<>()).parameters();
        assertArrayEquals(first, second, 0.0);
    }

    @Test
    void reportsEveryNthEpochAndAlwaysTheLast() throws Exception {
        List<EpochReport> reports = new ArrayList<>();
        train(linear(0.1, 5, 0, 7, 3, Optional.empty()), new LinearNetwork("Line", 1, 1), reports);
        assertEquals(List.of(3, 6, 7), reports.stream().map(EpochReport::epoch).toList());
        assertTrue(reports.stream().allMatch(r -> r.epochs() == 7));
    }

    @Test
    void theDefaultReportsEveryEpochUpToFiftyAndAboutTwentyLinesBeyond() {
        assertEquals(1, Trainer.reportInterval(50, 0));
        assertEquals(3, Trainer.reportInterval(51, 0));
        assertEquals(250, Trainer.reportInterval(5000, 0));
        assertEquals(51, Trainer.reportInterval(1001, 0));
        assertEquals(500, Trainer.reportInterval(5000, 500));
    }

    @Test
    void zeroEpochsReportsTheUntrainedNetworkAndChangesNothing() throws Exception {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        net.setParameters(new double[] {0.5, 0.25});
        List<EpochReport> reports = new ArrayList<>();
        TrainingResult result = train(linear(0.1, 5, 0, 0, 0, Optional.empty()), net, reports);
        assertEquals(List.of(0), reports.stream().map(EpochReport::epoch).toList());
        assertTrue(net.batches.isEmpty());
        assertArrayEquals(new double[] {0.5, 0.25}, result.parameters());
    }

    @Test
    void aNonFiniteParameterIsTracedToTheMiniBatchThatMadeIt() {
        // Deterministic like both back ends: a batch starting with sample 9 poisons the bias once the
        // weight has grown past 1.5, so the replay of the epoch meets the same batch.
        List<Integer> poisonedCalls = new ArrayList<>();
        LinearNetwork poisoning = new LinearNetwork("Line", 1, 1) {
            private int calls;

            @Override
            public double trainBatch(Samples data, int[] order, int from, int to, double rate, double decay) {
                boolean poison = order[from] == 9 && parameters()[0] > 1.5;
                double batchCost = super.trainBatch(data, order, from, to, rate, decay);
                if (poison) {
                    setParameters(new double[] {parameters()[0], Double.NaN});
                    poisonedCalls.add(calls);
                }
                calls++;
                return batchCost;
            }
        };
        RecordingNetwork net = new RecordingNetwork(poisoning);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(linear(0.1, 3, 0, 500, 100, Optional.empty()), net, new ArrayList<>()));
        int first = poisonedCalls.get(0);
        int epoch = first / 4 + 1;
        int batch = first % 4 + 1;
        assertEquals(epoch, e.epoch());
        assertEquals(List.of(first, epoch * 4 + batch - 1), poisonedCalls, "the epoch, then its replay up to the batch");
        assertEquals(TestModels.RATE_POS + ": error: training diverged in epoch " + epoch + " of 500: batch " + batch
                + " of 4 made parameter bias [0] of node out NaN"
                + "\n  hint: lower the rate (now 0.1) or check the scale of the data: inputs or targets far outside"
                + " [-1, 1] make large gradients", e.getMessage());
    }

    @Test
    void anOverflowingCostStopsTheEpochAfterItsBatchAndIsTracedThere() {
        RecordingNetwork net = new RecordingNetwork(new LinearNetwork("Line", 1, 1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(linear(100.0, 1, 0, 500, 500, Optional.empty()), net, new ArrayList<>()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("diverged in epoch (\\d+) of 500: the cost of batch"
                + " (\\d+) of 10 is Infinity: an output overflowed while every parameter is finite").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        int epoch = Integer.parseInt(m.group(1));
        int batch = Integer.parseInt(m.group(2));
        assertEquals(epoch, e.epoch());
        assertEquals(10 * (epoch - 1) + batch + batch, net.batches.size(),
                "whole epochs, the diverging one up to the batch, then its replay up to the same batch");
        assertTrue(Arrays.stream(net.parameters()).allMatch(Double::isFinite), "the outputs overflowed first");
    }

    @Test
    void parametersAreNamedByNodeRowAndColumn() {
        ParameterLayout layout = ParameterLayout.decode("Xor:hidden=2x3,out=1x2");
        assertEquals("weight [0][0] of node hidden", layout.describe(0));
        assertEquals("weight [1][2] of node hidden", layout.describe(5));
        assertEquals("bias [1] of node hidden", layout.describe(7));
        assertEquals("weight [0][1] of node out", layout.describe(9));
        assertEquals("bias [0] of node out", layout.describe(10));
    }

    @Test
    void heldOutSetsAreEvaluatedInsteadOfTheTrainingSet() throws Exception {
        DenseSamples train = DenseSamples.of(TestModels.table(XS, YS));
        DenseSamples validation = new DenseSamples(1, 1, new double[] {0, 1}, new double[] {-1, 1});
        DenseSamples test = new DenseSamples(1, 1, new double[] {2}, new double[] {5});
        List<EpochReport> reports = new ArrayList<>();
        new Trainer(linear(0.2, 3, 0, 400, 400, Optional.empty())).train(new LinearNetwork("Line", 1, 1),
                new TrainingData(train, Optional.of(validation), Optional.of(test)), reports::add);
        List<Evaluation> evaluations = reports.get(0).evaluations();
        assertEquals(List.of(Evaluation.DataSet.VALIDATION, Evaluation.DataSet.TEST),
                evaluations.stream().map(Evaluation::set).toList());
        assertEquals(2, evaluations.get(0).correct());
        assertEquals(0, evaluations.get(1).correct());
        assertEquals(0.5 * 2 * 2, evaluations.get(1).cost(), 1e-6);
        assertEquals(Evaluation.DataSet.TEST, reports.get(0).primary().set());
    }

    @Test
    void anUnmetExpectationIsReportedAtItsPosition() throws Exception {
        NetworkModel model = linear(0.2, 3, 0, 1, 0, Optional.of(1.0));
        Trainer trainer = new Trainer(model);
        TrainingResult result = trainer.train(new LinearNetwork("Line", 1, 1), lineData(), ProgressListener.NONE);
        Evaluation e = result.last().primary();
        String message = trainer.unmetExpectation(result).orElseThrow();
        assertEquals(String.format("%s: error: expected accuracy >= 100.00%% on the training set, reached %s (%d of 10)"
                + " after 1 epochs", TestModels.EXPECT_POS, ProgressFormat.percent(e.accuracy()), e.correct()), message);
    }

    @Test
    void aMetExpectationOrNoneGivesNoMessage() throws Exception {
        NetworkModel model = linear(0.2, 3, 0, 400, 0, Optional.of(1.0));
        Trainer trainer = new Trainer(model);
        TrainingResult result = trainer.train(new LinearNetwork("Line", 1, 1), lineData(), ProgressListener.NONE);
        assertEquals(Optional.empty(), trainer.unmetExpectation(result));
        Trainer without = new Trainer(linear(0.2, 3, 0, 1, 0, Optional.empty()));
        assertEquals(Optional.empty(), without.unmetExpectation(result));
    }

    @Test
    void dataOfTheWrongShapeIsRejected() {
        Trainer trainer = new Trainer(linear(0.2, 3, 0, 1, 0, Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> trainer.train(new LinearNetwork("Line", 2, 1), lineData(), ProgressListener.NONE));
    }
}
