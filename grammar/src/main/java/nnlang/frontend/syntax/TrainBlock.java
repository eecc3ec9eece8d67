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

    /** {@code data SOURCE} with an optional {@code split(name: value, ...)}; split empty when not written. */
    public record Data(Source source, Optional<List<NamedArg>> split, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "data";
        }
    }

    /** {@code validation SOURCE} or {@code test SOURCE}: held-out samples of their own. */
    public record HeldOut(String keyword, Source source, SourcePos pos) implements Setting {}

    /** Where samples come from. */
    public sealed interface Source {

        SourcePos pos();

        /** {@code table { [in...] -> target ... }}. */
        record Table(List<TableRow> rows, SourcePos pos) implements Source {
            public Table {
                rows = List.copyOf(rows);
            }
        }

        /** {@code csv("file", header)}. */
        record Csv(String path, SourcePos pathPos, boolean header, SourcePos pos) implements Source {}

        /** {@code mnist("folder")}. */
        record Mnist(String path, SourcePos pathPos, SourcePos pos) implements Source {}
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

    /** {@code schedule NAME(arg: value, ...), ...}: a decay, a warmup, or both. */
    public record Schedule(List<Call> parts, SourcePos pos) implements Setting {
        public Schedule {
            parts = List.copyOf(parts);
        }

        @Override
        public String keyword() {
            return "schedule";
        }
    }

    /** {@code epochs N}. */
    public record Epochs(Formula value, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "epochs";
        }
    }

    /** {@code init INITIALIZER}. */
    public record Init(Initializer initializer, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "init";
        }
    }

    /**
     * {@code gaussian(0, 1) scaled}, {@code xavier uniform}, {@code uniform(-0.1, 0.1)}: in a train
     * block or on a layer.
     *
     * @param args the numbers in parentheses, empty when there are no parentheses
     * @param word the word after it ({@code scaled}, {@code normal}, {@code uniform}, ...), if any
     */
    public record Initializer(Name name, Optional<List<Formula>> args, Optional<Name> word, SourcePos pos) {}

    /** {@code stop when SET METRIC has not improved for N epochs}. */
    public record Stop(Name set, Name metric, List<Name> words, NumberLiteral patience, SourcePos pos)
            implements Setting {
        public Stop {
            words = List.copyOf(words);
        }

        @Override
        public String keyword() {
            return "stop";
        }
    }

    /** {@code keep best}. */
    public record Keep(SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "keep";
        }
    }

    /** {@code seed N}. */
    public record Seed(Formula value, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "seed";
        }
    }

    /** {@code report every N}. */
    public record Report(Formula every, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "report";
        }
    }

    /** {@code threads N} or, with {@code count} empty, {@code threads auto}. */
    public record Threads(Optional<Formula> count, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "threads";
        }
    }

    /** {@code shards N}. */
    public record Shards(Formula value, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "shards";
        }
    }

    /** {@code expect METRIC >= value}. */
    public record Expect(Name metric, Formula minimum, SourcePos pos) implements Setting {
        @Override
        public String keyword() {
            return "expect";
        }
    }

    /** {@code name: value} in an argument list. */
    public record NamedArg(Name name, Formula value) {}

    /** {@code NAME(arg: value, ...)}, a part of a schedule. */
    public record Call(Name name, List<NamedArg> args, SourcePos pos) {
        public Call {
            args = List.copyOf(args);
        }
    }

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
