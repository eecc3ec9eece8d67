// The build failed on the user's source (MojoFailureException, not an execution error), the log
// points at line 4 with the source line and a caret, and no class was written.
def log = new File(basedir, 'build.log').text
def position = log =~ /xor\.nn:4:(\d+): error: /
assert position.find() : 'no xor.nn:4:COL: error: line in the log'
int column = position.group(1) as int

def lines = log.readLines()
int at = lines.findIndexOf { it =~ /xor\.nn:4:\d+: error: / }
assert lines[at + 1] == '    layer hidden = dense(2, sigmod)'
assert lines[at + 2].indexOf('^') == column - 1 : 'caret not under column ' + column

assert log.contains('BUILD FAILURE')
assert log.contains('org.apache.maven.plugin.MojoFailureException')
assert !log.contains('MojoExecutionException')
assert !new File(basedir, 'target/classes/org/example/Xor.class').exists()
