# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
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
$p1_2 << EOD
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
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'like-dislike-auc.svg'

# Panel 1: Validation AUC
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
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Logistic regression', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'MLP'

unset output
