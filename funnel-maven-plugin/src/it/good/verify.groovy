// The good project builds, and generate wrote every target of the funnel into target/funnel.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def out = new File(basedir, 'target/funnel')
for (target in ['hubspot', 'java', 'mermaid', 'report', 'svg']) {
    assert new File(out, target).isDirectory() : "no target/funnel/$target"
}
def pipelines = []
new File(out, 'hubspot').eachFileRecurse { if (it.name.endsWith('.json')) pipelines << it }
assert pipelines.any { it.text.contains('"Awareness"') } : "no HubSpot pipeline with the stage Awareness in $pipelines"
