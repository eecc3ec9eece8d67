package nnlang.frontend.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.frontend.syntax.ActivationDecl;
import nnlang.frontend.syntax.ActivationDecl.Formula;
import nnlang.frontend.syntax.InputDecl;
import nnlang.frontend.syntax.Name;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;
import nnlang.frontend.syntax.NumberLiteral;
import nnlang.frontend.syntax.OutputDecl;
import nnlang.frontend.syntax.SourceRef;
import nnlang.frontend.syntax.TrainBlock;
import nnlang.model.SourcePos;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Walks an error-free ANTLR parse tree once and builds the syntax tree records: the single place
 * where ANTLR contexts are read. It records what was written and where; it checks nothing.
 */
final class SyntaxTreeBuilder {
    private final String fileName;

    SyntaxTreeBuilder(String fileName) {
        this.fileName = fileName;
    }

    List<NetworkSyntax> file(NnParser.FileContext ctx) {
        return ctx.network().stream().map(this::network).toList();
    }

    private NetworkSyntax network(NnParser.NetworkContext ctx) {
        List<InputDecl> inputs = new ArrayList<>();
        List<NodeDecl> nodes = new ArrayList<>();
        List<OutputDecl> outputs = new ArrayList<>();
        List<TrainBlock> trains = new ArrayList<>();
        List<ActivationDecl> activations = new ArrayList<>();
        for (NnParser.StatementContext statement : ctx.statement()) {
            if (statement instanceof NnParser.InputStatementContext input) {
                input.inputItem().forEach(item -> inputs.add(inputItem(item)));
            } else if (statement instanceof NnParser.NeuronStatementContext neuron) {
                nodes.add(neuron(neuron));
            } else if (statement instanceof NnParser.LayerStatementContext layer) {
                nodes.add(layer(layer));
            } else if (statement instanceof NnParser.OutputStatementContext output) {
                outputs.add(output(output));
            } else if (statement instanceof NnParser.TrainStatementContext train) {
                trains.add(train(train));
            } else if (statement instanceof NnParser.ActivationStatementContext activation) {
                activations.add(new ActivationDecl(name(activation.name(0)), name(activation.name(1)),
                        formula(activation.formula()), pos(activation.name(0))));
            }
        }
        return new NetworkSyntax(name(ctx.name()), inputs, nodes, outputs, trains, activations,
                pos(ctx.NETWORK().getSymbol()));
    }

    private Formula formula(NnParser.FormulaContext ctx) {
        if (ctx instanceof NnParser.ParenFormulaContext paren) {
            return formula(paren.formula());
        }
        if (ctx instanceof NnParser.CallFormulaContext call) {
            return new Formula.Call(name(call.name()), call.formula().stream().map(this::formula).toList(),
                    pos(call.name()));
        }
        if (ctx instanceof NnParser.NumberFormulaContext number) {
            return new Formula.Number(number(number.NUMBER()), pos(ctx));
        }
        if (ctx instanceof NnParser.VariableFormulaContext variable) {
            return new Formula.Variable(name(variable.name()), pos(ctx));
        }
        if (ctx instanceof NnParser.NegateFormulaContext negate) {
            return new Formula.Negate(formula(negate.formula()), pos(ctx));
        }
        if (ctx instanceof NnParser.PowerFormulaContext power) {
            return new Formula.Binary('^', formula(power.formula(0)), formula(power.formula(1)), pos(ctx));
        }
        if (ctx instanceof NnParser.ProductFormulaContext product) {
            return new Formula.Binary(product.op.getText().charAt(0), formula(product.formula(0)),
                    formula(product.formula(1)), pos(ctx));
        }
        NnParser.SumFormulaContext sum = (NnParser.SumFormulaContext) ctx;
        return new Formula.Binary(sum.op.getText().charAt(0), formula(sum.formula(0)), formula(sum.formula(1)),
                pos(ctx));
    }

    private InputDecl inputItem(NnParser.InputItemContext ctx) {
        if (ctx instanceof NnParser.AnonymousInputContext anonymous) {
            NumberLiteral size = number(anonymous.NUMBER());
            return new InputDecl(new Name("input", size.pos()), List.of(size), List.of(), size.pos());
        }
        NnParser.NamedInputContext named = (NnParser.NamedInputContext) ctx;
        if (named.shape() == null) {
            return new InputDecl(name(named.name()), List.of(), List.of(), pos(named));
        }
        List<Name> separators = named.shape().name().stream().map(this::name).toList();
        return new InputDecl(name(named.name()), numbers(named.shape().NUMBER()), separators, pos(named));
    }

