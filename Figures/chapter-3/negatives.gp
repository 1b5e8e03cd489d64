# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.48886532343584305
2.0 0.5312831389183457
3.0 0.5238600212089077
4.0 0.5323435843054083
5.0 0.5217391304347826
6.0 0.5206786850477201
7.0 0.542948038176034
8.0 0.5291622481442205
9.0 0.5344644750795334
10.0 0.542948038176034
EOD
$p1_2 << EOD
1.0 0.5927889713679746
2.0 0.6086956521739131
3.0 0.623541887592789
4.0 0.6277836691410392
5.0 0.633085896076352
6.0 0.6277836691410392
7.0 0.6352067868504772
8.0 0.6521739130434783
9.0 0.630965005302227
10.0 0.6436903499469777
EOD
$p2_1 << EOD
1.0 0.27017512386956377
2.0 0.2934420592254509
3.0 0.2928993947067217
4.0 0.29378912335703566
5.0 0.29223284784092124
6.0 0.28872341375277766
7.0 0.29855180988379226
8.0 0.29257638505064704
9.0 0.2901553113110958
10.0 0.30121509674726915
EOD
$p2_2 << EOD
1.0 0.32087990826904833
2.0 0.33607833943472426
3.0 0.3493906612194716
4.0 0.34771459173516783
5.0 0.34917759925042147
6.0 0.3599652675647169
7.0 0.35792010563776483
8.0 0.366813589223571
9.0 0.36367701569693084
10.0 0.3658962343772046
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'negatives.svg'
set multiplot layout 1,2 title 'Negatives per positive (5 epochs each, one training seed)' font ',16'

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
