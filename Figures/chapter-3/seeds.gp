# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.41039236479321317
2.0 0.6097560975609756
3.0 0.6447507953340403
3.0 0.6383881230116649
3.0 0.6362672322375398
3.0 0.6436903499469777
3.0 0.6076352067868505
4.0 0.6415694591728526
4.0 0.6585365853658537
4.0 0.6352067868504772
4.0 0.6500530222693531
4.0 0.630965005302227
5.0 0.6383881230116649
5.0 0.6341463414634146
5.0 0.6150583244962884
5.0 0.630965005302227
5.0 0.6002120890774125
6.0 0.6267232237539767
6.0 0.6447507953340403
6.0 0.6405090137857901
6.0 0.6139978791092259
6.0 0.6224814422057264
7.0 0.6511134676564156
7.0 0.6458112407211029
7.0 0.6267232237539767
7.0 0.6426299045599152
7.0 0.6267232237539767
EOD
$p1_2 << EOD
1.0 0.41039236479321317
2.0 0.6097560975609756
3.0 0.6341463414634146
4.0 0.6432661717921527
5.0 0.6237539766702015
6.0 0.6296924708377518
7.0 0.6386002120890775
EOD
$p2_1 << EOD
1.0 0.08589607635206786
2.0 0.11876988335100742
3.0 0.12407211028632026
3.0 0.1283138918345705
3.0 0.10922587486744433
3.0 0.13043478260869565
3.0 0.12195121951219512
4.0 0.11983032873807
4.0 0.1102863202545069
4.0 0.11876988335100742
4.0 0.11770943796394485
4.0 0.12513255567338283
5.0 0.12513255567338283
5.0 0.1357370095440085
5.0 0.11983032873807
5.0 0.12513255567338283
5.0 0.11876988335100742
6.0 0.12513255567338283
6.0 0.1325556733828208
6.0 0.10922587486744433
6.0 0.12407211028632026
6.0 0.1420996818663839
7.0 0.13679745493107104
7.0 0.1420996818663839
7.0 0.12301166489925769
7.0 0.12513255567338283
7.0 0.1261930010604454
EOD
$p2_2 << EOD
1.0 0.08589607635206786
2.0 0.11876988335100742
3.0 0.12279957582184517
4.0 0.1183457051961824
5.0 0.12492046659597034
6.0 0.12661717921527044
7.0 0.13064687168610817
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,520 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'seeds.svg'
set multiplot layout 1,2

# Panel 1: HR@10, sampled protocol (1 + 99)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@10, sampled protocol (1 + 99)' font ',15'
set ylabel 'HR@10'
set xrange [0.5:7.5]
set key outside bottom center horizontal
set xtics rotate by -30 ("ItemPop" 1, "ItemKNN" 2, "MF-BPR" 3, "GMF" 4, "MLP" 5, "NeuMF" 6, "NeuMF (pretrained)" 7)
plot $p1_1 using 1:2 with points pointtype 7 pointsize 1.2000000000000002 linecolor rgb '#1f77b4' title 'one training seed', \
     $p1_2 using 1:2 with points pointtype 2 pointsize 3.75 linecolor rgb '#ff7f0e' title 'mean'

# Panel 2: HR@10, full ranking
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@10, full ranking' font ',15'
set ylabel 'HR@10'
set xrange [0.5:7.5]
set key outside bottom center horizontal
set xtics rotate by -30 ("ItemPop" 1, "ItemKNN" 2, "MF-BPR" 3, "GMF" 4, "MLP" 5, "NeuMF" 6, "NeuMF (pretrained)" 7)
plot $p2_1 using 1:2 with points pointtype 7 pointsize 1.2000000000000002 linecolor rgb '#1f77b4' title 'one training seed', \
     $p2_2 using 1:2 with points pointtype 2 pointsize 3.75 linecolor rgb '#ff7f0e' title 'mean'

unset multiplot
unset output
