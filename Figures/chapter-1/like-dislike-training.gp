# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.6891044121742248
2.0 0.6723708005905151
3.0 0.6705276316642761
4.0 0.670124591255188
5.0 0.6699334795951843
6.0 0.6698831652641296
7.0 0.6698100784301758
8.0 0.6697993173599243
9.0 0.6698032738685608
10.0 0.6697768522262573
11.0 0.6697909821510315
12.0 0.669786032295227
EOD
$p1_2 << EOD
1.0 0.6739369872926322
2.0 0.6708435883066765
3.0 0.6706822189059226
4.0 0.6706013323801366
5.0 0.6704071719353851
6.0 0.6708543860187923
7.0 0.6707146356596476
8.0 0.6707219178887274
9.0 0.6708137848534942
10.0 0.6707326833207191
11.0 0.6709349477905615
12.0 0.6706144461564085
EOD
$p1_3 << EOD
1.0 0.6694216977119446
2.0 0.6595043576240539
3.0 0.6542213810920715
4.0 0.650549165058136
5.0 0.6478094074249268
6.0 0.6459178025245667
7.0 0.6436193375587463
8.0 0.6420153871536255
9.0 0.6408504873275757
10.0 0.639090052318573
11.0 0.6379531191825867
12.0 0.6371324909210205
EOD
$p1_4 << EOD
1.0 0.660561717523427
2.0 0.6562713458018091
3.0 0.653996153669478
4.0 0.6533767576712488
5.0 0.6511377893852633
6.0 0.6510385815473999
7.0 0.6496421918896809
8.0 0.6504388945127727
9.0 0.6500435160260447
10.0 0.6494346266477975
11.0 0.6492949901864721
12.0 0.653314297532747
EOD
$p2_1 << EOD
1.0 0.588694852045757
2.0 0.5998887810214854
3.0 0.6004434348856498
4.0 0.6015864342640996
5.0 0.601804597846722
6.0 0.6019645520000987
7.0 0.6017660554108303
8.0 0.6019723660273859
9.0 0.6018472198137428
10.0 0.6015867387067213
11.0 0.60168247576312
12.0 0.6021788187171648
EOD
$p2_2 << EOD
1.0 0.6267394633626443
2.0 0.6384888580495278
3.0 0.6412532579419744
4.0 0.6425159844554033
5.0 0.6491861599247645
6.0 0.65107449572936
7.0 0.6510835478233084
8.0 0.6517495262060962
9.0 0.6506731997617716
10.0 0.65461378327842
11.0 0.6552146718287146
12.0 0.6541988888737345
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,360 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'like-dislike-training.svg'
set multiplot layout 1,2

# Panel 1: Log loss
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Log loss' font ',15'
set xlabel 'epoch'
set ylabel 'binary cross-entropy'
set yrange [0.6371324909210205:0.7098931806755066]
set key inside top right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Logistic regression, train', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 dashtype 2 title 'Logistic regression, validation', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'MLP, train', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'MLP, validation'

# Panel 2: Validation AUC
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Validation AUC' font ',15'
set xlabel 'epoch'
set ylabel 'AUC'
set yrange [0.562086924132574:0.6552146718287146]
set key inside bottom right
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Logistic regression', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'MLP'

unset multiplot
unset output
