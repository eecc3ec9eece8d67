// A file that imports an edited file is rebuilt with it, and so is a file whose part is a trained
// network that was trained again; each build's tests pass on the classes and parameters it made.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./)
assert builds.length == 4 : 'expected the logs of three builds'
def (first, gatesEdited, xorEdited) = [builds[1], builds[2], builds[3]]

def nnlangLines = { String build -> build.readLines().findAll { it.contains('nnlang: ') && !it.contains(' epoch ') } }
def withoutXorTraining = { List lines -> lines.findAll { !it.startsWith('[INFO] nnlang: Xor ') } }

assert first.contains('nnlang: compiled 4 networks')
assert first.contains('[INFO] nnlang: RoundXor from round.nn (no previous build) has the trained parameters of Xor.nnp')
builds[1..3].each { assert it.contains('Tests run: 8, Failures: 0, Errors: 0') }

assert nnlangLines(gatesEdited) == [
        '[INFO] nnlang: compiling gates.nn (gates.nn changed)',
        '[INFO] nnlang: compiling adder.nn (imported gates.nn changed)',
        '[INFO] nnlang: compiled 2 networks (2 up to date)',
        '[INFO] nnlang: 2 trained networks up to date']

assert withoutXorTraining(nnlangLines(xorEdited)) == [
        '[INFO] nnlang: compiling xor.nn (xor.nn changed)',
        '[INFO] nnlang: compiling round.nn (imported xor.nn changed)',
        '[INFO] nnlang: compiled 2 networks (2 up to date)',
        '[INFO] nnlang: training Xor from xor.nn (xor.nn changed), compiled back end',
        '[INFO] nnlang: RoundXor from round.nn (imported xor.nn changed) has the trained parameters of Xor.nnp',
        '[INFO] nnlang: trained 2 networks']
