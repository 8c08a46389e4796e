// The error fails the build at validate, positioned as the command line positions it, and nothing is generated.
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] \S*broken\.funnel:3:18: error: [^\n]*Nowhere/
assert log.contains('BUILD FAILURE')
assert log.contains('funnel validate: problems in the funnels')
assert !new File(basedir, 'target/funnel').exists()
