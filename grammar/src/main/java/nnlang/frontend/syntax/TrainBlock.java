package nnlang.frontend.syntax;

import java.util.List;
import java.util.Optional;
import nnlang.model.SourcePos;

/**
 * A {@code train { ... }} block: its settings in source order.
 *
 * @param pos the {@code train} keyword
 */
public record TrainBlock(List<Setting> settings, SourcePos pos) {
    public TrainBlock {
        settings = List.copyOf(settings);
    }

    /** One statement of a train block. */
    public sealed interface Setting {

        /** The statement's leading keyword; each keyword may appear once per block. */
        String keyword();

        SourcePos pos();
    }

    /** {@code data table { [in...] -> target ... }}. */
    public record TableData(List<TableRow> rows, SourcePos pos) implements Setting {
        public TableData {
            rows = List.copyOf(rows);
        }

        @Override
        public String keyword() {
            return "data";
        }
    }

    /** {@code data csv("file", header)}. */
    public record CsvData(String path, SourcePos pathPos, boolean header, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "data";
        }
    }

    /** {@code data mnist("folder") split(train: n, validation: n)}; split empty when not written. */
    public record MnistData(String path, SourcePos pathPos, Optional<List<NamedArg>> split, SourcePos pos)
            implements Setting {
        @Override
        public String keyword() {
            return "data";
        }
    }

    /** {@code cost NAME}. */
    public record Cost(Name name, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "cost";
        }
    }

    /** {@code optimizer NAME(arg: value, ...)}. */
    public record Optimizer(Name name, List<NamedArg> args, SourcePos pos) implements Setting {
        public Optimizer {
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "optimizer";
        }
    }

    /** {@code schedule NAME(arg: value, ...)}. */
    public record Schedule(Name name, List<NamedArg> args, SourcePos pos) implements Setting {
        public Schedule {
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "schedule";
        }
    }

    /** {@code epochs N}. */
    public record Epochs(NumberLiteral value, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "epochs";
        }
    }

    /** {@code init NAME(args) [scaled]}. */
    public record Init(Name name, List<NumberLiteral> args, boolean scaled, SourcePos pos) implements Setting {
        public Init {
            args = List.copyOf(args);
        }

        @Override
        public String keyword() {
            return "init";
        }
    }

    /** {@code seed N}. */
    public record Seed(NumberLiteral value, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "seed";
        }
    }

    /** {@code report every N}. */
    public record Report(NumberLiteral every, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "report";
        }
    }

    /** {@code shards N}. */
    public record Shards(NumberLiteral value, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "shards";
        }
    }

    /** {@code expect METRIC >= value}. */
    public record Expect(Name metric, NumberLiteral minimum, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "expect";
        }
    }

    /** {@code name: value} in an argument list. */
    public record NamedArg(Name name, NumberLiteral value) {}

    /** {@code [inputs] -> target} in a data table. */
    public record TableRow(List<NumberLiteral> inputs, Target target, SourcePos pos) {
        public TableRow {
            inputs = List.copyOf(inputs);
        }
    }

    /** The right-hand side of a table row. */
    public sealed interface Target {

        SourcePos pos();

        /** {@code [0, 1]}. */
        record Vector(List<NumberLiteral> values, SourcePos pos) implements Target {
            public Vector {
                values = List.copyOf(values);
            }
        }

        /** A bare number: the single target of a one-output network, or a numeric class label. */
        record Number(NumberLiteral value, SourcePos pos) implements Target {}

        /** A class label written as a name. */
        record Label(Name name, SourcePos pos) implements Target {}
    }
}
