# bench/plot.gp - results/bench.png of `make bench`: median wall time
# against rule count, log-log, one line per contender.
# gnuplot -e "data='FILE'; out='PNG'" bench/plot.gp
# (FILE: bench/table.awk's plot data, tab-separated, a header line.)
set terminal pngcairo size 1200,760 font ",10"
set output out
set datafile separator "\t"
set datafile missing "?"
set logscale xy
set xlabel "audit rule lines in /etc/audit/rules.d (the kernel holds the same up to 10 000 when loaded)"
set ylabel "median wall time, s"
set title "CIS 6.2.3.19 on a host with N audit rules: time per scan or listing"
set key outside right top vertical Left reverse noenhanced
set grid xtics ytics mxtics mytics
set xtics ("2" 2, "10" 10, "100" 100, "1 000" 1000, "10 000" 10000, "100 000" 100000)
set format y "%g"
set pointsize 1.2
# bench/table.awk's column order: the CIS scripts dashed, the scans solid
# (ours thick), the listings dotted. A contender that read no rules (the
# kernel's, emptied for the largest host) has no point there.
set style line 1 lc rgb "#000000" dt 2 lw 2 pt 1
set style line 2 lc rgb "#7f7f7f" dt 2 lw 2 pt 2
set style line 3 lc rgb "#4d4d4d" dt 4 lw 2 pt 3
set style line 4 lc rgb "#e69f00" dt 1 lw 2 pt 4
set style line 5 lc rgb "#d55e00" dt 1 lw 2 pt 5
set style line 6 lc rgb "#0072b2" dt 1 lw 4 pt 7
set style line 7 lc rgb "#009e73" dt 3 lw 2 pt 9
set style line 8 lc rgb "#56b4e9" dt 3 lw 2 pt 11
set style line 9 lc rgb "#cc79a7" dt 5 lw 2 pt 13
plot for [i=2:10] data using 1:i with linespoints ls (i - 1) title columnheader(i)
