# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 6110.0 1.0
2.0 11370.0 1.0
3.0 27145.0 1.0
4.0 34174.0 1.0
5.0 21201.0 1.0
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'rating-histogram.svg'

# Panel 1: How many ratings of each star value
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'How many ratings of each star value' font ',15'
set xlabel 'stars'
set ylabel 'ratings'
set yrange [0:*]
unset key
plot $p1_1 using 1:2:3 with boxes fillstyle transparent solid 0.6 border linecolor rgb '#1f77b4' linecolor rgb '#1f77b4' title 'ratings'

unset output
