# The placeholders of reject-table.txt and sequences.txt: @TAB@ @CR@ @SP@
# and @Xn@ (n letters x). Read into the awk programs of
# reject_differential.sh and tests/fuzz/gen-seeds.sh.
function decode(s,    out, n, i) {
	gsub(/@TAB@/, "\t", s)
	gsub(/@CR@/, "\r", s)
	gsub(/@SP@/, " ", s)
	out = ""
	while (match(s, /@X[0-9]+@/)) {
		n = substr(s, RSTART + 2, RLENGTH - 3) + 0
		out = out substr(s, 1, RSTART - 1)
		for (i = 0; i < n; i++) out = out "x"
		s = substr(s, RSTART + RLENGTH)
	}
	return out s
}
