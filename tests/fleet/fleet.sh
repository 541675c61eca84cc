#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# fleet_report_*, fleet_summary_*: `auditdline summary` and `auditdline
# fleet` on real ARFs of the build's oscap (make-arfs.sh: a passing host, a
# host without the kmod rule, one without UID_MIN, one scanned online with
# the kernel as it is), with the project's stylesheets through libxslt.
#
# fleet.sh SCENARIO: one of the SCENARIOS below (CMakeLists.txt makes a test
# of each). "arfs" makes the ARFs into $ARFS for the others (a ctest
# fixture). Environment: AUDITDLINE (the command), XSLT (the checkout's
# xslt/), ARFS, OSCAP and DS (for arfs), SHOTS (where the browser test keeps
# its screenshot).
# shellcheck disable=SC2317 # the scenario_* functions run as "scenario_$1"
SCENARIOS="arfs summary_xsltproc summary_kmod_exists report_hosts report_bad_input report_browser"
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scan/lib.sh
. "$here/../scan/lib.sh"
# shellcheck source=page.sh
. "$here/page.sh"

scenario=${1:?usage: fleet.sh SCENARIO}
case " $SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
sc_need AUDITDLINE XSLT
[ -n "${ARFS:-}" ] || sc_die "ARFS is not set"
HOSTS="pass nokmod nouidmin kernel"

need_arfs()
{
	for h in $HOSTS; do
		[ -s "$ARFS/$h.xml" ] || sc_die "$ARFS/$h.xml is missing (the fleet_report_arfs test makes it)"
	done
}

# fleet_ok WHAT WANT-EXIT ARGS...: auditdline fleet ARGS exits WANT-EXIT;
# its stderr in $SC/stderr.
fleet_ok()
{
	fo_what=$1
	fo_want=$2
	shift 2
	"$AUDITDLINE" fleet "$@" 2>"$SC/stderr"
	fo_rc=$?
	if [ "$fo_rc" = "$fo_want" ]; then
		sc_pass "$fo_what: exit $fo_rc"
	else
		sc_fail "$fo_what: exit $fo_rc, expected $fo_want"
		sed 's/^/    | /' "$SC/stderr" >&2
	fi
}

# json_is WHAT PYTHON-EXPRESSION [SUFFIX]: true of fleet.json ($SC/out;
# fleet.json.SUFFIX with SUFFIX), as `d`.
json_is()
{
	if python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$SC/out/fleet.json${3:-}" "$2"; then
		sc_pass "$1"
	else
		sc_fail "$1: not so in fleet.json: $2"
	fi
}

scenario_arfs()
{
	rm -rf "$ARFS"
	sh "$here/make-arfs.sh" "$ARFS" || sc_die "make-arfs.sh failed"
	need_arfs
	for h in $HOSTS; do
		sc_pass "$h.xml made by oscap"
	done
}

# The summary is what xsltproc makes of the same ARF with the same
# stylesheet, from a plain or a bzip2 ARF, to -o FILE or stdout.
scenario_summary_xsltproc()
{
	need_arfs
	for h in $HOSTS; do
		xsltproc -o "$SC/want.html" "$XSLT/arf-summary.xsl" \
			"$ARFS/$h.xml" || sc_die "xsltproc"
		xsltproc -o "$SC/want.txt" "$XSLT/arf-requirements.xsl" \
			"$ARFS/$h.xml" || sc_die "xsltproc"
		bzip2 -c "$ARFS/$h.xml" >"$SC/$h.xml.bz2" || sc_die "bzip2"
		"$AUDITDLINE" summary -o "$SC/got.html" "$ARFS/$h.xml"
		sc_same "$h: summary = xsltproc arf-summary.xsl" \
			"$SC/want.html" "$SC/got.html"
		"$AUDITDLINE" summary "$SC/$h.xml.bz2" >"$SC/got-bz2.html"
		sc_same "$h: summary of the .bz2 = xsltproc arf-summary.xsl" \
			"$SC/want.html" "$SC/got-bz2.html"
		"$AUDITDLINE" summary --text "$SC/$h.xml.bz2" >"$SC/got.txt"
		sc_same "$h: summary --text = xsltproc arf-requirements.xsl" \
			"$SC/want.txt" "$SC/got.txt"
	done

	# The stylesheets: the checkout's for the build tree's binary,
	# AUDITDLINE_XSLT_DIR when set, and a clear word when missing.
	mkdir "$SC/xslt"
	AUDITDLINE_XSLT_DIR=$SC/xslt "$AUDITDLINE" summary "$ARFS/pass.xml" \
		>/dev/null 2>"$SC/err"
	sc_check "no stylesheet: exit 2" [ $? = 2 ]
	sc_says "no stylesheet: says which file is missing" \
		"$SC/xslt/arf-summary.xsl: missing" "$SC/err"
	"$AUDITDLINE" summary "$SC/nothere.xml" >/dev/null 2>"$SC/err"
	sc_check "no ARF: exit 2" [ $? = 2 ]
	sc_says "no ARF: says so" "nothere.xml: cannot open: No such file" \
		"$SC/err"
	head -c 3000 "$SC/pass.xml.bz2" >"$SC/cut.xml.bz2"
	"$AUDITDLINE" summary "$SC/cut.xml.bz2" >/dev/null 2>"$SC/err"
	sc_check "a cut .bz2: exit 2" [ $? = 2 ]
	sc_says "a cut .bz2: says so" "cut.xml.bz2: bad bzip2 data" "$SC/err"
}