    private NodeDecl.Neuron neuron(NnParser.NeuronStatementContext ctx) {
        List<NodeDecl.NeuronArg> args = ctx.neuronArg().stream().map(this::neuronArg).toList();
        return new NodeDecl.Neuron(name(ctx.name(0)), name(ctx.name(1)), args, pos(ctx.name(0)));
    }

    private NodeDecl.NeuronArg neuronArg(NnParser.NeuronArgContext ctx) {
        if (ctx instanceof NnParser.BiasArgContext bias) {
            return new NodeDecl.NeuronArg.Bias(number(bias.NUMBER()), false, pos(ctx));
        }
        if (ctx instanceof NnParser.ThresholdArgContext threshold) {
            return new NodeDecl.NeuronArg.Bias(number(threshold.NUMBER()), true, pos(ctx));
        }
        NnParser.SourceArgContext arg = (NnParser.SourceArgContext) ctx;
        return new NodeDecl.NeuronArg.Input(source(arg.source()), Optional.ofNullable(arg.weight()).map(this::weight),
                pos(ctx));
    }

    private NodeDecl.Weight weight(NnParser.WeightContext ctx) {
        if (ctx instanceof NnParser.ScalarWeightContext scalar) {
            return new NodeDecl.Weight(List.of(number(scalar.NUMBER())), false, pos(ctx));
        }
        return new NodeDecl.Weight(numbers(((NnParser.ListWeightContext) ctx).NUMBER()), true, pos(ctx));
    }

    private NodeDecl.Layer layer(NnParser.LayerStatementContext ctx) {
        List<SourceRef> from = ctx.sourceList() == null ? List.of() : sources(ctx.sourceList());
        return new NodeDecl.Layer(name(ctx.name(0)), number(ctx.NUMBER()), name(ctx.name(1)), from, pos(ctx.name(0)));
    }

    private OutputDecl output(NnParser.OutputStatementContext ctx) {
        return new OutputDecl(sources(ctx.sourceList()), Optional.ofNullable(ctx.classLabels()).map(this::classLabels),
                pos(ctx.OUTPUT().getSymbol()));
    }

    private OutputDecl.ClassLabels classLabels(NnParser.ClassLabelsContext ctx) {
        if (ctx instanceof NnParser.RangeLabelsContext range) {
            String loText = range.lo.getText();
            if (loText.endsWith("..")) {
                loText = loText.substring(0, loText.length() - 2);
            }
            SourcePos loPos = pos(range.lo);
            NumberLiteral lo = new NumberLiteral(loText, Double.parseDouble(loText),
                    new SourcePos(fileName, loPos.line(), loPos.column(), loText.length()));
            return new OutputDecl.ClassLabels.Range(lo, number(range.hi), pos(ctx));
        }
        List<Name> names = ((NnParser.NamedLabelsContext) ctx).name().stream().map(this::name).toList();
        return new OutputDecl.ClassLabels.Names(names, pos(ctx));
    }

    private List<SourceRef> sources(NnParser.SourceListContext ctx) {
        return ctx.source().stream().map(this::source).toList();
    }

    private SourceRef source(NnParser.SourceContext ctx) {
        return new SourceRef(name(ctx.name()), Optional.ofNullable(ctx.NUMBER()).map(this::number), pos(ctx));
    }

    private TrainBlock train(NnParser.TrainStatementContext ctx) {
        return new TrainBlock(ctx.trainSetting().stream().map(this::setting).toList(), pos(ctx.TRAIN().getSymbol()));
    }

