# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.6111742408752442
2.0 0.569676579284668
3.0 0.5581286986351013
4.0 0.5520966762542725
5.0 0.5482081094741821
6.0 0.5455822878360749
EOD
$p1_2 << EOD
1.0 0.5846569248199462
2.0 0.5389944339752197
3.0 0.5253865999221802
4.0 0.5163989052772522
5.0 0.5082488073348999
6.0 0.5003576076030731
EOD
$p1_3 << EOD
1.0 0.5901809158325195
2.0 0.5379818180084228
3.0 0.52138180642128
4.0 0.5097230848312377
5.0 0.4995982841014862
6.0 0.49057816314697267
EOD
$p1_4 << EOD
1.0 0.6038041856765747
2.0 0.5516583117485047
3.0 0.5369603598594666
4.0 0.5266548318862915
5.0 0.5179710383415222
6.0 0.5083148892402649
EOD
$p1_5 << EOD
1.0 0.596871885585785
2.0 0.5465401936531067
3.0 0.527150149345398
4.0 0.5136127678871155
5.0 0.5020136216163635
6.0 0.4918720865249634
EOD
$p2_1 << EOD
1.0 0.5864671786018394
2.0 0.5800483217802277
3.0 0.5730000903575452
4.0 0.5702727379971471
5.0 0.5688828256548398
6.0 0.5686891615585669
EOD
$p2_2 << EOD
1.0 0.5631075064648953
2.0 0.5592757331556306
3.0 0.5565176383614454
4.0 0.5556191411058115
5.0 0.5559772980609844
6.0 0.5575911920560507
EOD
$p2_3 << EOD
1.0 0.563105511871269
2.0 0.5579767218063227
3.0 0.5572918082034841
4.0 0.5555470360318085
5.0 0.5610230316677979
6.0 0.5647288096037112
EOD
$p2_4 << EOD
1.0 0.569085203282576
2.0 0.5603966150275893
3.0 0.5565473810493015
4.0 0.5558703289345218
5.0 0.5550951988423708
6.0 0.5578466285573658
EOD
$p2_5 << EOD
1.0 0.5709748288978064
2.0 0.5594508596900478
3.0 0.5549815650143086
4.0 0.5579827853123915
5.0 0.5594168721978396
6.0 0.562813974614372
EOD
$p3_1 << EOD
1.0 0.751104863924581
2.0 0.7604533426339873
3.0 0.7647589503095765
4.0 0.7675806423156577
5.0 0.7688720717803651
6.0 0.7693726757590984
EOD
$p3_2 << EOD
1.0 0.7744507870349432
2.0 0.780679402275637
3.0 0.7823551353200466
4.0 0.7833588716572072
5.0 0.7835945277918533
6.0 0.7839580571095407
EOD
$p3_3 << EOD
1.0 0.7741590859948955
2.0 0.781686087544625
3.0 0.7837993873497857
4.0 0.7850208987555801
5.0 0.7852884864510111
6.0 0.7846986798179433
EOD
$p3_4 << EOD
1.0 0.7680905389764728
2.0 0.7775177825402745
3.0 0.7806286826749617
4.0 0.782788613098006
5.0 0.7833558669895547
6.0 0.785551944628505
EOD
$p3_5 << EOD
1.0 0.7664677448319488
2.0 0.778438953853159
3.0 0.7825010770441476
4.0 0.7830965028617458
5.0 0.7825386227225696
6.0 0.7827822186788199
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
