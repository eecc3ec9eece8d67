// Each build after the first rebuilt exactly what its edit touched, and logged why.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./)
assert builds.length == 4 : 'expected the logs of three builds'
def (first, sourceEdited, dataEdited) = [builds[1], builds[2], builds[3]]

def nnlangLines = { String build -> build.readLines().findAll { it.contains('nnlang: ') && !it.contains(' epoch ') } }

assert first.contains('nnlang: compiled 3 networks')
assert first.contains('nnlang: trained 2 networks')

assert nnlangLines(sourceEdited).findAll { !it.startsWith('[INFO] nnlang: Xor ') } == [
        '[INFO] nnlang: compiling xor.nn (xor.nn changed)',
        '[INFO] nnlang: compiled 1 network (2 up to date)',
        '[INFO] nnlang: training Xor from xor.nn (xor.nn changed), compiled back end',
        '[INFO] nnlang: trained 1 network (1 up to date)']

assert nnlangLines(dataEdited).findAll { !it.startsWith('[INFO] nnlang: Or ') } == [
        '[INFO] nnlang: 3 networks up to date',
        '[INFO] nnlang: training Or from or.nn (data or.csv changed), compiled back end',
        '[INFO] nnlang: trained 1 network (1 up to date)']
