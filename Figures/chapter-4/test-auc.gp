# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.7715502136359236
1.0 0.7710368562870704
1.0 0.7709612329064431
1.0 0.7714488301703979
1.0 0.7714803411790492
EOD
$p1_2 << EOD
2.0 0.7845311277944537
2.0 0.7822019530055995
2.0 0.7847857290426787
2.0 0.7818585797889597
2.0 0.7865347141617101
EOD
$p1_3 << EOD
3.0 0.7786190768386142
3.0 0.7809336336406604
3.0 0.7800376549206388
3.0 0.7817976149302858
3.0 0.7790760447333299
EOD
$p1_4 << EOD
4.0 0.7794546784595701
4.0 0.7814537654256876
4.0 0.7807820980664949
4.0 0.7828505457332762
4.0 0.782641825202745
EOD
$p1_5 << EOD
5.0 0.7816786493454451
5.0 0.7826412526438162
5.0 0.7837519409621011
5.0 0.7825080085540101
5.0 0.7803727488338318
EOD
$p2_1 << EOD
1.0 0.5670099698698255
1.0 0.5674540480156557
1.0 0.5674527956543992
1.0 0.5671773018734733
1.0 0.5669035768820322
EOD
$p2_2 << EOD
2.0 0.5572394355256575
2.0 0.5582769560923629
2.0 0.5571075070547808
2.0 0.5596034234929738
2.0 0.5567204057739837
EOD
$p2_3 << EOD
3.0 0.5609444844515371
3.0 0.5575018327766943
3.0 0.5601468905906247
3.0 0.5570075708215055
3.0 0.5608116910127264
EOD
$p2_4 << EOD
4.0 0.5578393760980652
4.0 0.5561198309667503
4.0 0.5566497108124904
4.0 0.5550055149142711
4.0 0.5559349854660696
EOD
$p2_5 << EOD
5.0 0.5563874702134035
5.0 0.5569563803620239
5.0 0.5572276735764343
5.0 0.5547947832543141
5.0 0.5571127214403729
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