# A pass says what was found: /bin/kmod exists, not "close, but not
# meeting every part" (issue 12).
scenario_summary_kmod_exists()
{
	need_arfs
	"$AUDITDLINE" summary -o "$SC/s.html" "$ARFS/pass.xml" ||
		sc_die "summary failed"
	# one table row a line: the pass row of the kmod requirement
	tr -d '\n' <"$SC/s.html" | sed 's|</tr>|</tr>\n|g' >"$SC/rows"
	grep 'the file the tools lead to, exists' "$SC/rows" >"$SC/row"
	sc_says "the kmod row passes" 'result pass' "$SC/row"
	sc_says "and says what was found" '<code>/bin/kmod</code> exists' \
		"$SC/row"
	if grep 'result pass' "$SC/rows" | grep -q 'close, but'; then
		sc_fail "a passing row says 'close, but not meeting every part'"
		grep 'result pass' "$SC/rows" | grep 'close, but' >&2
	else
		sc_pass "no passing row says 'close, but not meeting every part'"
	fi
}

# The playbook's layout (RESULTS/HOST/arf.xml and host.json) and loose
# ARFs, one of them bzip2: each host with its result, requirement by
# requirement, in fleet.json and in the grid, with a page each.
scenario_report_hosts()
{
	need_arfs
	r=$SC/results
	mkdir -p "$r/web1" "$r/web2" "$r/db1" "$r/db2" "$r/satellite"
	cp "$ARFS/pass.xml" "$r/web1/arf.xml"
	printf '{"host": "web1", "status": "scanned", "message": "", "oscap_exit": 0, "auditd": true}\n' \
		>"$r/web1/host.json"
	cp "$ARFS/nokmod.xml" "$r/web2/arf.xml"
	printf '{"host": "web2", "status": "scanned", "message": "", "oscap_exit": 2, "auditd": false}\n' \
		>"$r/web2/host.json"
	printf '{"host": "db1", "status": "unreachable", "message": "Failed to connect to the host via ssh: timed out", "oscap_exit": null, "auditd": null}\n' \
		>"$r/db1/host.json"
	printf '{"host": "db2", "status": "error", "message": "oscap exited 1: scan failed", "oscap_exit": 1, "auditd": true}\n' \
		>"$r/db2/host.json"
	cp "$ARFS/nouidmin.xml" "$r/satellite/noudimin-host.xml"
	bzip2 -c "$ARFS/kernel.xml" >"$r/satellite/online.xml.bz2"
	portable=0
	if [ -s "$ARFS/portable-kernel.xml" ]; then
		portable=1
		mkdir "$r/stock"
		cp "$ARFS/portable-kernel.xml" "$r/stock/arf.xml"
		printf '{"host": "stock", "status": "scanned", "message": "", "oscap_exit": 2, "auditd": true}\n' \
			>"$r/stock/host.json"
	fi
	fleet_ok "the fleet" 0 -o "$SC/out" "$r"
	kernel_host=$(sed -n 's|.*<target>\([^<]*\)</target>.*|\1|p' \
		"$ARFS/kernel.xml" | head -n 1)

	if [ "$portable" = 1 ]; then
		json_is "the portable data stream's online host: drift lists its SCE kernel lines that differ from the disk requirements they match" \
			'[h for h in d["hosts"] if h["host"] == "stock"][0]["drift"] == [{"requirement": r["requirement"], "disk": r["result"], "kernel": k["result"]} for h in d["hosts"] if h["host"] == "stock" for r in h["requirements"] if r["where"] == "disk" for k in h["requirements"] if k["where"] == "kernel" and k["result"] not in (r["result"], "n/a") and (k["requirement"] == r["requirement"].replace(" calls are recorded (64-bit, ", " (") or r["requirement"].startswith(k["requirement"] + " are recorded"))] and len([h for h in d["hosts"] if h["host"] == "stock"][0]["requirements"]) == 21'
		json_is "and its result follows the kernel's" \
			'[h["result"] for h in d["hosts"] if h["host"] == "stock"] == ["pass" if all(r["result"] in ("pass", "n/a") for h in d["hosts"] if h["host"] == "stock" for r in h["requirements"]) else "fail"]'
		# the rest as without it
		python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["counts"][[h for h in d["hosts"] if h["host"] == "stock"][0]["result"]] -= 1
d["counts"] = {k: v for k, v in d["counts"].items() if v}
d["hosts"] = [h for h in d["hosts"] if h["host"] != "stock"]
json.dump(d, open(sys.argv[1] + ".6", "w"))' "$SC/out/fleet.json"
	else
		cp "$SC/out/fleet.json" "$SC/out/fleet.json.6"
		echo "no portable ARF (no PORTABLE_DS or no online scan): not checked"
	fi
	json_is "six hosts" 'len(d["hosts"]) == 6 and d["rejected"] == []' .6
	json_is "failing first, then by name: web2 (fail), the online host (fail: the kernel), errors, unreachable, web1 (pass)" \
		"[(h['host'], h['result']) for h in d['hosts']] == sorted([('web2', 'fail'), ('$kernel_host', 'fail')]) + [('db2', 'error'), ('noudimin-host', 'error'), ('db1', 'unreachable'), ('web1', 'pass')]" .6
	json_is "web1 passes every disk, links and UID_MIN requirement; kernel and b32 n/a (offline)" \
		'all(r["result"] == ("n/a" if r["where"] in ("kernel", "b32") else "pass") for h in d["hosts"] if h["host"] == "web1" for r in h["requirements"]) and len([h for h in d["hosts"] if h["host"] == "web1"][0]["requirements"]) == 21'
	json_is "web2 fails only the disk kmod requirement" \
		'[(r["where"], r["requirement"].split()[2]) for h in d["hosts"] if h["host"] == "web2" for r in h["requirements"] if r["result"] not in ("pass", "n/a")] == [("disk", "/usr/bin/kmod")]'
	json_is "web2: auditd false; web1: true; a loose ARF: null" \
		'{h["host"]: h["auditd"] for h in d["hosts"]}["web2"] is False and {h["host"]: h["auditd"] for h in d["hosts"]}["web1"] is True and {h["host"]: h["auditd"] for h in d["hosts"]}["noudimin-host"] is None'
	json_is "the host without UID_MIN: UID_MIN and every disk requirement error, and the message says why" \
		'[(r["where"], r["result"]) for h in d["hosts"] if h["host"] == "noudimin-host" for r in h["requirements"] if r["where"] in ("uid_min", "disk")] == [("uid_min", "error")] + [("disk", "error")] * 6 and "no UID_MIN line" in [h for h in d["hosts"] if h["host"] == "noudimin-host"][0]["message"]'
	json_is "db1 unreachable and db2 error, with host.json's message, no requirements, no page" \
		'[(h["result"], h["message"], h["requirements"], h["page"]) for h in d["hosts"] if h["host"] in ("db1", "db2")] == [("error", "oscap exited 1: scan failed", [], None), ("unreachable", "Failed to connect to the host via ssh: timed out", [], None)]'
	json_is "the online host's disk requirements pass; drift lists exactly the kernel requirements that differ" \
		'[h for h in d["hosts"] if h["host"] == "'"$kernel_host"'"][0]["drift"] == [{"requirement": r["requirement"], "disk": "pass", "kernel": k["result"]} for h in d["hosts"] if h["host"] == "'"$kernel_host"'" for r in h["requirements"] if r["where"] == "disk" and r["result"] == "pass" for k in h["requirements"] if k["where"] == "kernel" and k["requirement"] == r["requirement"] and k["result"] != "pass"] and all(r["result"] == "pass" for h in d["hosts"] if h["host"] == "'"$kernel_host"'" for r in h["requirements"] if r["where"] == "disk")'
	json_is "the sources: the ARF and host.json" \
		'[h["source"] for h in d["hosts"] if h["host"] == "web1"] == [["'"$r"'/web1/arf.xml", "'"$r"'/web1/host.json"]]'
	json_is "counts" 'd["counts"] == {"fail": 2, "error": 2, "unreachable": 1, "pass": 1}' .6
	json_is "scanned: the ARF's end-time" \
		'all(h["scanned"] and h["scanned"][:2] == "20" for h in d["hosts"] if h["result"] not in ("unreachable",) and h["host"] != "db2")'
	if python3 "$here/grid.py" "$SC/out/fleet.json" "$SC/out/index.html" \
		>"$SC/grid" 2>&1; then
		sc_pass "the grid = fleet.json: $(cat "$SC/grid")"
	else
		sc_fail "the grid is not fleet.json"
		cat "$SC/grid" >&2
	fi
	if grep -Eq '(src|href)="(https?:|//)' "$SC/out/index.html"; then
		sc_fail "the page loads something from elsewhere"
	else
		sc_pass "the page needs nothing from elsewhere (file:// is enough)"
	fi
	sc_says "the page notes web2's missing auditd" \
		'auditd is not installed' "$SC/out/index.html"
	"$AUDITDLINE" summary "$r/web1/arf.xml" >"$SC/web1.html"
	sc_same "hosts/web1.html is web1's summary" "$SC/web1.html" \
		"$SC/out/hosts/web1.html"
	"$AUDITDLINE" summary "$r/satellite/online.xml.bz2" >"$SC/online.html"
	sc_same "the online host's page is its summary" "$SC/online.html" \
		"$SC/out/hosts/$kernel_host.html"
	sc_says "the page links it" "href=\"hosts/web1.html\"" \
		"$SC/out/index.html"
}

