// The build compiled and trained Xor, the test using Xor.trained() passed on all four rows, and the
// jar holds both the class and its parameters.
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text
assert log.contains('nnlang: compiling xor.nn (no previous build)')
assert log.contains('nnlang: training Xor from xor.nn (no previous build), compiled back end')
assert log =~ /nnlang: Xor epoch 1000\/5000 /
assert log =~ /nnlang: Xor epoch 5000\/5000 /
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')

def jar = new JarFile(new File(basedir, 'target/xor-trained-class-passes-truth-table-1.0.jar'))
try {
    assert jar.getEntry('org/example/Xor.class') != null
    assert jar.getEntry('org/example/Xor.nnp') != null
} finally {
    jar.close()
}
