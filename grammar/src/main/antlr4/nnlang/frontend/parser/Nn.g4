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
                                                                            # LayerStatement
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

neuronArg
    : BIAS ':' formula                                                      # BiasArg
    | THRESHOLD ':' formula                                                 # ThresholdArg
    | source (':' weight)?                                                  # SourceArg
    ;

weight
    : formulaList                                                           # ListWeight
    | formula                                                               # ScalarWeight
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
    : DATA TABLE '{' (tableRow ';'?)* '}'                                   # TableData
    | DATA CSV '(' STRING (',' HEADER)? ')'                                 # CsvData
    | DATA MNIST '(' STRING ')' (SPLIT '(' namedArgs? ')')?                 # MnistData
    | COST name                                                             # CostSetting
    | OPTIMIZER name '(' namedArgs? ')'                                     # OptimizerSetting
    | SCHEDULE name '(' namedArgs? ')'                                      # ScheduleSetting
    | EPOCHS formula                                                        # EpochsSetting
    | INIT name '(' (formula (',' formula)*)? ')' SCALED?                   # InitSetting
    | SEED formula                                                          # SeedSetting
    | REPORT EVERY formula                                                  # ReportSetting
    | THREADS (AUTO | formula)                                              # ThreadsSetting
    | EXPECT name '>=' formula                                              # ExpectSetting
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
    : ID | INPUT | OUTPUT | FROM | AS | CLASS | DENSE | DATA | TABLE | CSV | MNIST | SPLIT | HEADER
    | COST | OPTIMIZER | SCHEDULE | EPOCHS | INIT | SCALED | SEED | REPORT | EVERY | EXPECT | ACTIVATION
    | IMPORT | LET | PART | FIXED | TRAINABLE | WITH | WEIGHTS | THREADS | AUTO
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
