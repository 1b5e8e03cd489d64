# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0.0 0.25402861114807673
0.25 0.2553328363970517
0.5 0.26536334404333434
0.75 0.26948937275579904
0.8999999761581421 0.25444675420553853
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'corruption.svg'

# Panel 1: Mult-DAE: input dropout rate (25 epochs, validation split)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Mult-DAE: input dropout rate (25 epochs, validation split)' font ',15'
set xlabel 'dropout rate p'
set ylabel 'validation NDCG@10'
set key outside bottom center horizontal
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Mult-DAE'

unset output
