# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.9152114099107629
1.0 0.9125125131352478
1.0 0.9151051682385342
1.0 0.9163623093196829
1.0 0.9149711296023652
EOD
$p1_2 << EOD
2.0 0.8918761703864527
2.0 0.8909849887998958
2.0 0.8912052353361762
2.0 0.8909632086759569
2.0 0.8915559423493183
EOD
$p2_1 << EOD
1.0 0.21628691989879073
EOD
$p2_2 << EOD
2.0 0.3705668263812137
2.0 0.36391243080286767
2.0 0.3708910062349008
2.0 0.3622121379548778
2.0 0.36456881044505157
EOD
$p2_3 << EOD
3.0 0.3961593854957333
3.0 0.40272766374697416
3.0 0.3938451379242843
3.0 0.4057565477112346
3.0 0.38441815009031555
EOD
$p2_4 << EOD
4.0 0.32553045327055646
4.0 0.3254672844887425
4.0 0.3308395769814862
4.0 0.32500230550556763
4.0 0.3255381261886617
EOD
$p2_5 << EOD
5.0 0.39620293065047385
5.0 0.39343424773950375
5.0 0.3937073797558752
5.0 0.40580746595171835
5.0 0.39809549454028154
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'seeds.svg'
set multiplot layout 1,2 title 'One point per training seed' font ',16'

# Panel 1: Test RMSE (lower is better)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Test RMSE (lower is better)' font ',15'
set xlabel 'model'
set ylabel 'RMSE'
set xrange [0.5:2.5]
set key outside bottom center horizontal
plot $p1_1 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#1f77b4' title 'MF', \
     $p1_2 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#ff7f0e' title 'I-AutoRec'

# Panel 2: NDCG@10 under full ranking
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'NDCG@10 under full ranking' font ',15'
set xlabel 'model'
set ylabel 'NDCG@10'
set xrange [0.5:5.5]
set key outside bottom center horizontal
plot $p2_1 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#1f77b4' title 'ItemPop', \
     $p2_2 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#ff7f0e' title 'NeuMF', \
     $p2_3 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#2ca02c' title 'Mult-DAE', \
     $p2_4 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#d62728' title 'CDAE', \
     $p2_5 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#9467bd' title 'Mult-VAE'

unset multiplot
unset output
