# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1_1 << EOD
0.0 3760.0 0.7360000000000001 "3760"
1.0 3733.0 0.7360000000000001 "3733"
2.0 3492.0 0.7360000000000001 "3492"
3.0 2256.0 0.7360000000000001 "2256"
EOD
$p2_1_1 << EOD
0.0 0.7715791607966287 0.7360000000000001 "0.7716"
1.0 0.7715502136359236 0.7360000000000001 "0.7716"
2.0 0.7712957187924552 0.7360000000000001 "0.7713"
3.0 0.76595860820511 0.7360000000000001 "0.7660"
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'l1-sparsity.svg'
set multiplot layout 1,2 title 'FTRL''s L1 strength: weights kept and accuracy (wide-only)' font ',16'

# Panel 1: non-zero wide weights
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'non-zero wide weights' font ',15'
set ylabel 'weights'
set xtics ('L1 = 0.000' 0, 'L1 = 0.001' 1, 'L1 = 0.010' 2, 'L1 = 0.100' 3) scale 0
set xrange [-0.6:3.6]
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
unset grid
set grid ytics back linetype 1 linecolor rgb '#dcdcdc' linewidth 1
unset key
plot $p1_1_1 using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '#1f77b4' title 'non-zero weights', \
     $p1_1_1 using 1:2:4 with labels center offset character 0,0.7 font ',10' textcolor rgb '#262626' notitle

# Panel 2: test AUC
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'test AUC' font ',15'
set ylabel 'AUC'
set xtics ('L1 = 0.000' 0, 'L1 = 0.001' 1, 'L1 = 0.010' 2, 'L1 = 0.100' 3) scale 0
set xrange [-0.6:3.6]
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
unset grid
set grid ytics back linetype 1 linecolor rgb '#dcdcdc' linewidth 1
set yrange [0.5:0.8]
unset key
plot $p2_1_1 using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '#2ca02c' title 'test AUC', \
     $p2_1_1 using 1:2:4 with labels center offset character 0,0.7 font ',10' textcolor rgb '#262626' notitle

unset multiplot
unset output
