# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
8.0 0.5068928950159067
16.0 0.559915164369035
32.0 0.6171792152704135
64.0 0.6394485683987274
EOD
$p1_2 << EOD
8.0 0.6076352067868505
16.0 0.6139978791092259
32.0 0.6383881230116649
64.0 0.633085896076352
EOD
$p1_3 << EOD
8.0 0.6171792152704135
16.0 0.6373276776246023
32.0 0.6468716861081655
64.0 0.6532343584305408
EOD
$p2_1 << EOD
8.0 0.2833093096825521
16.0 0.308441472060438
32.0 0.34363621950181195
64.0 0.35171222187244056
EOD
$p2_2 << EOD
8.0 0.3359419886743987
16.0 0.34617605831127785
32.0 0.3598697457985083
64.0 0.3525262898866883
EOD
$p2_3 << EOD
8.0 0.3469883931093511
16.0 0.3577614583480593
32.0 0.3687015458592331
64.0 0.37500354282320125
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'factors.svg'
set multiplot layout 1,2 title 'Predictive factors (5 epochs each)' font ',16'

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
set xrange [6.4:80.0]
set key inside bottom right
set logscale x 2
set xtics ("8" 8.0, "16" 16.0, "32" 32.0, "64" 64.0)
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
set xrange [6.4:80.0]
set key inside bottom right
set logscale x 2
set xtics ("8" 8.0, "16" 16.0, "32" 32.0, "64" 64.0)
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'GMF', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'MLP', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'NeuMF'

unset multiplot
unset output
