# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
8.0 0.5323435843054083
16.0 0.5514316012725344
32.0 0.6002120890774125
EOD
$p1_2 << EOD
8.0 0.623541887592789
16.0 0.6182396606574762
32.0 0.6256627783669141
EOD
$p1_3 << EOD
8.0 0.6277836691410392
16.0 0.6394485683987274
32.0 0.6564156945917285
EOD
$p2_1 << EOD
8.0 0.29378912335703566
16.0 0.3075498334376699
32.0 0.33174855063133807
EOD
$p2_2 << EOD
8.0 0.34408362530927555
16.0 0.348960204717808
32.0 0.3517213307545961
EOD
$p2_3 << EOD
8.0 0.34771459173516783
16.0 0.36591714261339114
32.0 0.3741600291542107
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'factors.svg'
set multiplot layout 1,2 title 'Predictive factors (5 epochs each, one training seed)' font ',16'

# Panel 1: HR@10 by predictive factors
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@10 by predictive factors' font ',15'
set xlabel 'predictive factors'
set ylabel 'HR@10'
set logscale x 10
set mxtics 10
set xtics add (2.0, 5.0, 20.0, 50.0)
set grid mxtics linetype 1 linecolor rgb '#f0f0f0' linewidth 1, linetype 1 linecolor rgb '#f0f0f0' linewidth 1
set xrange [6.4:40.0]
set key inside bottom right
set logscale x 2
set xtics ("8" 8.0, "16" 16.0, "32" 32.0)
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'GMF', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'MLP', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'NeuMF'

# Panel 2: NDCG@10 by predictive factors
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'NDCG@10 by predictive factors' font ',15'
set xlabel 'predictive factors'
set ylabel 'NDCG@10'
set logscale x 10
set mxtics 10
set xtics add (2.0, 5.0, 20.0, 50.0)
set grid mxtics linetype 1 linecolor rgb '#f0f0f0' linewidth 1, linetype 1 linecolor rgb '#f0f0f0' linewidth 1
set xrange [6.4:40.0]
set key inside bottom right
set logscale x 2
set xtics ("8" 8.0, "16" 16.0, "32" 32.0)
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'GMF', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'MLP', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'NeuMF'

unset multiplot
unset output
