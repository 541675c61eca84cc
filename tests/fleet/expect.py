#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# expect.py FLEET_JSON HOST RESULT [OPTION | WHERE:TEXT=RESULTS]... - one
# host of an `auditdline fleet` report (fleet.json) is as a test expects.
#   RESULT            the host's result (pass, fail, error, unreachable...)
#   WHERE:TEXT=R|R    every requirement of WHERE (disk, kernel, links,
#                     uid_min, b32) whose text has TEXT ('*': all of them)
#                     has one of the results R; at least one must match
#   --auditd V        the host's auditd (true, false, null)
#   --message REGEX   the host's message matches REGEX
#   --drift N         N requirements differ between disk and kernel
#   --none            the host has no requirement (no ARF)
# Prints one line per check; exits 1 when any fails.
import json
import re
import sys

fleet, host, result, *checks = sys.argv[1:]
hosts = [h for h in json.load(open(fleet, encoding="utf-8"))["hosts"]
         if h["host"] == host]
failed = 0


def say(ok, what):
    global failed
    print("%s: %s: %s" % ("PASS" if ok else "FAIL", host, what))
    failed += not ok


if len(hosts) != 1:
    say(False, "%d rows in %s, expected 1" % (len(hosts), fleet))
    sys.exit(1)
h = hosts[0]
reqs = h.get("requirements") or []
say(h["result"] == result, "result %s (expected %s)" % (h["result"], result))
i = 0
while i < len(checks):
    c = checks[i]
    if c in ("--auditd", "--message", "--drift"):
        v = checks[i + 1]
        i += 2
        if c == "--auditd":
            got = json.dumps(h.get("auditd"))
            say(got == v, "auditd %s (expected %s)" % (got, v))
        elif c == "--message":
            got = h.get("message") or ""
            say(re.search(v, got) is not None,
                "message %r matches %r" % (got, v))
        else:
            got = len(h.get("drift") or [])
            say(got == int(v), "%d requirements drift (expected %s)" % (got, v))
        continue
    i += 1
    if c == "--none":
        say(not reqs, "%d requirements (expected none)" % len(reqs))
        continue
    m = re.fullmatch(r"([a-z0-9_]+):(.*)=([a-z/|]+)", c)
    if not m:
        say(False, "bad check %r" % c)
        continue
    where, text, want = m.group(1), m.group(2), m.group(3).split("|")
    sel = [r for r in reqs if r["where"] == where
           and (text == "*" or text in r["requirement"])]
    bad = ["%s: %s" % (r["requirement"], r["result"]) for r in sel
           if r["result"] not in want]
    say(sel and not bad, "%s %s: %d requirements, %s" %
        (where, text, len(sel), "; ".join(bad) or "all " + "|".join(want)))
sys.exit(1 if failed else 0)
