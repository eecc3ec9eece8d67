// Java code against the facades compiled (with doclint as errors) and its tests passed; the
// generated folders are where IDEs look for them, and the jar carries classes and parameters.
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text
assert log.contains('nnlang: compiling org/example/quadrant.nn (no previous build)')
assert log.contains('nnlang: compiling org/example/gates/nand.nn (no previous build)')
assert log.contains('nnlang: training Quadrant from org/example/quadrant.nn (no previous build), compiled back end')
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')

def facade = new File(basedir, 'target/generated-sources/nnlang/org/example/Xor.java').text
assert facade.contains('package org.example;')
assert facade.contains(' * <li>{@code x1}: element 0</li>')
assert facade.contains('public static Xor trained()')
assert facade.contains('public double[] predict(double x1, double x2)')
def classifier = new File(basedir, 'target/generated-sources/nnlang/org/example/Quadrant.java').text
assert classifier.contains('public java.lang.String classify(double x, double y)')
assert new File(basedir, 'target/generated-resources/nnlang/org/example/Xor$Compiled.class').isFile()
assert new File(basedir, 'target/generated-test-sources/nnlang/org/example/gates/Nand.java').isFile()
assert new File(basedir, 'target/generated-test-resources/nnlang/org/example/gates/Nand.nnp').isFile()

def jar = new JarFile(new File(basedir, 'target/facade-api-compiles-in-java-code-1.0.jar'))
try {
    ['org/example/Xor.class', 'org/example/Xor$Compiled.class', 'org/example/Xor.nnp',
     'org/example/Quadrant.class', 'org/example/Quadrant$Compiled.class', 'org/example/Quadrant.nnp',
     'org/example/app/Advisor.class'].each { assert jar.getEntry(it) != null : it }
    assert jar.getEntry('org/example/gates/Nand.class') == null : 'test networks stay out of the jar'
} finally {
    jar.close()
}
