# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.0975609756097561
2.0 0.15164369034994699
3.0 0.19406150583244963
4.0 0.2301166489925769
5.0 0.271474019088017
6.0 0.3054082714740191
7.0 0.33085896076352067
8.0 0.34994697773064687
9.0 0.3711558854718982
10.0 0.40402969247083775
EOD
$p1_2 << EOD
1.0 0.13361611876988336
2.0 0.2354188759278897
3.0 0.3181336161187699
4.0 0.3860021208907741
5.0 0.43478260869565216
6.0 0.47720042417815484
7.0 0.513255567338282
8.0 0.5514316012725344
9.0 0.5758218451749735
10.0 0.6086956521739131
EOD
$p1_3 << EOD
1.0 0.17073170731707318
2.0 0.2735949098621421
3.0 0.3605514316012725
4.0 0.41145281018027574
5.0 0.46447507953340406
6.0 0.5047720042417816
7.0 0.5546129374337222
8.0 0.5927889713679746
9.0 0.6246023329798516
10.0 0.6521739130434783
EOD
$p1_4 << EOD
1.0 0.1792152704135737
2.0 0.2788971367974549
3.0 0.34676564156945916
4.0 0.3997879109225875
5.0 0.45811240721102864
6.0 0.5090137857900318
7.0 0.5471898197242842
8.0 0.5811240721102863
9.0 0.616118769883351
10.0 0.6362672322375398
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'hr-at-k-sampled-preview.svg'

# Panel 1: HR@K, sampled protocol (1 + 99)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@K, sampled protocol (1 + 99)' font ',15'
set xlabel 'K'
set ylabel 'HR@K'
set yrange [0.0:*]
set key inside top left
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'ItemPop', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'ItemKNN', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'MF-BPR', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'MF-log loss'

unset output
