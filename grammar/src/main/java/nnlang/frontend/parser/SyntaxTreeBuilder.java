package nnlang.frontend.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nnlang.frontend.syntax.ActivationDecl;
import nnlang.frontend.syntax.FileSyntax;
import nnlang.frontend.syntax.Formula;
import nnlang.frontend.syntax.ImportDecl;
import nnlang.frontend.syntax.InputDecl;
import nnlang.frontend.syntax.LetDecl;
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

    FileSyntax file(NnParser.FileContext ctx) {
        List<ImportDecl> imports = ctx.importStatement().stream().map(i -> new ImportDecl(string(i.STRING()),
                pos(i.STRING().getSymbol()), pos(i))).toList();
        return new FileSyntax(imports, ctx.letStatement().stream().map(this::let).toList(),
                ctx.network().stream().map(this::network).toList());
    }

    private LetDecl let(NnParser.LetStatementContext ctx) {
        return new LetDecl(name(ctx.name()), formula(ctx.formula()), pos(ctx.name()));
    }

    private NetworkSyntax network(NnParser.NetworkContext ctx) {
        List<InputDecl> inputs = new ArrayList<>();
        List<NodeDecl> nodes = new ArrayList<>();
        List<OutputDecl> outputs = new ArrayList<>();
        List<TrainBlock> trains = new ArrayList<>();
        List<ActivationDecl> activations = new ArrayList<>();
        List<LetDecl> lets = new ArrayList<>();
        for (NnParser.StatementContext statement : ctx.statement()) {
            if (statement instanceof NnParser.InputStatementContext input) {
                input.inputItem().forEach(item -> inputs.add(inputItem(item)));
            } else if (statement instanceof NnParser.NeuronStatementContext neuron) {
                nodes.add(neuron(neuron));
            } else if (statement instanceof NnParser.LayerStatementContext layer) {
                nodes.add(layer(layer));
            } else if (statement instanceof NnParser.PartStatementContext part) {
                nodes.add(part(part));
            } else if (statement instanceof NnParser.NetworkLetStatementContext let) {
                lets.add(let(let.letStatement()));
            } else if (statement instanceof NnParser.ImageLayerStatementContext image) {
                nodes.add(imageLayer(image));
            } else if (statement instanceof NnParser.OutputStatementContext output) {
                outputs.add(output(output));
            } else if (statement instanceof NnParser.TrainStatementContext train) {
                trains.add(train(train));
            } else if (statement instanceof NnParser.ActivationStatementContext activation) {
                activations.add(new ActivationDecl(name(activation.name(0)), name(activation.name(1)),
                        formula(activation.formula()), pos(activation.name(0))));
            }
        }
        return new NetworkSyntax(name(ctx.name()), inputs, nodes, outputs, trains, activations, lets,
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
            return new InputDecl(new Name("input", size.pos()), List.of(new Formula.Number(size, size.pos())),
                    List.of(), size.pos());
        }
        NnParser.NamedInputContext named = (NnParser.NamedInputContext) ctx;
        if (named.shape() == null) {
            return new InputDecl(name(named.name()), List.of(), List.of(), pos(named));
        }
        List<Name> separators = named.shape().name().stream().map(this::name).toList();
        return new InputDecl(name(named.name()), formulas(named.shape().formula()), separators, pos(named));
    }

    private NodeDecl.Neuron neuron(NnParser.NeuronStatementContext ctx) {
        List<NodeDecl.NeuronArg> args = ctx.neuronArg().stream().map(this::neuronArg).toList();
        return new NodeDecl.Neuron(name(ctx.name(0)), name(ctx.name(1)), args, ctx.FIXED() != null, pos(ctx.name(0)));
    }

    private NodeDecl.Part part(NnParser.PartStatementContext ctx) {
        List<NodeDecl.PartArg> args = ctx.partArg().stream().map(a -> new NodeDecl.PartArg(
                Optional.ofNullable(a.name()).map(this::name), source(a.source()), pos(a))).toList();
        List<NodeDecl.Override> overrides = ctx.override().stream().map(o -> new NodeDecl.Override(name(o.name()),
                formula(o.formula()), pos(o))).toList();
        NodeDecl.Mark mark = ctx.mark == null ? NodeDecl.Mark.NONE
                : ctx.mark.getType() == NnParser.FIXED ? NodeDecl.Mark.FIXED : NodeDecl.Mark.TRAINABLE;
        return new NodeDecl.Part(name(ctx.name(0)), name(ctx.name(1)), args, overrides, mark, pos(ctx.name(0)));
    }

    private NodeDecl.NeuronArg neuronArg(NnParser.NeuronArgContext ctx) {
        if (ctx instanceof NnParser.BiasArgContext bias) {
            return new NodeDecl.NeuronArg.Bias(formula(bias.formula()), false, pos(ctx));
        }
        if (ctx instanceof NnParser.ThresholdArgContext threshold) {
            return new NodeDecl.NeuronArg.Bias(formula(threshold.formula()), true, pos(ctx));
        }
        NnParser.SourceArgContext arg = (NnParser.SourceArgContext) ctx;
        return new NodeDecl.NeuronArg.Input(source(arg.source()), Optional.ofNullable(arg.weight()).map(this::weight),
                pos(ctx));
    }

    private NodeDecl.Weight weight(NnParser.WeightContext ctx) {
        if (ctx instanceof NnParser.ScalarWeightContext scalar) {
            return new NodeDecl.Weight(List.of(formula(scalar.formula())), false, pos(ctx));
        }
        return new NodeDecl.Weight(formulas(((NnParser.ListWeightContext) ctx).formulaList().formula()), true, pos(ctx));
    }

    private NodeDecl.Layer layer(NnParser.LayerStatementContext ctx) {
        List<SourceRef> from = ctx.sourceList() == null ? List.of() : sources(ctx.sourceList());
        Optional<NodeDecl.LayerWeights> weights = Optional.ofNullable(ctx.layerWeights()).map(w ->
                new NodeDecl.LayerWeights(w.formulaList().stream().map(this::values).toList(), pos(w.WEIGHTS().getSymbol())));
        Optional<NodeDecl.Values> biases = Optional.ofNullable(ctx.layerBiases()).map(b -> values(b.formulaList()));
        List<NodeDecl.LayerOption> options = ctx.layerOption().stream().map(this::layerOption).toList();
        return new NodeDecl.Layer(name(ctx.name(0)), formula(ctx.formula()), name(ctx.name(1)), from, weights, biases,
                ctx.FIXED() != null, options, pos(ctx.name(0)));
    }

    private NodeDecl.Values values(NnParser.FormulaListContext ctx) {
        return new NodeDecl.Values(formulas(ctx.formula()), pos(ctx));
    }

    private List<Formula> formulas(List<NnParser.FormulaContext> contexts) {
        return contexts.stream().map(this::formula).toList();
    }

    private NodeDecl.LayerOption layerOption(NnParser.LayerOptionContext ctx) {
        if (ctx instanceof NnParser.LayerInitContext init) {
            return new NodeDecl.LayerOption.Init(initializer(init.initializer()), pos(ctx));
        }
        NnParser.LayerDropoutContext dropout = (NnParser.LayerDropoutContext) ctx;
        return new NodeDecl.LayerOption.Dropout(formula(dropout.formula()), pos(ctx));
    }

    private TrainBlock.Initializer initializer(NnParser.InitializerContext ctx) {
        Optional<List<Formula>> args = hasParentheses(ctx) ? Optional.of(formulas(ctx.formula())) : Optional.empty();
        Optional<Name> word = ctx.SCALED() != null ? Optional.of(new Name("scaled", pos(ctx.SCALED().getSymbol())))
                : ctx.word != null ? Optional.of(new Name(ctx.word.getText(), pos(ctx.word))) : Optional.empty();
        return new TrainBlock.Initializer(name(ctx.name()), args, word, pos(ctx));
    }

    /** Whether an initializer is written with parentheses, as {@code gaussian()} is even without numbers. */
    private static boolean hasParentheses(NnParser.InitializerContext ctx) {
        return ctx.children.stream().anyMatch(c -> c instanceof TerminalNode t && t.getText().equals("("));
    }

    private NodeDecl.ImageLayer imageLayer(NnParser.ImageLayerStatementContext ctx) {
        List<SourceRef> from = ctx.sourceList() == null ? List.of() : sources(ctx.sourceList());
        List<NodeDecl.LayerArg> args = ctx.layerArg().stream().map(this::layerArg).toList();
        return new NodeDecl.ImageLayer(name(ctx.name()), new Name(ctx.kind.getText(), pos(ctx.kind)), args, from,
                pos(ctx.name()));
    }

    private NodeDecl.LayerArg layerArg(NnParser.LayerArgContext ctx) {
        if (ctx instanceof NnParser.NamedLayerArgContext named) {
            return new NodeDecl.LayerArg(Optional.of(name(named.name())), layerValue(named.layerValue()), pos(ctx));
        }
        return new NodeDecl.LayerArg(Optional.empty(),
                layerValue(((NnParser.PositionalLayerArgContext) ctx).layerValue()), pos(ctx));
    }

    private NodeDecl.LayerValue layerValue(NnParser.LayerValueContext ctx) {
        if (ctx instanceof NnParser.WordValueContext word) {
            return new NodeDecl.LayerValue.Word(name(word.name()));
        }
        NnParser.NumberValueContext number = (NnParser.NumberValueContext) ctx;
        if (number.name() == null) {
            return new NodeDecl.LayerValue.Count(formula(number.formula(0)));
        }
        return new NodeDecl.LayerValue.Extent(formula(number.formula(0)), name(number.name()), formula(number.formula(1)),
                pos(ctx));
    }

    private OutputDecl output(NnParser.OutputStatementContext ctx) {
        List<OutputDecl.Item> items = ctx.outputItem().stream().map(i -> new OutputDecl.Item(
                Optional.ofNullable(i.name()).map(this::name), source(i.source()))).toList();
        return new OutputDecl(items, Optional.ofNullable(ctx.classLabels()).map(this::classLabels),
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
        return new SourceRef(ctx.name().stream().map(this::name).toList(),
                Optional.ofNullable(ctx.formula()).map(this::formula), pos(ctx));
    }

    private TrainBlock train(NnParser.TrainStatementContext ctx) {
        return new TrainBlock(ctx.trainSetting().stream().map(this::setting).toList(), pos(ctx.TRAIN().getSymbol()));
    }

    private TrainBlock.Setting setting(NnParser.TrainSettingContext ctx) {
        SourcePos pos = pos(ctx);
        if (ctx instanceof NnParser.DataSettingContext data) {
            Optional<List<TrainBlock.NamedArg>> split = data.SPLIT() == null
                    ? Optional.empty() : Optional.of(namedArgs(data.namedArgs()));
            return new TrainBlock.Data(source(data.dataSource()), split, pos);
        }
        if (ctx instanceof NnParser.ValidationSettingContext validation) {
            return new TrainBlock.HeldOut("validation", source(validation.dataSource()), pos);
        }
        if (ctx instanceof NnParser.TestSettingContext test) {
            return new TrainBlock.HeldOut("test", source(test.dataSource()), pos);
        }
        if (ctx instanceof NnParser.CostSettingContext cost) {
            return new TrainBlock.Cost(name(cost.name()), pos);
        }
        if (ctx instanceof NnParser.OptimizerSettingContext optimizer) {
            return new TrainBlock.Optimizer(name(optimizer.name()), namedArgs(optimizer.namedArgs()), pos);
        }
        if (ctx instanceof NnParser.ScheduleSettingContext schedule) {
            return new TrainBlock.Schedule(schedule.call().stream().map(c -> new TrainBlock.Call(name(c.name()),
                    namedArgs(c.namedArgs()), pos(c))).toList(), pos);
        }
        if (ctx instanceof NnParser.EpochsSettingContext epochs) {
            return new TrainBlock.Epochs(formula(epochs.formula()), pos);
        }
        if (ctx instanceof NnParser.InitSettingContext init) {
            return new TrainBlock.Init(initializer(init.initializer()), pos);
        }
        if (ctx instanceof NnParser.StopSettingContext stop) {
            List<Name> names = stop.name().stream().map(this::name).toList();
            return new TrainBlock.Stop(names.get(0), names.get(1), names.subList(2, names.size()),
                    number(stop.NUMBER()), pos);
        }
        if (ctx instanceof NnParser.KeepSettingContext) {
            return new TrainBlock.Keep(pos);
        }
        if (ctx instanceof NnParser.SeedSettingContext seed) {
            return new TrainBlock.Seed(formula(seed.formula()), pos);
        }
        if (ctx instanceof NnParser.ReportSettingContext report) {
            return new TrainBlock.Report(formula(report.formula()), pos);
        }
        if (ctx instanceof NnParser.ThreadsSettingContext threads) {
            return new TrainBlock.Threads(threads.AUTO() != null ? Optional.empty() : Optional.of(formula(threads.formula())),
                    pos);
        }
        if (ctx instanceof NnParser.ShardsSettingContext shards) {
            return new TrainBlock.Shards(formula(shards.formula()), pos);
        }
        NnParser.ExpectSettingContext expect = (NnParser.ExpectSettingContext) ctx;
        return new TrainBlock.Expect(name(expect.name()), formula(expect.formula()), pos);
    }

    private TrainBlock.Source source(NnParser.DataSourceContext ctx) {
        SourcePos pos = pos(ctx);
        if (ctx instanceof NnParser.TableSourceContext table) {
            return new TrainBlock.Source.Table(table.tableRow().stream().map(this::row).toList(),
                    pos(table.TABLE().getSymbol()));
        }
        if (ctx instanceof NnParser.CsvSourceContext csv) {
            return new TrainBlock.Source.Csv(string(csv.STRING()), pos(csv.STRING().getSymbol()), csv.HEADER() != null,
                    pos);
        }
        NnParser.MnistSourceContext mnist = (NnParser.MnistSourceContext) ctx;
        return new TrainBlock.Source.Mnist(string(mnist.STRING()), pos(mnist.STRING().getSymbol()), pos);
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
            args.add(new TrainBlock.NamedArg(name, formula(arg.formula())));
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