    private TrainBlock.Setting setting(NnParser.TrainSettingContext ctx) {
        SourcePos pos = pos(ctx);
        if (ctx instanceof NnParser.TableDataContext table) {
            return new TrainBlock.TableData(table.tableRow().stream().map(this::row).toList(), pos(table.DATA().getSymbol()));
        }
        if (ctx instanceof NnParser.CsvDataContext csv) {
            return new TrainBlock.CsvData(string(csv.STRING()), pos(csv.STRING().getSymbol()), csv.HEADER() != null, pos);
        }
        if (ctx instanceof NnParser.MnistDataContext mnist) {
            Optional<List<TrainBlock.NamedArg>> split = mnist.SPLIT() == null
                    ? Optional.empty() : Optional.of(namedArgs(mnist.namedArgs()));
            return new TrainBlock.MnistData(string(mnist.STRING()), pos(mnist.STRING().getSymbol()), split, pos);
        }
        if (ctx instanceof NnParser.CostSettingContext cost) {
            return new TrainBlock.Cost(name(cost.name()), pos);
        }
        if (ctx instanceof NnParser.OptimizerSettingContext optimizer) {
            return new TrainBlock.Optimizer(name(optimizer.name()), namedArgs(optimizer.namedArgs()), pos);
        }
        if (ctx instanceof NnParser.ScheduleSettingContext schedule) {
            return new TrainBlock.Schedule(name(schedule.name()), namedArgs(schedule.namedArgs()), pos);
        }
        if (ctx instanceof NnParser.EpochsSettingContext epochs) {
            return new TrainBlock.Epochs(number(epochs.NUMBER()), pos);
        }
        if (ctx instanceof NnParser.InitSettingContext init) {
            return new TrainBlock.Init(name(init.name()), numbers(init.NUMBER()), init.SCALED() != null, pos);
        }
        if (ctx instanceof NnParser.SeedSettingContext seed) {
            return new TrainBlock.Seed(number(seed.NUMBER()), pos);
        }
        if (ctx instanceof NnParser.ReportSettingContext report) {
            return new TrainBlock.Report(number(report.NUMBER()), pos);
        }
        if (ctx instanceof NnParser.ShardsSettingContext shards) {
            return new TrainBlock.Shards(number(shards.NUMBER()), pos);
        }
        NnParser.ExpectSettingContext expect = (NnParser.ExpectSettingContext) ctx;
        return new TrainBlock.Expect(name(expect.name()), number(expect.NUMBER()), pos);
    }

    private TrainBlock.TableRow row(NnParser.TableRowContext ctx) {
        return new TrainBlock.TableRow(numbers(ctx.NUMBER()), target(ctx.target()), pos(ctx));
    }

    private TrainBlock.Target target(NnParser.TargetContext ctx) {
        if (ctx instanceof NnParser.VectorTargetContext vector) {
            return new TrainBlock.Target.Vector(numbers(vector.NUMBER()), pos(ctx));
        }
        if (ctx instanceof NnParser.NumberTargetContext number) {
            return new TrainBlock.Target.Number(number(number.NUMBER()), pos(ctx));
        }
        return new TrainBlock.Target.Label(name(((NnParser.LabelTargetContext) ctx).name()), pos(ctx));
    }

    /** The arguments of {@code (a: 1, b: 2)}; an absent list is empty. */
    private List<TrainBlock.NamedArg> namedArgs(NnParser.NamedArgsContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        List<TrainBlock.NamedArg> args = new ArrayList<>();
        for (NnParser.NamedArgContext arg : ctx.namedArg()) {
            Name name = arg.name() != null ? name(arg.name()) : new Name("train", pos(arg.TRAIN().getSymbol()));
            args.add(new TrainBlock.NamedArg(name, number(arg.NUMBER())));
        }
        return args;
    }

    private Name name(NnParser.NameContext ctx) {
        return new Name(ctx.getText(), pos(ctx));
    }

    private List<NumberLiteral> numbers(List<TerminalNode> nodes) {
        return nodes.stream().map(this::number).toList();
    }

    private NumberLiteral number(TerminalNode node) {
        return number(node.getSymbol());
    }

    private NumberLiteral number(Token token) {
        String text = token.getText();
        return new NumberLiteral(text, Double.parseDouble(text), pos(token));
    }

    /** The text between the quotes. */
    private static String string(TerminalNode node) {
        String text = node.getText();
        return text.substring(1, text.length() - 1);
    }

    private SourcePos pos(Token token) {
        return new SourcePos(fileName, token.getLine(), token.getCharPositionInLine() + 1,
                Math.max(1, token.getStopIndex() - token.getStartIndex() + 1));
    }

    /** From the construct's first token to its last when both are on one line, else the first token. */
    private SourcePos pos(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getLine() != start.getLine() || stop.getStopIndex() < start.getStartIndex()) {
            return pos(start);
        }
        return new SourcePos(fileName, start.getLine(), start.getCharPositionInLine() + 1,
                stop.getStopIndex() - start.getStartIndex() + 1);
    }
}
