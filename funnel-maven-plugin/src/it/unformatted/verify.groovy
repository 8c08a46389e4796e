// format-check fails the build and names the file that is not in canonical layout.
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] \S*aida\.funnel: not formatted/
assert log.contains('BUILD FAILURE')
assert log.contains('funnel format: problems in the funnels')
assert !new File(basedir, 'target/funnel').exists()
