# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.09013785790031813
2.0 0.14952279957582185
3.0 0.19406150583244963
4.0 0.23647932131495228
5.0 0.27465535524920465
6.0 0.30010604453870626
7.0 0.3255567338282078
8.0 0.34994697773064687
9.0 0.3828207847295864
10.0 0.41039236479321317
EOD
$p1_2 << EOD
1.0 0.14422057264050903
2.0 0.23647932131495228
3.0 0.3075291622481442
4.0 0.37009544008483564
5.0 0.42948038176033937
6.0 0.4782608695652174
7.0 0.5185577942735949
8.0 0.5514316012725344
9.0 0.5864262990455992
10.0 0.6097560975609756
EOD
$p1_3 << EOD
1.0 0.15906680805938495
2.0 0.27465535524920465
3.0 0.3584305408271474
4.0 0.41675503711558853
5.0 0.46447507953340406
6.0 0.5153764581124072
7.0 0.5440084835630965
8.0 0.5885471898197243
9.0 0.6277836691410392
10.0 0.6447507953340403
EOD
$p1_4 << EOD
1.0 0.1474019088016967
2.0 0.25556733828207845
3.0 0.33191940615058324
4.0 0.391304347826087
5.0 0.4443266171792153
6.0 0.503711558854719
7.0 0.5376458112407211
8.0 0.5874867444326617
9.0 0.6139978791092259
10.0 0.6415694591728526
EOD
$p1_5 << EOD
1.0 0.15164369034994699
2.0 0.2492046659597031
3.0 0.32025450689289503
4.0 0.3902439024390244
5.0 0.4559915164369035
6.0 0.503711558854719
7.0 0.5546129374337222
8.0 0.591728525980912
9.0 0.6203605514316013
10.0 0.6383881230116649
EOD
$p1_6 << EOD
1.0 0.14316012725344646
2.0 0.24284199363732767
3.0 0.3181336161187699
4.0 0.37645811240721105
5.0 0.4369034994697773
6.0 0.48462354188759277
7.0 0.5323435843054083
8.0 0.5673382820784729
9.0 0.5980911983032874
10.0 0.6267232237539767
EOD
$p1_7 << EOD
1.0 0.14634146341463414
2.0 0.2545068928950159
3.0 0.33085896076352067
4.0 0.4050901378579003
5.0 0.45705196182396607
6.0 0.5153764581124072
7.0 0.5683987274655355
8.0 0.6002120890774125
9.0 0.6299045599151644
10.0 0.6511134676564156
EOD
$p2_1 << EOD
1.0 0.09013785790031813
2.0 0.12760558451749893
3.0 0.1498749376458128
4.0 0.16814329641880926
5.0 0.1829118023153558
6.0 0.1919775207571295
7.0 0.20046108385363012
8.0 0.20815534914108696
9.0 0.21805135111943633
10.0 0.22602132512183823
EOD
$p2_2 << EOD
1.0 0.14422057264050903
2.0 0.20242936220648608
3.0 0.23795428267308202
4.0 0.2649001118632521
5.0 0.28787334325788044
6.0 0.3052493036046134
7.0 0.3186816118407394
8.0 0.3290521433151378
9.0 0.33958659703402555
10.0 0.3463304211899041
EOD
$p2_3 << EOD
1.0 0.15906680805938495
2.0 0.23199506165354014
3.0 0.27388265444251153
4.0 0.2990016477553823
5.0 0.3174622801260657
6.0 0.33559371700961316
7.0 0.34513772549317623
8.0 0.359188122974619
9.0 0.3709994801745841
10.0 0.3759040795606776
EOD
$p2_4 << EOD
1.0 0.1474019088016967
2.0 0.21564669656870433
3.0 0.2538227305029567
4.0 0.27939843278515203
5.0 0.2999102465303559
6.0 0.32106358956116093
7.0 0.3323750070231617
8.0 0.3480980708714433
9.0 0.3560787176281765
10.0 0.3640486916305784
EOD
$p2_5 << EOD
1.0 0.15164369034994699
2.0 0.21319781264960094
3.0 0.24872273311619686
4.0 0.27886552509164125
5.0 0.30430017413569393
6.0 0.3212983962140198
7.0 0.3382655224070213
8.0 0.3499741869748903
9.0 0.35859328547216224
10.0 0.3638044223198865
EOD
$p2_6 << EOD
1.0 0.14316012725344646
2.0 0.20605238264657114
3.0 0.24369819388729216
4.0 0.26881718720016257
5.0 0.2922006548696948
6.0 0.30919887694802056
7.0 0.3251055577539593
8.0 0.3361451557750929
9.0 0.34540270601290357
10.0 0.3536792174769363
EOD
$p2_7 << EOD
1.0 0.14634146341463414
2.0 0.21458625118164185
3.0 0.2527622851158942
4.0 0.28473191296863837
5.0 0.30483349043893815
6.0 0.3256090952013361
7.0 0.34328318498571236
8.0 0.3533191831867429
9.0 0.3622575075542839
10.0 0.3683882567869009
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,480 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'hr-at-k.svg'
set multiplot layout 1,2

# Panel 1: HR@K by K
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@K by K' font ',15'
set xlabel 'K'
set ylabel 'HR@K'
set key outside bottom center horizontal
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 dashtype 2 title 'ItemPop', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 dashtype 2 title 'ItemKNN', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'MF-BPR', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'GMF', \
     $p1_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 title 'MLP', \
     $p1_6 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#8c564b' linewidth 2 title 'NeuMF', \
     $p1_7 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#e377c2' linewidth 2 title 'NeuMF (pretrained)'

# Panel 2: NDCG@K by K
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'NDCG@K by K' font ',15'
set xlabel 'K'
set ylabel 'NDCG@K'
set key outside bottom center horizontal
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 dashtype 2 title 'ItemPop', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 dashtype 2 title 'ItemKNN', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'MF-BPR', \
     $p2_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'GMF', \
     $p2_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 title 'MLP', \
     $p2_6 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#8c564b' linewidth 2 title 'NeuMF', \
     $p2_7 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#e377c2' linewidth 2 title 'NeuMF (pretrained)'

unset multiplot
unset output
