#!/usr/bin/env bash
# Runs every benchmark of kv-benchmarks once and writes docs/benchmarks.md: the machine and its load, each
# figure against its peer (A B A B rounds, median ratio and range), the time and load of each step, and JFR
# profiles of the two slowest paths (the REST client under 16 callers, the 100,000-key bulk load).
#
#   kv-benchmarks/run-all.sh                  # build the jar, run everything (about 15 minutes on 2 cores)
#   kv-benchmarks/run-all.sh --assemble-only  # rewrite docs/benchmarks.md from the last run's output
#
# Environment: MAVEN_ARGS (for example -o) is passed to the build. Needs Java 17+, Node 20+ and npm (the
# Node peers are installed by `npm ci --ignore-scripts` from kv-benchmarks/js/package-lock.json).
# Everything listens on 127.0.0.1 only. The numbers in docs/benchmarks.md are what this script printed;
# kv-benchmarks/analysis.md, which it includes, is prose written after looking at them.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=kv-benchmarks/target/bench
DOC=docs/benchmarks.md
JAR=kv-benchmarks/target/benchmarks.jar

run_all() {
	rm -rf "$OUT"
	mkdir -p "$OUT"
	echo "== building $JAR"
	# shellcheck disable=SC2086
	./mvnw -B -q ${MAVEN_ARGS:-} -pl kv-benchmarks -am package -DskipTests
	node kv-benchmarks/js/ensure-installed.mjs
	date -u '+%Y-%m-%d %H:%M UTC' > "$OUT/started"
	git rev-parse --short HEAD > "$OUT/commit"
	if ! git diff --quiet HEAD -- . ':!docs/benchmarks.md'; then echo "(with uncommitted changes)" >> "$OUT/commit"; fi
	cut -d' ' -f1-3 /proc/loadavg > "$OUT/load-start"
	# The 1-minute load average every 5 s while the benchmarks run.
	(while true; do cut -d' ' -f1 /proc/loadavg; sleep 5; done) > "$OUT/load-samples" &
	SAMPLER=$!
	trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT
	local start
	start=$(date +%s)

	step "REST client vs bare JDK / Jetty HttpClient (rows 1-3)" rest RestVsBareHttp --seconds 1.5 --rounds 5
	step "REST client alone under JFR, 16 callers" rest-jfr -XX:StartFlightRecording=filename=$OUT/rest.jfr,settings=profile \
		ProfiledRestClient --seconds 8 --callers 16
	step "vs the cloudflare SDK; emulator vs Miniflare (rows 4-5)" node NodePeers --seconds 1.5 --rounds 5
	step "bulk load vs wrangler and the SDK (rows 6-7)" bulk BulkLoad --keys 100000 --rounds 3 --latency-ms 50
	step "bulk load under JFR" bulk-jfr ProfiledBulkPut --keys 100000 --jfr $OUT/bulk.jfr
	step "25 MiB stream at -Xmx8m (row 8)" stream StreamHeap --mib 25 --xmx 8m
	step "KVCache vs Caffeine, JMH (row 9)" cache CacheRatio --rounds 3
	step "starter start-up (row 10)" startup StarterStartup --rounds 9
	step "SQLite store under 16 writers (row 11)" sqlite SqliteWriters --seconds 2 --rounds 5 --writers 16

	bench JfrTop "$OUT/rest.jfr" --top 14 --threads bench-caller > "$OUT/rest-jfr-callers.md"
	bench JfrTop "$OUT/rest.jfr" --top 14 > "$OUT/rest-jfr-all.md"
	bench JfrTop "$OUT/bulk.jfr" --top 14 > "$OUT/bulk-jfr-all.md"
	echo $(( $(date +%s) - start )) > "$OUT/seconds"
	cut -d' ' -f1-3 /proc/loadavg > "$OUT/load-end"
	kill "$SAMPLER" 2>/dev/null || true
}

bench() {
	java -Djava.net.preferIPv4Stack=true -Dkv.bench.out="$OUT" -Dkv.bench.js=kv-benchmarks/js \
		-cp "$JAR" "io.github.workerskv.kv.benchmarks.$1" "${@:2}"
}

# step TITLE LOG [JVM-OPTION...] CLASS [ARG...]: runs one driver, records its time and the load around it.
step() {
	local title=$1 log=$2 before t0
	shift 2
	local jvm=()
	while [[ $1 == -* ]]; do jvm+=("$1"); shift; done
	before=$(cut -d' ' -f1 /proc/loadavg)
	t0=$(date +%s)
	echo "== $title"
	if ! java "${jvm[@]}" -Djava.net.preferIPv4Stack=true -Dkv.bench.out="$OUT" -Dkv.bench.js=kv-benchmarks/js \
		-cp "$JAR" "io.github.workerskv.kv.benchmarks.$1" "${@:2}" > "$OUT/$log.log" 2>&1; then
		tail -40 "$OUT/$log.log"
		echo "run-all.sh: '$title' failed; its output is in $OUT/$log.log" >&2
		exit 1
	fi
	echo "| $title | \`$1 ${*:2}\` | $(( $(date +%s) - t0 )) s | $before → $(cut -d' ' -f1 /proc/loadavg) |" >> "$OUT/steps.md"
}

