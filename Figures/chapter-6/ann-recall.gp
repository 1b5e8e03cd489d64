# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
10.0 0.8775185577942736
12.0 0.9028632025450689
16.0 0.9321314952279958
20.0 0.9512195121951219
24.0 0.9637327677624602
32.0 0.9782608695652174
48.0 0.9918345705196182
64.0 0.9956521739130435
96.0 0.9988335100742312
128.0 0.999575821845175
EOD
$p2_1 << EOD
116.8101802757158 0.8775185577942736
126.04984093319194 0.9028632025450689
143.5641569459173 0.9321314952279958
159.7783669141039 0.9512195121951219
175.25132555673383 0.9637327677624602
204.03499469777307 0.9782608695652174
256.7518557794274 0.9918345705196182
302.77730646871686 0.9956521739130435
384.33934252386 0.9988335100742312
458.0996818663839 0.999575821845175
EOD
$p2_2 << EOD
1682.0 0.8775185577942736
1682.0 1.0
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'ann-recall.svg'
set multiplot layout 1,2 title 'HNSW over the item vectors' font ',16'

# Panel 1: recall@10 against exact search
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'recall@10 against exact search' font ',15'
set xlabel 'ef'
set ylabel 'recall@10'
set logscale x 10
set mxtics 10
set xtics add (20.0, 50.0, 200.0, 500.0)
set grid mxtics linetype 1 linecolor rgb '#f0f0f0' linewidth 1, linetype 1 linecolor rgb '#f0f0f0' linewidth 1
unset key
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'HNSW'

# Panel 2: recall@10 against work
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'recall@10 against work' font ',15'
set xlabel 'inner products per query'
set ylabel 'recall@10'
set logscale x 10
set mxtics 10
set xtics add (200.0, 500.0, 2000.0, 5000.0)
set grid mxtics linetype 1 linecolor rgb '#f0f0f0' linewidth 1, linetype 1 linecolor rgb '#f0f0f0' linewidth 1
set key inside bottom right
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'HNSW', \
     $p2_2 using 1:2 with lines linecolor rgb '#000000' linewidth 2 dashtype 2 title 'exact search'

unset multiplot
unset output
