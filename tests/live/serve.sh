# proctop --serve against hostile clients (serve_client.py: paths, 431,
# slowloris), hostile process names in labels, and promtool / the
# OpenMetrics parser on what it serves and on -b --format.
. "$(dirname "$0")/lib.sh"

command -v promtool >/dev/null || skip "promtool not installed (./dev installs prometheus)"
HERE=$(dirname "$0")

# free_port: a TCP port nothing listens on now (the kernel's choice).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A child whose comm holds a quote, a backslash, a newline and invalid
# UTF-8; spawn's "comm" child adds an escape sequence.
python3 -c '
import ctypes, sys, time
ctypes.CDLL(None).prctl(15, b"q\"b\\s\nn\xff\xfe", 0, 0, 0)
print("ready", flush=True)
time.sleep(600)' >"$TMP/hostile.out" &
HOSTILE=$!
on_exit "kill $HOSTILE 2>/dev/null"
start_children comm
for _ in $(seq 50); do grep -q ready "$TMP/hostile.out" && break; sleep 0.1; done

# ---- -b --format ----------------------------------------------------------
"$PROCTOP" -b -n 1 --format prometheus >"$TMP/batch.prom" 2>"$TMP/err"
check "-b --format prometheus exits 0" [ $? -eq 0 ]
check "promtool check metrics passes on -b --format prometheus" \
	promtool check metrics <"$TMP/batch.prom"
"$PROCTOP" -b -n 1 --format openmetrics >"$TMP/batch.om" 2>"$TMP/err"
check "-b --format openmetrics exits 0" [ $? -eq 0 ]
check "the OpenMetrics text ends in # EOF" [ "$(tail -n 1 "$TMP/batch.om")" = "# EOF" ]
check "hostile comm escaped: quote, backslash, newline, U+FFFD" \
	grep -qF 'group="q\"b\\s\nn��"}' "$TMP/batch.prom"
check "spawn's comm with ESC: U+FFFD, no raw control byte" \
	grep -qF 'group="a) Z 1 (b�[1m"}' "$TMP/batch.prom"
check "no raw control bytes in the exposition" \
	bash -c "! LC_ALL=C grep -q '[[:cntrl:]]' <(tr -d '\n' <'$TMP/batch.prom')"

# the OpenMetrics parser of python3-prometheus-client, when installed
# (Debian's package is for Debian's python3, which may not be first in PATH)
OMPY=
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then
		OMPY=$py
		break
	fi
done
om_parse() {
	"$OMPY" - "$1" <<-'EOF'
	import sys
	from prometheus_client.openmetrics.parser import text_string_to_metric_families
	n = sum(1 for _ in text_string_to_metric_families(open(sys.argv[1]).read()))
	print("%d families" % n)
	sys.exit(0 if n > 20 else 1)
	EOF
}
if [ -n "$OMPY" ]; then
	check "the OpenMetrics parser accepts -b --format openmetrics" \
		om_parse "$TMP/batch.om"
else
	echo "note: python3-prometheus-client missing: OpenMetrics parser checks skipped"
fi
check "usage: --top needs --serve or a metrics format" \
	bash -c "'$PROCTOP' --top 3:res; [ \$? -eq 2 ]"
check "usage: --format openmetrics with -o" \
	bash -c "'$PROCTOP' -b --format openmetrics -o pid; [ \$? -eq 2 ]"
check "usage: bad --serve address" \
	bash -c "'$PROCTOP' --serve 1.2.3.4:99999; [ \$? -eq 2 ]"

# ---- --serve ----------------------------------------------------------------
PORT=
for _ in 1 2 3; do
	PORT=$(free_port)
	"$PROCTOP" --serve "127.0.0.1:$PORT" --serve-max-age 0.5 \
		>"$TMP/serve.out" 2>"$TMP/serve.err" &
	SERVE=$!
	for _ in $(seq 100); do
		grep -q serving "$TMP/serve.err" && break
		kill -0 $SERVE 2>/dev/null || break
		sleep 0.05
	done
	grep -q serving "$TMP/serve.err" && break
	wait $SERVE 2>/dev/null
	SERVE=
done
[ -n "$SERVE" ] || { fail "proctop --serve did not start: $(cat "$TMP/serve.err")"; finish; }
on_exit "kill $SERVE 2>/dev/null"
check "--serve has dropped to strict capabilities (CapEff has no CAP_KILL)" \
	python3 -c "
import sys
eff = int([l.split()[1] for l in open('/proc/$SERVE/status') if l.startswith('CapEff')][0], 16)
sys.exit(1 if eff & (1 << 5) or eff & (1 << 23) else 0)"

python3 "$HERE/serve_client.py" "$PORT" "$TMP" >"$TMP/client.out" 2>&1
rc=$?
cat "$TMP/client.out"
PASSES=$((PASSES + $(grep -c '^ok: ' "$TMP/client.out")))
FAILS=$((FAILS + $(grep -c '^FAIL: ' "$TMP/client.out")))
check "serve_client.py ran to the end" [ $rc -le 1 ]
check "promtool check metrics passes on the served Prometheus text" \
	promtool check metrics <"$TMP/scrape.prom"
if [ -n "$OMPY" ]; then
	check "the OpenMetrics parser accepts the served OpenMetrics text" \
		om_parse "$TMP/scrape.om"
fi
check "proctop --serve still runs" kill -0 "$SERVE"
kill -TERM "$SERVE"
wait "$SERVE"
check "SIGTERM ends --serve with status 0" [ $? -eq 0 ]
finish
