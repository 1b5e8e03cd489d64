# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.0012
5.0 0.0088
10.0 0.0205
50.0 0.12375
100.0 0.23045
EOD
$p1_2 << EOD
1.0 0.00145
5.0 0.0101
10.0 0.02575
50.0 0.1877
100.0 0.35105
EOD
$p1_3 << EOD
1.0 0.0009
5.0 0.00705
10.0 0.01665
50.0 0.10325
100.0 0.201
EOD
$p1_4 << EOD
1.0 0.00495
5.0 0.0258
10.0 0.0547
50.0 0.2426
100.0 0.40455
EOD
$p1_5 << EOD
1.0 0.00525
5.0 0.0271
10.0 0.0549
50.0 0.24135
100.0 0.40355
EOD
$p1_6 << EOD
10.0 0.022
100.0 0.2325
100.0 0.2334
100.0 0.2322
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 820,520 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'accuracy-at-k.svg'

# Panel 1: Top-K accuracy on the TFRS split
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Top-K accuracy on the TFRS split' font ',15'
set xlabel 'K'
set ylabel 'top-K accuracy'
set logscale x 10
set mxtics 10
set xtics add (2.0, 5.0, 20.0, 50.0)
set grid mxtics linetype 1 linecolor rgb '#f0f0f0' linewidth 1, linetype 1 linecolor rgb '#f0f0f0' linewidth 1
set key inside top left
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#7f7f7f' linewidth 2 dashtype 2 title 'Id-only, TFRS setting', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Id-only, normalised + log-Q', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Content towers', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Content towers + log-Q', \
     $p1_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'Content towers + log-Q + mixed negatives', \
     $p1_6 using 1:2 with points pointtype 13 pointsize 2.0999999999999996 linecolor rgb '#000000' title 'TFRS tutorial (executed copies)'

unset output
