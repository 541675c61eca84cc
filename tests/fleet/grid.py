#!/usr/bin/python3
# grid.py FLEET_JSON HTML [--dom [--filter TEXT]]: the grid of an
# `auditdline fleet` page (index.html, or the DOM chromium dumped after the
# page's script ran, with --dom) says what fleet.json says: the same hosts
# in the same order (failing first, then by name), each host's result,
# every requirement's cell, the counts; with --dom also that the filter
# script ran without error and shows every row, or with --filter (the page
# opened as index.html#q=TEXT) exactly the hosts whose name, result or
# message has TEXT. Prints what differs; exits 1 when anything does.
import json
import sys
from html.parser import HTMLParser

ORDER = ["fail", "error", "unknown", "unreachable", "notchecked",
         "notapplicable", "notselected", "informational", "pass", "fixed"]


class Grid(HTMLParser):
    def __init__(self):
        super().__init__()
        self.columns = []
        self.rows = []
        self.status = None
        self.shown = ""
        self.counts = {}
        self._in = None
        self._row = None
        self._label = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "th" and "req" in (a.get("class") or "").split():
            self.columns.append(a.get("title", ""))
        elif tag == "tr" and "data-result" in a:
            self._row = {"result": a["data-result"], "cells": [],
                         "host": "", "hidden": "hidden" in a}
            self.rows.append(self._row)
        elif tag == "td" and self._row is not None:
            if "host" in (a.get("class") or "").split():
                self._in = "host"
            elif "data-r" in a:
                self._row["cells"].append(a["data-r"])
        elif tag == "span" and a.get("id") == "script-status":
            self.status = a.get("data-state")
        elif tag == "span" and a.get("id") == "shown":
            self._in = "shown"
        elif tag == "input" and a.get("type") == "checkbox":
            self._label = a.get("value")
        elif tag == "b" and "data-count" in a and self._label:
            self.counts[self._label] = int(a["data-count"])

    def handle_endtag(self, tag):
        if tag in ("td", "span"):
            self._in = None
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._in == "host":
            self._row["host"] += data
        elif self._in == "shown":
            self.shown += data


def main():
    fleet = json.load(open(sys.argv[1], encoding="utf-8"))
    grid = Grid()
    grid.feed(open(sys.argv[2], encoding="utf-8").read())
    dom = "--dom" in sys.argv[3:]
    bad = []
    hosts = fleet["hosts"]
    if len(grid.rows) != len(hosts):
        bad.append("%d rows in the grid, %d hosts in fleet.json"
                   % (len(grid.rows), len(hosts)))
    cells = 0
    for i, (row, host) in enumerate(zip(grid.rows, hosts)):
        if row["host"] != host["host"] or row["result"] != host["result"]:
            bad.append("row %d: %s %s, fleet.json: %s %s" % (
                i + 1, row["host"], row["result"], host["host"],
                host["result"]))
            continue
        want = {"%s: %s" % (r["where"], r["requirement"]): r["result"]
                for r in host["requirements"]}
        for col, got in zip(grid.columns, row["cells"]):
            cells += 1
            if got != want.get(col, ""):
                bad.append("%s, %s: the grid says %r, fleet.json %r" % (
                    host["host"], col, got, want.get(col, "")))
        missing = set(want) - set(grid.columns)
        if missing:
            bad.append("%s: no column for %s" % (host["host"], missing))
    rank = [(ORDER.index(h["result"]) if h["result"] in ORDER else 4,
             h["host"]) for h in hosts]
    if rank != sorted(rank):
        bad.append("the hosts are not failing first, then by name")
    if grid.counts != fleet["counts"]:
        bad.append("counts: the page says %s, fleet.json %s"
                   % (grid.counts, fleet["counts"]))
    if sum(fleet["counts"].values()) != len(hosts):
        bad.append("the counts do not add up to the hosts")
    if dom:
        if grid.status != "ready":
            bad.append("the page's script did not run to its end: "
                       "script-status is %r" % grid.status)
        text = ""
        if "--filter" in sys.argv:
            text = sys.argv[sys.argv.index("--filter") + 1].lower()
        shown = [not text or text in " ".join(
            [h["host"], h["result"], h["message"] or ""]).lower()
            for h in hosts]
        want = "%d of %d hosts shown" % (sum(shown), len(hosts))
        if grid.shown.strip() != want:
            bad.append("the filter shows %r, expected %r"
                       % (grid.shown, want))
        for row, show in zip(grid.rows, shown):
            if row["hidden"] == show:
                bad.append("%s is %s, filter %r" % (
                    row["host"], "hidden" if show else "shown", text))
    for b in bad[:40]:
        print("FAIL: " + b)
    if bad:
        print("%d difference(s)" % len(bad))
        return 1
    print("ok: %d hosts, %d columns, %d cells as in fleet.json%s" % (
        len(hosts), len(grid.columns), cells,
        ", the filter script ran: " + grid.shown.strip() if dom else ""))
    return 0


sys.exit(main())
