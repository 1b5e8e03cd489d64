# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
10.0 0.0 20.0
30.0 298.0 20.0
50.0 148.0 20.0
70.0 86.0 20.0
90.0 47.0 20.0
110.0 59.0 20.0
130.0 50.0 20.0
150.0 46.0 20.0
170.0 28.0 20.0
190.0 32.0 20.0
210.0 25.0 20.0
230.0 26.0 20.0
250.0 12.0 20.0
270.0 20.0 20.0
290.0 12.0 20.0
310.0 12.0 20.0
330.0 8.0 20.0
350.0 5.0 20.0
370.0 6.0 20.0
390.0 7.0 20.0
410.0 4.0 20.0
430.0 2.0 20.0
450.0 1.0 20.0
470.0 0.0 20.0
490.0 4.0 20.0
510.0 1.0 20.0
530.0 0.0 20.0
550.0 1.0 20.0
570.0 0.0 20.0
590.0 0.0 20.0
610.0 0.0 20.0
630.0 1.0 20.0
650.0 0.0 20.0
670.0 0.0 20.0
690.0 1.0 20.0
710.0 0.0 20.0
730.0 1.0 20.0
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'ratings-per-user.svg'

# Panel 1: How many movies each user rated
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'How many movies each user rated' font ',15'
set xlabel 'ratings per user'
set ylabel 'users'
set yrange [0:*]
unset key
plot $p1_1 using 1:2:3 with boxes fillstyle transparent solid 0.6 border linecolor rgb '#1f77b4' linecolor rgb '#1f77b4' title 'users'

unset output
