# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1_1 << EOD
-0.2 0.41039236479321317 0.36800000000000005 "0.410"
0.8 0.3075291622481442 0.36800000000000005 "0.308"
1.8 0.46659597030752914 0.36800000000000005 "0.467"
2.8 0.39660657476139977 0.36800000000000005 "0.397"
3.8 0.42948038176033937 0.36800000000000005 "0.429"
EOD
$p1_1_2 << EOD
0.2 0.5323435843054083 0.36800000000000005 "0.532"
1.2 0.440084835630965 0.36800000000000005 "0.440"
2.2 0.5790031813361611 0.36800000000000005 "0.579"
3.2 0.5217391304347826 0.36800000000000005 "0.522"
4.2 0.5312831389183457 0.36800000000000005 "0.531"
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 900,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'tie-rules.svg'

# Panel 1: HR@10 under five leave-one-out tie rules
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@10 under five leave-one-out tie rules' font ',15'
set ylabel 'HR@10'
set xtics ('last in file order' 0, 'highest item id' 1, 'lowest item id' 2, 'random (seed 1)' 3, 'random (seed 2)' 4) scale 0
set xrange [-0.6:4.6]
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
unset grid
set grid ytics back linetype 1 linecolor rgb '#dcdcdc' linewidth 1
set yrange [0.0:*]
set key outside bottom center horizontal
plot $p1_1_1 using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '#1f77b4' title 'ItemPop', \
     $p1_1_1 using 1:2:4 with labels center offset character 0,0.7 font ',10' textcolor rgb '#262626' notitle, \
     $p1_1_2 using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '#ff7f0e' title 'GMF', \
     $p1_1_2 using 1:2:4 with labels center offset character 0,0.7 font ',10' textcolor rgb '#262626' notitle

unset output
