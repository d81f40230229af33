#!/usr/bin/env bash
# Tries the API the way a new editor would, against a running `npm start` (default http://localhost:4000).
#   npm start            # in another terminal
#   bash scripts/try-as-editor.sh
# It creates reviewers with the CLI, records a verdict trusting the 24-killed claim, and checks the
# error paths (stale version, 20 racing calls, bad addClaim offsets, no token, VIEWER), verifying
# that none of the failures changes a row. Exits non-zero on the first surprise.
set -euo pipefail
cd "$(dirname "$0")/.."
API="${API:-http://localhost:4000}/graphql"
STORY="${STORY:-baghdad-talks-2007}"

gql() { # gql <token-or-empty> <json-body>
  local auth=()
  [ -n "$1" ] && auth=(-H "authorization: Bearer $1")
  curl -sS "$API" -H 'content-type: application/json' "${auth[@]}" -d "$2"
}
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const v=JSON.parse(s);console.log(($1)(v))})"; }
check() { if [ "$1" != "$2" ]; then echo "FAIL: $3: expected '$2', got '$1'" >&2; exit 1; else echo "ok: $3"; fi; }
rows() { gql "$ADMIN" '{"query":"{ auditLog(first: 1) { totalCount } story(slug: \"'"$STORY"'\") { facts { version claims { id } verdicts { id } } } }"}' | json 'v=>JSON.stringify(v.data)'; }

echo "== creating reviewers with the CLI"
REVIEWER=$(npm run --silent reviewer -- add "Try Reviewer" --role REVIEWER 2>/dev/null | tail -n 1)
VIEWER=$(npm run --silent reviewer -- add "Try Viewer" --role VIEWER 2>/dev/null | tail -n 1)
ADMIN=$(npm run --silent reviewer -- add "Try Admin" --role ADMIN 2>/dev/null | tail -n 1)
check "$(gql "$REVIEWER" '{"query":"{ me { role } }"}' | json 'v=>v.data.me.role')" "REVIEWER" "the reviewer token works"

echo "== the killed fact"
FACT=$(gql "" '{"query":"{ conflicts(storySlug: \"'"$STORY"'\") { id key version readings { label claims { id value } } } }"}' \
  | json 'v=>{const f=v.data.conflicts.find(f=>f.key==="bombing.killed");const c=f.readings.flatMap(r=>r.claims);return [f.id,f.version,c.find(x=>x.value===24).id,c.find(x=>x.value===19).id].join(" ")}')
read -r FACT_ID VERSION CLAIM24 CLAIM19 <<<"$FACT"
echo "fact $FACT_ID at version $VERSION; 24 is claim $CLAIM24, 19 is claim $CLAIM19"

echo "== recording a verdict trusting 24"
BODY='{"query":"mutation($i: RecordVerdictInput!) { recordVerdict(input: $i) { id } }","variables":{"i":{"factId":"'$FACT_ID'","trustedClaimId":"'$CLAIM24'","rationale":"Later Reuters version","expectedVersion":'$VERSION'}}}'
check "$(gql "$REVIEWER" "$BODY" | json 'v=>v.errors?v.errors[0].extensions.code:"recorded"')" "recorded" "verdict recorded"
AFTER=$(gql "" '{"query":"{ fact(id: \"'$FACT_ID'\") { claims { id rank } claimReview } outlets { slug trust { upheld overruled } } }"}')
check "$(echo "$AFTER" | json "v=>v.data.fact.claims.find(c=>c.id==='$CLAIM24').rank")" "PREFERRED" "24 is PREFERRED"
check "$(echo "$AFTER" | json "v=>v.data.fact.claims.find(c=>c.id==='$CLAIM19').rank")" "DEPRECATED" "19 is DEPRECATED"
check "$(echo "$AFTER" | json 'v=>v.data.fact.claimReview.reviewRating.ratingExplanation')" "Later Reuters version" "claimReview carries the rationale"
check "$(echo "$AFTER" | json 'v=>v.data.outlets.find(o=>o.slug==="reuters").trust.upheld>0')" "true" "Reuters' track record changed"

BEFORE_ROWS=$(rows)
echo "== a stale version"
check "$(gql "$REVIEWER" "$BODY" | json 'v=>v.errors[0].extensions.code')" "CONFLICT" "stale expectedVersion is CONFLICT"

echo "== 20 racing calls on the current version"
CURRENT=$((VERSION + 1))
RACE='{"query":"mutation($i: RecordVerdictInput!) { recordVerdict(input: $i) { id } }","variables":{"i":{"factId":"'$FACT_ID'","trustedClaimId":"'$CLAIM19'","rationale":"race","expectedVersion":'$CURRENT'}}}'
for i in $(seq 1 20); do gql "$REVIEWER" "$RACE" > "/tmp/crosscheck-race-$i.json" & done; wait
WINS=$(cat /tmp/crosscheck-race-*.json | grep -c '"recordVerdict":{"id"' || true)
rm -f /tmp/crosscheck-race-*.json
check "$WINS" "1" "exactly one of 20 racing calls succeeds"
BEFORE_ROWS=$(rows)

echo "== failures that must change nothing"
ARTICLE=$(gql "" '{"query":"{ story(slug: \"'"$STORY"'\") { articles { id body } } }"}' | json 'v=>v.data.story.articles[0].id+" "+v.data.story.articles[0].body.length')
read -r ARTICLE_ID LEN <<<"$ARTICLE"
ADD='{"query":"mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }","variables":{"i":{"articleId":"'$ARTICLE_ID'","factId":"'$FACT_ID'","start":'$LEN',"end":'$((LEN + 5))',"value":3,"hedge":"EXACT"}}}'
check "$(gql "$REVIEWER" "$ADD" | json 'v=>v.errors[0].extensions.code')" "BAD_USER_INPUT" "addClaim with offsets past the body"
check "$(gql "" "$BODY" | json 'v=>v.errors[0].extensions.code')" "UNAUTHENTICATED" "no token"
check "$(gql "$VIEWER" "$BODY" | json 'v=>v.errors[0].extensions.code')" "FORBIDDEN" "a VIEWER writes"
check "$(rows)" "$BEFORE_ROWS" "no failure changed a row"
echo "All checks passed."
