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

// The plan goal wrote the HubSpot plan against the saved answer: the funnel's pipeline is new, its stages added.
def plan = new File(basedir, 'target/funnel-plan-hubspot.md')
assert plan.isFile() : 'no target/funnel-plan-hubspot.md'
assert plan.text.contains('Deal pipeline AIDA product launch (new)')
assert plan.text =~ /\| add stage \| Awareness \|/
