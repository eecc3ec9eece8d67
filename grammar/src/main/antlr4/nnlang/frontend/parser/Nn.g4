// The .nn language. The grammar only recognises shape; every rule about names, sizes and values
// is checked after parsing, so this file has no actions and no semantic predicates.
grammar Nn;

file
    : network+ EOF
    ;

network
    : NETWORK name '{' statement* '}'
    ;

statement
    : INPUT inputItem (',' inputItem)*                                      # InputStatement
    | NEURON name '=' name '(' (neuronArg (',' neuronArg)*)? ')'            # NeuronStatement
    | LAYER name '=' DENSE '(' NUMBER ',' name ')' (FROM sourceList)?       # LayerStatement
    | OUTPUT sourceList (AS CLASS '(' classLabels ')')?                     # OutputStatement
    | TRAIN '{' trainSetting* '}'                                           # TrainStatement
    | ACTIVATION name '(' name ')' '=' formula                             # ActivationStatement
    ;

// An activation's formula. Earlier alternatives bind tighter: calls and parentheses, then ^ (right
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
    : '[' NUMBER (name NUMBER)* ']'
    ;

neuronArg
    : BIAS ':' NUMBER                                                       # BiasArg
    | THRESHOLD ':' NUMBER                                                  # ThresholdArg
    | source (':' weight)?                                                  # SourceArg
    ;

weight
    : NUMBER                                                                # ScalarWeight
    | '[' NUMBER (',' NUMBER)* ']'                                          # ListWeight
    ;

sourceList
    : source (',' source)*
    ;

source
    : name ('[' NUMBER ']')?
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
    | EPOCHS NUMBER                                                         # EpochsSetting
    | INIT name '(' (NUMBER (',' NUMBER)*)? ')' SCALED?                     # InitSetting
    | SEED NUMBER                                                           # SeedSetting
    | REPORT EVERY NUMBER                                                   # ReportSetting
    | EXPECT name '>=' NUMBER                                               # ExpectSetting
    | SHARDS NUMBER                                                         # ShardsSetting
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
    : (name | TRAIN) ':' NUMBER
    ;

// Keywords that cannot start a statement inside the construct where a name is expected are soft:
// they may also be used as names (`input 784` declares an input called `input`).
name
    : ID | INPUT | OUTPUT | FROM | AS | CLASS | DENSE | DATA | TABLE | CSV | MNIST | SPLIT | HEADER
    | COST | OPTIMIZER | SCHEDULE | EPOCHS | INIT | SCALED | SEED | REPORT | EVERY | EXPECT | ACTIVATION
    | SHARDS
    ;

LBRACE    : '{';
RBRACE    : '}';
RPAREN    : ')';

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
