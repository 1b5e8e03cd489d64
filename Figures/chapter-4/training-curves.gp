# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.6116051699638366
2.0 0.5696632033348084
3.0 0.5581166704177857
4.0 0.5520389765739441
5.0 0.5482279914855958
6.0 0.54554974193573
EOD
$p1_2 << EOD
1.0 0.5850758880615234
2.0 0.5391845715522766
3.0 0.524468603515625
4.0 0.5138037414550781
5.0 0.5044694902420044
6.0 0.4962463565826416
EOD
$p1_3 << EOD
1.0 0.5864189038276673
2.0 0.5367227178573608
3.0 0.5210421760559082
4.0 0.5106905726909637
5.0 0.5010414797782898
6.0 0.49268000664711
EOD
$p1_4 << EOD
1.0 0.6085207063674927
2.0 0.5485325525283814
3.0 0.5319283057212829
4.0 0.5196149003982544
5.0 0.5083046852111817
6.0 0.4980128650665283
EOD
$p1_5 << EOD
1.0 0.5943359146118165
2.0 0.5450476051807404
3.0 0.5268349439620972
4.0 0.513307231426239
5.0 0.501438707447052
6.0 0.4912856531143188
EOD
$p2_1 << EOD
1.0 0.5854352461121527
2.0 0.5765990988085317
3.0 0.5719921542186012
4.0 0.5706375545522653
5.0 0.5693274453324982
6.0 0.5681325203408883
EOD
$p2_2 << EOD
1.0 0.5631385852669306
2.0 0.5577340394509773
3.0 0.5574155915267013
4.0 0.5578107460199583
5.0 0.5595896253741427
6.0 0.5604044212448639
EOD
$p2_3 << EOD
1.0 0.5630064312641913
2.0 0.5585844404231924
3.0 0.5612960009861762
4.0 0.5618653931494201
5.0 0.5631249042971944
6.0 0.5655300278010493
EOD
$p2_4 << EOD
1.0 0.5708558110025199
2.0 0.5598633463870142
3.0 0.5547767639129682
4.0 0.5557880520682824
5.0 0.5548220403191907
6.0 0.5555556812275306
EOD
$p2_5 << EOD
1.0 0.5684891681298005
2.0 0.562050864223187
3.0 0.5572101859874056
4.0 0.5570829262394759
5.0 0.5626398136217741
6.0 0.560248354483216
EOD
$p3_1 << EOD
1.0 0.752966045259172
2.0 0.7614613300945212
3.0 0.7658321537521575
4.0 0.7673832868265166
5.0 0.76856466843837
6.0 0.7701957824214863
EOD
$p3_2 << EOD
1.0 0.7734068753018032
2.0 0.7789912806774161
3.0 0.7801022071396801
4.0 0.7831579946773098
5.0 0.7836049858593652
6.0 0.7826298673348534
EOD
$p3_3 << EOD
1.0 0.7735409300945171
2.0 0.7801740202166403
3.0 0.7803479413248501
4.0 0.7832260329188551
5.0 0.781471155003062
6.0 0.7803808609298039
EOD
$p3_4 << EOD
1.0 0.7671769882709226
2.0 0.7794938962127396
3.0 0.7841734507383826
4.0 0.7848886427099431
5.0 0.7849508084222993
6.0 0.7856007844118126
EOD
$p3_5 << EOD
1.0 0.7719529049709556
2.0 0.7765629619898192
3.0 0.7820328505127985
4.0 0.7836963115419397
5.0 0.783282554112215
6.0 0.7826546343086896
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 1380,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'training-curves.svg'
set multiplot layout 1,3 title 'Wide, Deep and Wide & Deep on MovieLens (rating >= 4)' font ',16'

# Panel 1: training log loss
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'training log loss' font ',15'
set xlabel 'epoch'
set ylabel 'log loss'
set key inside bottom left
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Wide', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Deep', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Wide & Deep', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'Deep (Adam)', \
     $p1_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 dashtype 2 title 'Wide & Deep (Adam)'

# Panel 2: test log loss
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'test log loss' font ',15'
set xlabel 'epoch'
set ylabel 'log loss'
unset key
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Wide', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Deep', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Wide & Deep', \
     $p2_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'Deep (Adam)', \
     $p2_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 dashtype 2 title 'Wide & Deep (Adam)'

# Panel 3: test AUC
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'test AUC' font ',15'
set xlabel 'epoch'
set ylabel 'AUC'
unset key
plot $p3_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Wide', \
     $p3_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Deep', \
     $p3_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Wide & Deep', \
     $p3_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'Deep (Adam)', \
     $p3_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 dashtype 2 title 'Wide & Deep (Adam)'

unset multiplot
unset output