load_summary() {
	sort -n "$OUT/load-samples" | awk '{ v[NR] = $1 } END { if (NR) printf "min %s, median %s, max %s (%d samples, every 5 s)", v[1], v[int((NR + 1) / 2)], v[NR], NR }'
}

assemble() {
	[[ -f $OUT/summary.md ]] || { echo "run-all.sh: no results in $OUT; run without --assemble-only first" >&2; exit 1; }
	{
		echo "# Benchmarks"
		echo
		echo "Written by \`kv-benchmarks/run-all.sh\` on $(cat "$OUT/started") at commit $(tr '\n' ' ' < "$OUT/commit")in $(( $(cat "$OUT/seconds") / 60 )) min $(( $(cat "$OUT/seconds") % 60 )) s; every number below is what that run printed."
		echo "Each figure is measured against its peer in the same run, in rounds that alternate A B A B (B A on odd rounds);"
		echo "the ratio is the median of the rounds' ratios, with the lowest and highest in brackets. Absolute figures on"
		echo "a shared machine say little; the ratio of neighbouring measurements cancels most of the load."
		echo
		echo "## Machine and load"
		echo
		echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores available to this run"
		echo "- memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); $(uname -sr)"
		echo "- $(java -version 2>&1 | head -1); Node $(node --version); peers pinned in kv-benchmarks/js/package-lock.json"
		echo "  (cloudflare $(node -p "require('./kv-benchmarks/js/node_modules/cloudflare/package.json').version"),"
		echo "  wrangler $(node -p "require('./kv-benchmarks/js/node_modules/wrangler/package.json').version"),"
		echo "  miniflare $(node -p "require('./kv-benchmarks/js/node_modules/miniflare/package.json').version"),"
		echo "  undici $(node -p "require('./kv-benchmarks/js/node_modules/undici/package.json').version"))"
		echo "- load average (1, 5, 15 min) at the start: $(cat "$OUT/load-start"); at the end: $(cat "$OUT/load-end")"
		echo "- 1-minute load during the run: $(load_summary). The machine is shared with other sessions."
		echo
		echo "## Figures"
		echo
		echo "| what | ours | peer | ratio (median, range) | target | |"
		echo "|---|---|---|---|---|---|"
		cat "$OUT/summary.md"
		echo
		echo "Calls that failed (a closed-loop driver counts a call that throws and goes on; more than 1 in 1,000 ends the run):"
		echo
		cat "$OUT/failures.md"
		echo
		if [[ -f kv-benchmarks/analysis.md ]]; then
			cat kv-benchmarks/analysis.md
			echo
		fi
		echo "## Profiles of the two slowest paths"
		echo
		echo "JFR (\`settings=profile\`, CPU samples \`jdk.ExecutionSample\`), summarised by \`JfrTop\`."
		echo
		echo "### The REST client, 16 callers, 1 KiB GET then PUT (\`ProfiledRestClient\`)"
		echo
		grep -h '^\(GET\|PUT\),' "$OUT/rest-jfr.log" | sed 's/^/- measured with JFR on: /'
		echo
		echo "All threads of the client's JVM (callers and the JDK HttpClient's own threads; the emulator runs in another JVM):"
		echo
		cat "$OUT/rest-jfr-all.md"
		echo
		echo "The calling threads only:"
		echo
		cat "$OUT/rest-jfr-callers.md"
		echo
		echo "### The bulk load, 100,000 keys × 100 B, whole process (\`ProfiledBulkPut\`)"
		echo
		grep -h '^bulk put' "$OUT/bulk-jfr.log" | sed 's/^/- /'
		echo
		cat "$OUT/bulk-jfr-all.md"
		echo
		echo "## Steps"
		echo
		echo "| step | command (\`java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.…\`) | wall time | 1-min load before → after |"
		echo "|---|---|---|---|"
		cat "$OUT/steps.md"
		echo
		echo "## Rounds"
		echo
		echo "Every round's measurement of A and B and its ratio:"
		echo
		cat "$OUT/details.md"
	} > "$DOC"
	echo "== wrote $DOC"
}

if [[ ${1:-} != --assemble-only ]]; then
	run_all
fi
assemble
