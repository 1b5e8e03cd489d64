# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.6835700488090515
2.0 0.67222374792099
3.0 0.6706555924415588
4.0 0.6701928572654724
5.0 0.6699638923645019
6.0 0.6698696496009827
7.0 0.6698148885726929
8.0 0.6697579074859619
9.0 0.6698208559036255
10.0 0.6697969562530518
11.0 0.6697514777183533
12.0 0.6697835171699524
EOD
$p1_2 << EOD
1.0 0.6744864522068885
2.0 0.6716708989863279
3.0 0.6708460703046595
4.0 0.6708790486788299
5.0 0.6707444784953014
6.0 0.67024813103324
7.0 0.670728908434962
8.0 0.670664265197252
9.0 0.6703169899477711
10.0 0.6705000745947195
11.0 0.6706232802662624
12.0 0.670626112238535
EOD
$p1_3 << EOD
1.0 0.6720126672744751
2.0 0.6599127618789673
3.0 0.6549963668823242
4.0 0.6507731800079346
5.0 0.6477653276443481
6.0 0.6447274958610535
7.0 0.6432977019309998
8.0 0.6413760835647583
9.0 0.6395638521194458
10.0 0.6380997826576232
11.0 0.6375143043518067
12.0 0.6358018576622009
EOD
$p1_4 << EOD
1.0 0.6650199971091655
2.0 0.6583032154515241
3.0 0.6538733861401433
4.0 0.652082850208586
5.0 0.6518198456206721
6.0 0.6502281229707182
7.0 0.6491328310411827
8.0 0.6491520626405736
9.0 0.650876673505712
10.0 0.652462868413438
11.0 0.6483057306819775
12.0 0.6526000391980756
EOD
$p2_1 << EOD
1.0 0.5885677573993359
2.0 0.5986397138336779
3.0 0.6006298552509289
4.0 0.6011203529066396
5.0 0.601466950683218
6.0 0.6021795696756314
7.0 0.6018762433436665
8.0 0.6014021855895211
9.0 0.6022372717005077
10.0 0.6018380662389208
11.0 0.6016426749643924
12.0 0.6019160441423941
EOD
$p2_2 << EOD
1.0 0.615500070955427
2.0 0.6327630838884744
3.0 0.6414312553947232
4.0 0.6459710631753349
5.0 0.6453872640041982
6.0 0.649317049955868
7.0 0.6513284414681051
8.0 0.6529564788312521
9.0 0.6470621449387185
10.0 0.6479084751305287
11.0 0.655046172985759
12.0 0.6516254353935412
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
set yrange [0.6358018576622009:0.7026773252677917]
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
set yrange [0.5619763911647666:0.655046172985759]
set key inside bottom right
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Logistic regression', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'MLP'

unset multiplot
unset output
