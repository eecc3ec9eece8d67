// The first build compiled three networks and trained one; the second did neither and said so in
// one line per goal.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./)
assert builds.length == 3 : 'expected the logs of two builds'
def first = builds[1]
def second = builds[2]

assert first.contains('nnlang: compiling cheese.nn (no previous build)')
assert first.contains('nnlang: compiling xor.nn (no previous build)')
assert first.contains('nnlang: compiled 3 networks')
assert first.contains('nnlang: trained 1 network')

def nnlangLines = second.readLines().findAll { it.contains('nnlang: ') }
assert nnlangLines == ['[INFO] nnlang: 3 networks up to date', '[INFO] nnlang: 1 trained network up to date']

def status = new File(basedir, 'target/nnlang/compile-status.properties')
assert status.readLines().contains('format=1')
assert new File(basedir, 'target/classes/org/example/Xor.nnp').isFile()
