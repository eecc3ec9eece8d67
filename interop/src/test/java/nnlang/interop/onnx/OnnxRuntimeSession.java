package nnlang.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nnlang.model.Input;
import nnlang.model.NetworkModel;

/**
 * An exported model loaded by ONNX Runtime for Java, with strict shape and type inference (the
 * checks ONNX's checker makes, which loading runs over the whole graph), on one thread.
 */
final class OnnxRuntimeSession implements AutoCloseable {

    /** What ONNX Runtime computed for a batch: the outputs row by row, and a classifier's labels. */
    record Prediction(double[][] outputs, Optional<long[]> labels) {}

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final NetworkModel model;

    /** Loads {@code onnx}; ONNX Runtime validates the model here. */
    OnnxRuntimeSession(byte[] onnx, NetworkModel model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.strict_shape_type_inference", "1");
            this.session = ENV.createSession(onnx, options);
        }
        this.model = model;
    }

    OrtSession session() {
        return session;
    }

    /** Runs the model on {@code inputs}, one row per sample in the network's input order. */
    Prediction run(double[][] inputs) throws OrtException {
        int n = inputs.length;
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Input in : model.inputs()) {
                DoubleBuffer values = DoubleBuffer.allocate(n * in.size());
                for (double[] row : inputs) {
                    values.put(row, in.offset(), in.size());
                }
                values.flip();
                long[] shape = new long[1 + Math.max(1, in.shape().size())];
                shape[0] = n;
                if (in.isScalar()) {
                    shape[1] = 1;
                } else {
                    for (int d = 0; d < in.shape().size(); d++) {
                        shape[1 + d] = in.shape().get(d);
                    }
                }
                feed.put(in.name(), OnnxTensor.createTensor(ENV, values, shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                double[][] outputs = (double[][]) result.get(OnnxExport.OUTPUT).orElseThrow().getValue();
                Optional<long[]> labels = result.get(OnnxExport.LABEL).map(v -> {
                    try {
                        return (long[]) v.getValue();
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return new Prediction(outputs, labels);
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    List<String> outputNames() {
        return List.copyOf(session.getOutputNames());
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
