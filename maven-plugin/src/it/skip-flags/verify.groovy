// nnlang.skip skipped both goals; nnlang.train.skip compiled Xor but did not train it.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./)
assert builds.length == 3 : 'expected the logs of two builds'
def nnlangLines = { String build -> build.readLines().findAll { it.contains('nnlang: ') } }

assert nnlangLines(builds[1]) == ['[INFO] nnlang: skipped (nnlang.skip)', '[INFO] nnlang: skipped (nnlang.skip)']
assert nnlangLines(builds[2]) == [
        '[INFO] nnlang: compiling xor.nn (no previous build)',
        '[INFO] nnlang: compiled 1 network',
        '[INFO] nnlang: training skipped (nnlang.train.skip)']

assert new File(basedir, 'target/classes/org/example/Xor.class').isFile()
assert !new File(basedir, 'target/classes/org/example/Xor.nnp').exists()
assert !new File(basedir, 'target/nnlang/train-status.properties').exists()
