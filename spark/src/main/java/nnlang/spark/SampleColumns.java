package nnlang.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nnlang.model.NetworkModel;
import nnlang.runtime.data.DataException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Which columns of a Dataset hold a network's inputs and targets, and how a row becomes a sample.
 * Two forms:
 * <ul>
 *   <li>a column {@code features}, an array of inputSize numbers, and a column {@code label}, a
 *       class index for a classifier or the target of a network with one output, or {@code target},
 *       an array of one number per output;
 *   <li>otherwise numeric columns only: the inputs, then the targets (a classifier: one class
 *       index), as in a CSV file that {@code data csv(...)} reads.
 * </ul>
 * A class index becomes a one-hot target. Numbers of any numeric type are read as {@code double}
 * (a float or a decimal column is converted, so a local run reads the same values only from the same
 * doubles). An empty cell, NaN, an infinity or a class index out of range is an error naming the
 * row (from 1, in the Dataset's order) and the column.
 */
final class SampleColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String FEATURES = "features";
    static final String LABEL = "label";
    static final String TARGET = "target";

    private final String data;
    private final List<String> names;
    private final int inputSize;
    private final int targetSize;
    private final boolean classifier;
    /** The features column, or -1 when the inputs are the first inputSize columns. */
    private final int features;
    /** The label or target column in the features form. */
    private final int target;

    private SampleColumns(String data, List<String> names, int inputSize, int targetSize, boolean classifier,
            int features, int target) {
        this.data = data;
        this.names = names;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.classifier = classifier;
        this.features = features;
        this.target = target;
    }

    /**
     * The columns of {@code schema} for {@code model}'s samples.
     *
     * @param data how messages name the data, e.g. its path
     * @throws DataException when the columns do not fit the network
     */
    static SampleColumns of(StructType schema, NetworkModel model, String data) throws DataException {
        List<String> names = Arrays.asList(schema.fieldNames());
        int inputSize = model.inputSize();
        int targetSize = model.outputSize();
        boolean classifier = model.output().isClassifier();
        if (names.contains(FEATURES)) {
            requireArray(schema, FEATURES, data);
            if (names.contains(LABEL) && (classifier || targetSize == 1)) {
                requireNumber(schema.apply(LABEL), data);
                return new SampleColumns(data, names, inputSize, targetSize, classifier, names.indexOf(FEATURES),
                        names.indexOf(LABEL));
            }
            if (names.contains(TARGET) && !classifier) {
                requireArray(schema, TARGET, data);
                return new SampleColumns(data, names, inputSize, targetSize, false, names.indexOf(FEATURES),
                        names.indexOf(TARGET));
            }
            throw new DataException(data, "a column " + FEATURES + " needs a column " + (classifier
                    ? LABEL + " (the class index)" : targetSize == 1 ? LABEL + " or " + TARGET : TARGET
                    + " (an array of " + targetSize + " numbers)") + " beside it; the columns are " + names);
        }
        int cells = inputSize + (classifier ? 1 : targetSize);
        if (names.size() != cells) {
            throw new DataException(data, "expected " + cells + " columns (" + layout(inputSize, targetSize, classifier)
                    + ") or the columns " + FEATURES + " and " + (classifier ? LABEL : TARGET) + ", found "
                    + names.size() + ": " + names);
        }
        for (StructField field : schema.fields()) {
            requireNumber(field, data);
        }
        return new SampleColumns(data, names, inputSize, targetSize, classifier, -1, -1);
    }

    /** Reads row {@code index} (from 0) into {@code input} and {@code target}. */
    void read(Row row, long index, double[] input, double[] target) throws DataException {
        if (features < 0) {
            for (int i = 0; i < inputSize; i++) {
                input[i] = number(row, i, index);
            }
            if (classifier) {
                oneHot(number(row, inputSize, index), row, inputSize, index, target);
            } else {
                for (int k = 0; k < targetSize; k++) {
                    target[k] = number(row, inputSize + k, index);
                }
            }
            return;
        }
        array(row, features, inputSize, index, input);
        if (names.get(this.target).equals(TARGET)) {
            array(row, this.target, targetSize, index, target);
        } else if (classifier) {
            oneHot(number(row, this.target, index), row, this.target, index, target);
        } else {
            target[0] = number(row, this.target, index);
        }
    }

    private double number(Row row, int column, long index) throws DataException {
        if (row.isNullAt(column)) {
            throw error(index, column, "column " + names.get(column) + " is empty");
        }
        return finite(((Number) row.get(column)).doubleValue(), index, column, "column " + names.get(column));
    }

    private void array(Row row, int column, int size, long index, double[] dst) throws DataException {
        if (row.isNullAt(column)) {
            throw error(index, column, "column " + names.get(column) + " is empty");
        }
        List<Object> values = row.getList(column);
        if (values.size() != size) {
            throw error(index, column, "column " + names.get(column) + " holds " + values.size() + " numbers, expected "
                    + size);
        }
        for (int i = 0; i < size; i++) {
            Object value = values.get(i);
            if (value == null) {
                throw error(index, column, "element " + i + " of column " + names.get(column) + " is empty");
            }
            dst[i] = finite(((Number) value).doubleValue(), index, column, "element " + i + " of column "
                    + names.get(column));
        }
    }

    private void oneHot(double value, Row row, int column, long index, double[] target) throws DataException {
        if (value != Math.rint(value) || value < 0 || value >= targetSize) {
            throw error(index, column, "expected a class index 0.." + (targetSize - 1) + " in column "
                    + names.get(column) + ", found " + row.get(column));
        }
        for (int k = 0; k < targetSize; k++) {
            target[k] = k == (int) value ? 1.0 : 0.0;
        }
    }

    private double finite(double value, long index, int column, String what) throws DataException {
        if (!Double.isFinite(value)) {
            throw error(index, column, what + " is " + value + ", expected a finite number");
        }
        return value;
    }

    private DataException error(long index, int column, String problem) {
        return new DataException(data, (int) Math.min(Integer.MAX_VALUE, index + 1), column + 1, problem);
    }

    private static void requireArray(StructType schema, String name, String data) throws DataException {
        DataType type = schema.apply(name).dataType();
        if (!(type instanceof ArrayType array) || !isNumber(array.elementType())) {
            throw new DataException(data, "column " + name + " must be an array of numbers, but is "
                    + type.simpleString());
        }
    }

    private static void requireNumber(StructField field, String data) throws DataException {
        if (!isNumber(field.dataType())) {
            throw new DataException(data, "column " + field.name() + " must hold numbers, but is "
                    + field.dataType().simpleString());
        }
    }

    private static boolean isNumber(DataType type) {
        return type instanceof NumericType || type instanceof DecimalType;
    }

    private static String layout(int inputSize, int targetSize, boolean classifier) {
        return String.format(Locale.ROOT, "%d input%s and %s", inputSize, inputSize == 1 ? "" : "s",
                classifier ? "1 class index" : targetSize + (targetSize == 1 ? " target" : " targets"));
    }
}
