# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.5217391304347826
2.0 0.5121951219512195
3.0 0.5334040296924708
4.0 0.5068928950159067
5.0 0.528101802757158
6.0 0.5376458112407211
7.0 0.5291622481442205
8.0 0.5344644750795334
9.0 0.5344644750795334
10.0 0.5482502651113468
EOD
$p1_2 << EOD
1.0 0.5577942735949099
2.0 0.616118769883351
3.0 0.630965005302227
4.0 0.6171792152704135
5.0 0.6426299045599152
6.0 0.6383881230116649
7.0 0.6415694591728526
8.0 0.6299045599151644
9.0 0.6383881230116649
10.0 0.6500530222693531
EOD
$p2_1 << EOD
1.0 0.28461402572309347
2.0 0.2845380273144116
3.0 0.2955063379159325
4.0 0.2833093096825521
5.0 0.2917299906183687
6.0 0.2925820419543476
7.0 0.2904432363147142
8.0 0.2978531113306021
9.0 0.2936381607168069
10.0 0.29990885136685563
EOD
$p2_2 << EOD
1.0 0.3009284500038319
2.0 0.3435166971892753
3.0 0.35379397439756066
4.0 0.3469883931093511
5.0 0.36004274942778114
6.0 0.3571553529697096
7.0 0.36123261450276534
8.0 0.3605145806434416
9.0 0.3668627177318421
10.0 0.3614431048128741
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'negatives.svg'
set multiplot layout 1,2 title 'Negatives per positive (5 epochs each)' font ',16'

# Panel 1: HR@10 by negatives per positive
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@10 by negatives per positive' font ',15'
set xlabel 'negatives per positive'
set ylabel 'HR@10'
set key inside bottom right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'GMF', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'NeuMF'

# Panel 2: NDCG@10 by negatives per positive
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'NDCG@10 by negatives per positive' font ',15'
set xlabel 'negatives per positive'
set ylabel 'NDCG@10'
set key inside bottom right
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'GMF', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'NeuMF'

unset multiplot
unset output
