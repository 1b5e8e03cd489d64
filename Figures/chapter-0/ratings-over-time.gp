# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1_1 << EOD
0.0 6704.0 0.7360000000000001
1.0 10304.0 0.7360000000000001
2.0 23980.0 0.7360000000000001
3.0 11911.0 0.7360000000000001
4.0 14095.0 0.7360000000000001
5.0 10991.0 0.7360000000000001
6.0 12656.0 0.7360000000000001
7.0 9359.0 0.7360000000000001
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'ratings-over-time.svg'

# Panel 1: Ratings per month
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Ratings per month' font ',15'
set xlabel 'month (UTC)'
set ylabel 'ratings'
set xtics ('1997-09' 0, '1997-10' 1, '1997-11' 2, '1997-12' 3, '1998-01' 4, '1998-02' 5, '1998-03' 6, '1998-04' 7) scale 0
set xrange [-0.6:7.6]
set yrange [0:*]
unset grid
set grid ytics back linetype 1 linecolor rgb '#dcdcdc' linewidth 1
unset key
plot $p1_1_1 using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '#1f77b4' title 'ratings'

unset output
