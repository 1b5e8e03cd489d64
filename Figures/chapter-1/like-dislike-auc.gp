# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
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
$p1_2 << EOD
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
set yrange [0.562086924132574:0.6552146718287146]
set key inside bottom right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Logistic regression', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'MLP'

unset output
