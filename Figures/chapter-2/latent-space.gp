# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0491208 0.13984403 "u1"
0.5949364 -0.70505244 "u2"
0.78376365 -0.64737266 "u3"
0.9978029 0.7223288 "u4"
EOD
$p1_2 << EOD
0.6753751 0.6106817 "i1, i5"
0.77189827 -0.7896655 "i2"
1.1050591 -0.28738907 "i3"
0.57901186 0.07400693 "i4"
0.67537504 0.6106817 ""
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 620,640 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'latent-space.svg'

# Panel 1: Rank-2 MF of the toy matrix: the latent space
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Rank-2 MF of the toy matrix: the latent space' font ',15'
set xlabel 'factor 1'
set ylabel 'factor 2'
set xrange [-1.4:1.4]
set yrange [-1.4:1.4]
set key outside bottom center horizontal
set size ratio -1
set arrow from 0,0 to 1.0491208,0.13984403 lw 1.5 lc rgb '#1f77b4'
set arrow from 0,0 to 0.5949364,-0.70505244 lw 1.5 lc rgb '#1f77b4'
set arrow from 0,0 to 0.78376365,-0.64737266 lw 1.5 lc rgb '#1f77b4'
set arrow from 0,0 to 0.9978029,0.7223288 lw 1.5 lc rgb '#1f77b4'
plot $p1_1 using 1:2 with points pointtype 7 pointsize 2.25 linecolor rgb '#1f77b4' title 'users p_u', \
     $p1_1 using 1:2:3 with labels offset character 0.6,0.5 left font ',10' textcolor rgb '#144d75' notitle, \
     $p1_2 using 1:2 with points pointtype 9 pointsize 2.25 linecolor rgb '#ff7f0e' title 'items q_i', \
     $p1_2 using 1:2:3 with labels offset character 0.6,0.5 left font ',10' textcolor rgb '#a65309' notitle

unset output