# mk_arf NAME TARGET END-TIME: the passing ARF as TARGET's, scanned then.
mk_arf()
{
	sed -e "s|<target>[^<]*</target>|<target>$2</target>|" \
		-e "s|end-time=\"[^\"]*\"|end-time=\"$3\"|" \
		"$ARFS/pass.xml" >"$SC/in/$1" || sc_die "sed"
}

# Each bad input: a message on stderr naming the file and what is wrong,
# the same in fleet.json's rejected and on the page; the good ones stay.
scenario_report_bad_input()
{
	need_arfs
	mkdir -p "$SC/in/sub"
	mk_arf good.xml good.example 2026-01-02T03:04:05+00:00
	# 09:00 UTC and 10:30 UTC: as text, the older looks newer
	mk_arf twin-old.xml twin.example 2026-01-01T12:00:00+03:00
	mk_arf sub/twin-new.xml twin.example 2026-01-01T11:30:00+01:00
	head -c 150000 "$ARFS/nokmod.xml" >"$SC/in/truncated.xml"
	printf '<?xml version="1.0"?>\n<html><body>not an ARF</body></html>\n' \
		>"$SC/in/notarf.xml"
	sed 's|xccdf_io.github.auditdline_rule_audit_rules_kernel_modules|xccdf_org.ssgproject.content_rule_audit_rules_kernel_module_loading|g' \
		"$ARFS/nouidmin.xml" >"$SC/in/other.xml"
	bzip2 -c "$ARFS/nokmod.xml" | head -c 20000 >"$SC/in/cut.xml.bz2"
	printf 'BZh9 not really' >"$SC/in/fake.bz2"
	ln -s "$SC/nowhere.xml" "$SC/in/dangling.xml"
	mkdir "$SC/in/badjson"
	printf '{"host": "bj", "status": ' >"$SC/in/badjson/host.json"
	fleet_ok "some inputs rejected, the report written" 1 -o "$SC/out" \
		"$SC/in" "$SC/missing.xml.bz2"

	for case in \
		"truncated.xml:not well-formed XML: line" \
		"notarf.xml:not an ARF: the document element is <html>" \
		"other.xml:an ARF of other content: its result is for rule xccdf_org.ssgproject.content_rule_audit_rules_kernel_module_loading" \
		"twin-old.xml:a second report of host twin.example: $SC/in/sub/twin-new.xml (scanned 2026-01-01T11:30:00+01:00) is kept, this one (scanned 2026-01-01T12:00:00+03:00) is older" \
		"cut.xml.bz2:bad bzip2 data" \
		"fake.bz2:bad bzip2 data" \
		"dangling.xml:cannot open: No such file or directory" \
		"missing.xml.bz2:cannot open: No such file or directory" \
		"badjson/host.json:not JSON of one object"; do
		file=${case%%:*}
		msg=${case#*:}
		case $file in
		missing.xml.bz2) path=$SC/$file ;;
		*) path=$SC/in/$file ;;
		esac
		if grep -qF "auditdline: $path: $msg" "$SC/stderr"; then
			sc_pass "$file: stderr says '$msg'"
		else
			sc_fail "$file: stderr does not say 'auditdline: $path: $msg'"
			sed 's/^/    | /' "$SC/stderr" >&2
		fi
		json_is "$file: in fleet.json's rejected" \
			'any(r["file"] == "'"$path"'" and "'"$(printf '%s' "$msg" | sed 's/"/\\"/g')"'" in r["message"] for r in d["rejected"])'
		if grep -F "<code>$path</code>: " "$SC/out/index.html" |
			grep -qF "$(printf '%s' "$msg" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')"; then
			sc_pass "$file: on the page"
		else
			sc_fail "$file: not on the page"
		fi
	done
	json_is "exactly those rejected" 'len(d["rejected"]) == 9'
	json_is "the good ARF, the newer twin and the host.json-less ... hosts stay" \
		'sorted(h["host"] for h in d["hosts"]) == ["good.example", "twin.example"] and [h["source"] for h in d["hosts"] if h["host"] == "twin.example"] == [["'"$SC/in/sub/twin-new.xml"'"]]'

	fleet_ok "only bad inputs: exit 2" 2 -o "$SC/out2" "$SC/in/notarf.xml" \
		"$SC/in/truncated.xml"
	fleet_ok "only good inputs: exit 0" 0 -o "$SC/out3" "$SC/in/good.xml"
	fleet_ok "an output folder that cannot be made: exit 2" 2 \
		-o "$SC/in/good.xml/x" "$SC/in/good.xml"
}

