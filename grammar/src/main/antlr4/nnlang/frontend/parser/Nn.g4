// The .nn language. The grammar only recognises shape; every rule about names, sizes and values
// is checked after parsing, so this file has no actions and no semantic predicates.
grammar Nn;

// Imports first, then constants and networks in any order; at least one network.
file
    : importStatement* letStatement* network (network | letStatement)* EOF
    ;

importStatement
    : IMPORT STRING
    ;

// A constant: at file level for every network of the file, in a network for that network (and
// settable by a part that uses the network).
letStatement
    : LET name '=' formula
    ;

network
    : NETWORK name '{' statement* '}'
    ;

statement
    : INPUT inputItem (',' inputItem)*                                      # InputStatement
    | FIXED? NEURON name '=' name '(' (neuronArg (',' neuronArg)*)? ')'     # NeuronStatement
    | FIXED? LAYER name '=' DENSE '(' formula ',' name ')' (FROM sourceList)? layerWeights? layerBiases?
      layerOption*                                                          # LayerStatement
    | LAYER name '=' kind=(CONV | MAXPOOL | AVGPOOL)
          '(' (layerArg (',' layerArg)*)? ')' (FROM sourceList)?            # ImageLayerStatement
    | mark=(FIXED | TRAINABLE)? PART name '=' name '(' (partArg (',' partArg)*)? ')'
      (WITH override (',' override)*)?                                      # PartStatement
    | letStatement                                                          # NetworkLetStatement
    | OUTPUT outputItem (',' outputItem)* (AS CLASS '(' classLabels ')')?   # OutputStatement
    | TRAIN '{' trainSetting* '}'                                           # TrainStatement
    | ACTIVATION name '(' name ')' '=' formula                             # ActivationStatement
    ;

// A layer's weights, one row per neuron, and its biases.
layerWeights
    : WEIGHTS '[' formulaList (',' formulaList)* ']'
    ;

layerBiases
    : BIAS formulaList
    ;

formulaList
    : '[' formula (',' formula)* ']'
    ;

// An element of the output, named for networks that use this one as a part (`sum: second.sum`).
outputItem
    : (name ':')? source
    ;

// An input of the part's network: the next one in order, or the one named.
partArg
    : (name ':')? source
    ;

override
    : name '=' formula
    ;

// An activation's formula, and every number that may be computed from constants. Earlier
// alternatives bind tighter: calls and parentheses, then ^ (right
// associative), then prefix minus (so -z^2 is -(z^2)), then * and /, then + and -. A NUMBER may carry
// a leading minus; after an operand (`z-1`, `2-1`, `(z)-1`) SourceParser splits it into MINUS and
// the number, so that it subtracts.
formula
    : '(' formula ')'                                                       # ParenFormula
    | name '(' (formula (',' formula)*)? ')'                                # CallFormula
    | NUMBER                                                                # NumberFormula
    | name                                                                  # VariableFormula
    | <assoc=right> formula '^' formula                                     # PowerFormula
    | MINUS formula                                                         # NegateFormula
    | formula op=('*' | '/') formula                                        # ProductFormula
    | formula op=('+' | MINUS) formula                                      # SumFormula
    ;

inputItem
    : NUMBER                                                                # AnonymousInput
    | name shape?                                                           # NamedInput
    ;

// [28 x 28]: the separator is a name so that `x` stays free for inputs; it is checked later.
shape
    : '[' formula (name formula)* ']'
    ;

// The arguments of a convolution or pool: 20, 5 x 5, relu, stride: 2, padding: same, or with
// constants: filters, k x k, 2 * k. Which are allowed where is checked later; the separator of 5 x 5
// is a name, as in a shape. A lone name is a word (relu, same), which the checker reads as a
// constant where a number is expected.
layerArg
    : name ':' layerValue                                                   # NamedLayerArg
    | layerValue                                                            # PositionalLayerArg
    ;

layerValue
    : name                                                                  # WordValue
    | formula (name formula)?                                               # NumberValue
    ;

neuronArg
    : BIAS ':' formula                                                      # BiasArg
    | THRESHOLD ':' formula                                                 # ThresholdArg
    | source (':' weight)?                                                  # SourceArg
    ;

weight
    : formulaList                                                           # ListWeight
    | formula                                                               # ScalarWeight
    ;

// What a layer says about its own training, after its kind and sources: `init he normal`, `dropout 0.5`.
layerOption
    : INIT initializer                                                      # LayerInit
    | DROPOUT formula                                                       # LayerDropout
    ;

// `gaussian(0, 1) scaled`, `xavier uniform`, `he normal`, `uniform(-0.1, 0.1)`: a name, its numbers
// when it takes any, and a word that qualifies it. The word is an identifier, never a keyword, so
// that a statement after a layer's init (`fixed neuron ...`) is not taken for it.
initializer
    : name ('(' (formula (',' formula)*)? ')')? (SCALED | word=ID)?
    ;

sourceList
    : source (',' source)*
    ;

// `hidden`, `hidden[3]`, or, through parts, `first.sum` and `adder.first.a[0]`.
source
    : name ('.' name)* ('[' formula ']')?
    ;

classLabels
    : (lo=RANGE_START | lo=NUMBER '..') hi=NUMBER                           # RangeLabels
    | name (',' name)*                                                      # NamedLabels
    ;

