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
1.0 0.15588547189819724
2.0 0.23753976670201485
3.0 0.3117709437963945
4.0 0.3806998939554613
5.0 0.4496288441145281
6.0 0.4931071049840933
7.0 0.5397667020148462
8.0 0.584305408271474
9.0 0.6065747613997879
10.0 0.6352067868504772
EOD
$p1_4 << EOD
1.0 0.14422057264050903
2.0 0.2492046659597031
3.0 0.3361611876988335
4.0 0.4019088016967126
5.0 0.44750795334040294
6.0 0.4931071049840933
7.0 0.542948038176034
8.0 0.584305408271474
9.0 0.6023329798515377
10.0 0.630965005302227
EOD
$p1_5 << EOD
1.0 0.1474019088016967
2.0 0.23966065747614
3.0 0.3181336161187699
4.0 0.38918345705196183
5.0 0.4337221633085896
6.0 0.46977730646871685
7.0 0.513255567338282
8.0 0.5514316012725344
9.0 0.5811240721102863
10.0 0.6171792152704135
EOD
$p1_6 << EOD
1.0 0.14528101802757157
2.0 0.25026511134676566
3.0 0.34146341463414637
4.0 0.4019088016967126
5.0 0.45068928950159065
6.0 0.5005302226935313
7.0 0.5461293743372216
8.0 0.5821845174973489
9.0 0.6139978791092259
10.0 0.6468716861081655
EOD
$p1_7 << EOD
1.0 0.15164369034994699
2.0 0.2545068928950159
3.0 0.3297985153764581
4.0 0.39236479321314954
5.0 0.44538706256627786
6.0 0.4941675503711559
7.0 0.5365853658536586
8.0 0.574761399787911
9.0 0.6055143160127253
10.0 0.6288441145281018
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
1.0 0.15588547189819724
2.0 0.20740359599682068
3.0 0.24451918454401048
4.0 0.27420526755013
5.0 0.3008706254188949
6.0 0.3163578944235916
7.0 0.33191109343384273
8.0 0.3459614909152855
9.0 0.3526652341909414
10.0 0.3609417456549741
EOD
$p2_4 << EOD
1.0 0.14422057264050903
2.0 0.21045816076731055
3.0 0.2539364216368757
4.0 0.28225237773502065
5.0 0.299892537555896
6.0 0.31613528309740707
7.0 0.3327489274947209
8.0 0.3457957251560606
9.0 0.3512225649506392
10.0 0.3594990764146718
EOD
$p2_5 << EOD
1.0 0.1474019088016967
2.0 0.20561069836767382
3.0 0.24484717768898873
4.0 0.2754466786337582
5.0 0.2926766021797295
6.0 0.3055197033055757
7.0 0.32001245692876423
8.0 0.33205565477000104
9.0 0.3409939791375425
10.0 0.351416252832991
EOD
$p2_6 << EOD
1.0 0.14528101802757157
2.0 0.21151860615437307
3.0 0.2571177577980634
4.0 0.2831501690495835
5.0 0.3020210376951711
6.0 0.31977473631031134
7.0 0.3349744535248749
8.0 0.34634858481937625
9.0 0.35592536092745625
10.0 0.3654280222380124
EOD
$p2_7 << EOD
1.0 0.15164369034994699
2.0 0.21654314538327774
3.0 0.2541889566239988
4.0 0.28113478581416895
5.0 0.3016465995593729
6.0 0.3190225599061059
7.0 0.33316183173360675
8.0 0.3452050295748434
9.0 0.35446257981265406
10.0 0.36120640396853254
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
