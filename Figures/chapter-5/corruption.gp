# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0.0 0.40205188428662353
0.25 0.40524268682804787
0.5 0.40212926430433127
0.75 0.4040103482161114
0.8999999761581421 0.3888999782212418
EOD
$p1_2 << EOD
0.0 0.21628691989879073
0.8999999761581421 0.21628691989879073
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'corruption.svg'

# Panel 1: Mult-DAE: input dropout rate (25 epochs)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Mult-DAE: input dropout rate (25 epochs)' font ',15'
set xlabel 'dropout rate p'
set ylabel 'NDCG@10'
set key outside bottom center horizontal
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Mult-DAE', \
     $p1_2 using 1:2 with lines linecolor rgb '#ff7f0e' linewidth 2 dashtype 2 title 'ItemPop'

unset output
