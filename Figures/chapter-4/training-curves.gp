# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.6132965671751234
2.0 0.5709747369024488
3.0 0.5587973182466295
4.0 0.5523601363499959
5.0 0.5482467574013604
6.0 0.5455612841712104
7.0 0.5433379173808628
8.0 0.5417397425969441
9.0 0.5404101470311483
10.0 0.5393510826958551
EOD
$p1_2 << EOD
1.0 0.5886765042146047
2.0 0.540359826458825
3.0 0.5264030003547668
4.0 0.5173184678289625
5.0 0.5092825486924913
6.0 0.5014329761134254
7.0 0.4924679687552982
8.0 0.48415482918421426
9.0 0.47622778577274744
10.0 0.46887491507000395
EOD
$p1_3 << EOD
1.0 0.591550370004442
2.0 0.5374138148095873
3.0 0.5184391201337178
4.0 0.5049733569092221
5.0 0.4936342398325602
6.0 0.48372743293974135
7.0 0.4745940341419644
8.0 0.4657434162563748
9.0 0.4573023479514652
10.0 0.44965187528398304
EOD
$p1_4 << EOD
1.0 0.5953757944107055
2.0 0.5446755320760939
3.0 0.527096602069007
4.0 0.510501764509413
5.0 0.4942605381011963
6.0 0.47892462759547766
7.0 0.4650383218129476
8.0 0.4529946952395969
9.0 0.4419390555487739
10.0 0.43059840679168704
EOD
$p1_5 << EOD
1.0 0.592243610435062
2.0 0.541445552110672
3.0 0.521797234111362
4.0 0.5046712972852919
5.0 0.48934904395209416
6.0 0.4741263223224216
7.0 0.4600082960923513
8.0 0.4458623778025309
9.0 0.4339195460743374
10.0 0.4217002455393473
EOD
$p2_1 << EOD
1.0 0.5851254425652556
2.0 0.5737798093728169
3.0 0.5738851700022418
4.0 0.5668624076062719
5.0 0.5656791484231409
6.0 0.5644459352885056
7.0 0.5648399204556218
8.0 0.5649842602447539
9.0 0.5635010347582087
10.0 0.5623629147628614
EOD
$p2_2 << EOD
1.0 0.5603861853917678
2.0 0.5601576158089345
3.0 0.5508871140905561
4.0 0.5506983191190363
5.0 0.5502266517100982
6.0 0.5540244071770711
7.0 0.5635257081197901
8.0 0.5582828116830089
9.0 0.5624837409258083
10.0 0.5765423355319835
EOD
$p2_3 << EOD
1.0 0.5594672851676411
2.0 0.5541335008938673
3.0 0.5593104420971157
4.0 0.5558105409550833
5.0 0.5576303821156194
6.0 0.5616531419722843
7.0 0.5685026038652421
8.0 0.5685120454162177
9.0 0.5759776720634043
10.0 0.5937100143502492
EOD
$p2_4 << EOD
1.0 0.5647507366487945
2.0 0.5541053895599425
3.0 0.5522592178538551
4.0 0.5529026978767108
5.0 0.5527472909642681
6.0 0.5605445178308698
7.0 0.5702368492112107
8.0 0.5802029209258469
9.0 0.5910796752874071
10.0 0.6283207948270955
EOD
$p2_5 << EOD
1.0 0.5613233295940803
2.0 0.5513375913761969
3.0 0.5506490919666674
4.0 0.55069346337083
5.0 0.5561271650903561
6.0 0.5685808499687088
7.0 0.5835974226275
8.0 0.5930175918681388
9.0 0.5989887498621402
10.0 0.6063888716541017
EOD
$p3_1 << EOD
1.0 0.7548014512120517
2.0 0.765683005535404
3.0 0.7687466345634746
4.0 0.7716864719548383
5.0 0.7727584346168714
6.0 0.7740941796627808
7.0 0.7736338205979266
8.0 0.7749409398184977
9.0 0.7753488974555731
10.0 0.7764201626999346
EOD
$p3_2 << EOD
1.0 0.7777970553884677
2.0 0.7840910913705278
3.0 0.7872962961859306
4.0 0.7885940319687385
5.0 0.7883762157495804
6.0 0.7898020227775343
7.0 0.7883342755868754
8.0 0.7876995621041243
9.0 0.786691603363861
10.0 0.7871535157680747
EOD
$p3_3 << EOD
1.0 0.7783087380537901
2.0 0.7847009514235277
3.0 0.7858334309189727
4.0 0.7888591140855482
5.0 0.7870334648261519
6.0 0.7872094359850147
7.0 0.787265514705971
8.0 0.786428233090427
9.0 0.7841078293946458
10.0 0.7850875110184067
EOD
$p3_4 << EOD
1.0 0.7733952720534405
2.0 0.7847376292528926
3.0 0.7859246341299344
4.0 0.7881100241046568
5.0 0.7876226242546269
6.0 0.7888476383947702
7.0 0.7861715516864796
8.0 0.7804661996208457
9.0 0.778216995929173
10.0 0.7802337693313875
EOD
$p3_5 << EOD
1.0 0.77584542713694
2.0 0.7868085159262617
3.0 0.7874366673427391
4.0 0.7899255608078151
5.0 0.7883412814643945
6.0 0.7881680682754149
7.0 0.7822413177998552
8.0 0.7806125305286661
9.0 0.7834835771769687
10.0 0.7764406414188366
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 1380,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'training-curves.svg'
set multiplot layout 1,3 title 'Validation runs: Wide, Deep and Wide & Deep on MovieLens (rating >= 4)' font ',16'

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

# Panel 2: validation log loss
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'validation log loss' font ',15'
set xlabel 'epoch'
set ylabel 'log loss'
unset key
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Wide', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Deep', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Wide & Deep', \
     $p2_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'Deep (Adam)', \
     $p2_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 dashtype 2 title 'Wide & Deep (Adam)'

# Panel 3: validation AUC
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'validation AUC' font ',15'
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