# 1 000 hosts in the real browser: the page loads, the script runs, the
# grid's cells are fleet.json's, failing hosts first; a screenshot.
scenario_report_browser()
{
	need_arfs
	mkdir "$SC/in"
	python3 - "$ARFS" "$SC/in" <<'EOF' || sc_die "cannot make the 1 000 ARFs"
import re, sys
src, out = sys.argv[1], sys.argv[2]
arfs = [open("%s/%s.xml" % (src, h), encoding="utf-8").read()
        for h in ("pass", "nokmod", "nouidmin", "kernel", "pass")]
for i in range(1000):
    text = re.sub(r"<target>[^<]*</target>",
                  "<target>host-%04d.example.org</target>" % i,
                  arfs[i % 5], count=1)
    open("%s/h%04d.xml" % (out, i), "w", encoding="utf-8").write(text)
EOF
	start=$(date +%s)
	fleet_ok "1 000 ARFs" 0 -o "$SC/out" "$SC/in"
	echo "auditdline fleet: $(($(date +%s) - start)) s for 1 000 ARFs"
	rm -rf "$SC/in"
	json_is "1 000 hosts" 'len(d["hosts"]) == 1000'
	page_grid_is "1 000 hosts" "$SC/out/index.html" "$SC/dom.html"
	# The filter: the page opened as index.html#q=TEXT filters on TEXT.
	page_grid_is "filtered on 'error'" "$SC/out/index.html#q=error" \
		"$SC/dom-error.html" --filter error
	mkdir -p "$SHOTS"
	sh "$here/browser.sh" screenshot "$SC/out/index.html" \
		"$SHOTS/fleet-1000.png"
	sc_check "a screenshot: $SHOTS/fleet-1000.png" [ -s "$SHOTS/fleet-1000.png" ]
}

sc_tmp
"scenario_$scenario"
sc_end
