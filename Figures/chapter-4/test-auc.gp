# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.7715791607966287
1.0 0.7710579294957827
1.0 0.7709698111565874
1.0 0.7714646236764223
1.0 0.7714958712066287
EOD
$p1_2 << EOD
2.0 0.7845311277944537
2.0 0.7822019530055995
2.0 0.7847857290426787
2.0 0.7818585797889597
2.0 0.7865347141617101
EOD
$p1_3 << EOD
3.0 0.779025659547604
3.0 0.7809071135217858
3.0 0.7799988779871755
3.0 0.7816916509933305
3.0 0.7781841904643523
EOD
$p1_4 << EOD
4.0 0.7831772894065178
4.0 0.7852460309531032
4.0 0.7825639875898004
4.0 0.7830165675550271
4.0 0.7844423608929321
EOD
$p1_5 << EOD
5.0 0.7841735824776052
5.0 0.7825724847696538
5.0 0.7836022852053033
5.0 0.7836422731262352
5.0 0.7841974272768837
EOD
$p2_1 << EOD
1.0 0.5670016594702363
1.0 0.5674523440916703
1.0 0.5674649981863037
1.0 0.5671762894509963
1.0 0.5669050080666832
EOD
$p2_2 << EOD
2.0 0.5572394355256575
2.0 0.5582769560923629
2.0 0.5571075070547808
2.0 0.5596034234929738
2.0 0.5567204057739837
EOD
$p2_3 << EOD
3.0 0.5609393208937911
3.0 0.5578052891778095
3.0 0.5602488708359242
3.0 0.5569936207030676
3.0 0.5618678844499052
EOD
$p2_4 << EOD
4.0 0.5546798876994272
4.0 0.5534298899270126
4.0 0.5552509659746566
4.0 0.5589694599872802
4.0 0.5536925468578799
EOD
$p2_5 << EOD
5.0 0.5543374072981733
5.0 0.5564360894439572
5.0 0.5572968679694542
5.0 0.5535880913984443
5.0 0.5538414164965972
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'test-auc.svg'
set multiplot layout 1,2 title '5 training seeds per model (1 Wide, 2 Deep, 3 Wide & Deep, 4 Deep (Adam), 5 Wide & Deep (Adam))' font ',16'

# Panel 1: test AUC, one point per seed
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'test AUC, one point per seed' font ',15'
set xlabel 'model'
set ylabel 'AUC'
set xrange [0.5:5.5]
set key inside bottom right
plot $p1_1 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#1f77b4' title 'Wide', \
     $p1_2 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#ff7f0e' title 'Deep', \
     $p1_3 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#2ca02c' title 'Wide & Deep', \
     $p1_4 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#d62728' title 'Deep (Adam)', \
     $p1_5 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#9467bd' title 'Wide & Deep (Adam)'

# Panel 2: test log loss, one point per seed
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'test log loss, one point per seed' font ',15'
set xlabel 'model'
set ylabel 'log loss'
set xrange [0.5:5.5]
unset key
plot $p2_1 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#1f77b4' title 'Wide', \
     $p2_2 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#ff7f0e' title 'Deep', \
     $p2_3 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#2ca02c' title 'Wide & Deep', \
     $p2_4 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#d62728' title 'Deep (Adam)', \
     $p2_5 using 1:2 with points pointtype 7 pointsize 1.5 linecolor rgb '#9467bd' title 'Wide & Deep (Adam)'

unset multiplot
unset output
