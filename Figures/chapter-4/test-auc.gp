# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.752966045259172
2.0 0.7614613300945212
3.0 0.7658321537521575
4.0 0.7673832868265166
5.0 0.76856466843837
6.0 0.7701957824214863
EOD
$p1_2 << EOD
1.0 0.7734068753018032
2.0 0.7789912806774161
3.0 0.7801022071396801
4.0 0.7831579946773098
5.0 0.7836049858593652
6.0 0.7826298673348534
EOD
$p1_3 << EOD
1.0 0.7735409300945171
2.0 0.7801740202166403
3.0 0.7803479413248501
4.0 0.7832260329188551
5.0 0.781471155003062
6.0 0.7803808609298039
EOD
$p1_4 << EOD
1.0 0.7671769882709226
2.0 0.7794938962127396
3.0 0.7841734507383826
4.0 0.7848886427099431
5.0 0.7849508084222993
6.0 0.7856007844118126
EOD
$p1_5 << EOD
1.0 0.7719529049709556
2.0 0.7765629619898192
3.0 0.7820328505127985
4.0 0.7836963115419397
5.0 0.783282554112215
6.0 0.7826546343086896
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'test-auc.svg'

# Panel 1: Test AUC by epoch
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Test AUC by epoch' font ',15'
set xlabel 'epoch'
set ylabel 'AUC'
set key inside bottom right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Wide', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Deep', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Wide & Deep', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'Deep (Adam)', \
     $p1_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 dashtype 2 title 'Wide & Deep (Adam)'

unset output