trainSetting
    : DATA dataSource (SPLIT '(' namedArgs? ')')?                           # DataSetting
    | VALIDATION dataSource                                                 # ValidationSetting
    | TEST dataSource                                                       # TestSetting
    | COST name                                                             # CostSetting
    | OPTIMIZER name '(' namedArgs? ')'                                     # OptimizerSetting
    | SCHEDULE call (',' call)*                                             # ScheduleSetting
    | EPOCHS formula                                                        # EpochsSetting
    | INIT initializer                                                      # InitSetting
    | SEED formula                                                          # SeedSetting
    | REPORT EVERY formula                                                  # ReportSetting
    | THREADS (AUTO | formula)                                              # ThreadsSetting
    | EXPECT name '>=' formula                                              # ExpectSetting
    | STOP WHEN name name name+ NUMBER EPOCHS                               # StopSetting
    | KEEP BEST                                                             # KeepSetting
    | SHARDS formula                                                        # ShardsSetting
    ;

// Where samples come from: rows written here, a CSV file, or the MNIST files.
dataSource
    : TABLE '{' (tableRow ';'?)* '}'                                        # TableSource
    | CSV '(' STRING (',' HEADER)? ')'                                      # CsvSource
    | MNIST '(' STRING ')'                                                  # MnistSource
    ;

// `step(every: 10, factor: 0.5)`: a schedule's part with its arguments.
call
    : name '(' namedArgs? ')'
    ;

tableRow
    : '[' (NUMBER (',' NUMBER)*)? ']' '->' target
    ;

target
    : '[' (NUMBER (',' NUMBER)*)? ']'                                       # VectorTarget
    | NUMBER                                                                # NumberTarget
    | name                                                                  # LabelTarget
    ;

namedArgs
    : namedArg (',' namedArg)*
    ;

namedArg
    : (name | TRAIN) ':' formula
    ;

// Keywords that cannot start a statement inside the construct where a name is expected are soft:
// they may also be used as names (`input 784` declares an input called `input`).
name
    : ID | INPUT | OUTPUT | FROM | AS | CLASS | DENSE | CONV | MAXPOOL | AVGPOOL | DATA | TABLE | CSV | MNIST | SPLIT | HEADER
    | COST | OPTIMIZER | SCHEDULE | EPOCHS | INIT | SCALED | SEED | REPORT | EVERY | EXPECT | ACTIVATION
    | IMPORT | LET | PART | FIXED | TRAINABLE | WITH | WEIGHTS
    | DROPOUT | VALIDATION | TEST | STOP | WHEN | KEEP | BEST | SHARDS | THREADS | AUTO
    ;

LBRACE    : '{';
RBRACE    : '}';
LPAREN    : '(';
RPAREN    : ')';
DOT       : '.';

NETWORK   : 'network';
INPUT     : 'input';
NEURON    : 'neuron';
LAYER     : 'layer';
OUTPUT    : 'output';
TRAIN     : 'train';
ACTIVATION: 'activation';
DENSE     : 'dense';
CONV      : 'conv';
MAXPOOL   : 'maxpool';
AVGPOOL   : 'avgpool';
FROM      : 'from';
AS        : 'as';
CLASS     : 'class';
BIAS      : 'bias';
THRESHOLD : 'threshold';
DATA      : 'data';
TABLE     : 'table';
CSV       : 'csv';
MNIST     : 'mnist';
SPLIT     : 'split';
HEADER    : 'header';
COST      : 'cost';
OPTIMIZER : 'optimizer';
SCHEDULE  : 'schedule';
EPOCHS    : 'epochs';
INIT      : 'init';
SCALED    : 'scaled';
SEED      : 'seed';
REPORT    : 'report';
EVERY     : 'every';
EXPECT    : 'expect';
THREADS   : 'threads';
AUTO      : 'auto';
IMPORT    : 'import';
LET       : 'let';
PART      : 'part';
FIXED     : 'fixed';
TRAINABLE : 'trainable';
WITH      : 'with';
WEIGHTS   : 'weights';
DROPOUT   : 'dropout';
VALIDATION: 'validation';
TEST      : 'test';
STOP      : 'stop';
WHEN      : 'when';
KEEP      : 'keep';
BEST      : 'best';
SHARDS    : 'shards';

// A leading minus belongs to the number: -2, -.5, -1e-3.
NUMBER
    : '-'? (DIGITS ('.' DIGITS?)? | '.' DIGITS) EXPONENT?
    ;

MINUS
    : '-'
    ;

// `0..9` would otherwise lex as `0.` and `.9`; the longest match makes it this token and `9`.
RANGE_START
    : '-'? DIGITS '..'
    ;

STRING
    : '"' ~["\r\n]* '"'
    ;

// Reported by the front end with its own message; hidden so the parser sees the structure around it.
UNCLOSED_STRING
    : '"' ~["\r\n]* -> channel(HIDDEN)
    ;

ID
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

// Comments are hidden from the parser but kept in the token stream, for SourceParser.tokens.
LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

// A block comment that runs to the end of the file: it cannot contain `*/`.
UNCLOSED_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(HIDDEN)
    ;

WS
    : [ \t\r\n\f]+ -> skip
    ;

fragment DIGITS
    : [0-9]+
    ;

fragment EXPONENT
    : [eE] [+-]? DIGITS
    ;
