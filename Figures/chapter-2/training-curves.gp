# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.4370221765158404
2.0 0.25034323269236614
3.0 0.21699034490018543
4.0 0.19720315709902642
5.0 0.1878156400350637
6.0 0.17514540559253644
7.0 0.1635422083797073
8.0 0.15976479747729708
9.0 0.15199213602053102
10.0 0.1476974361780694
11.0 0.1439450210302067
12.0 0.1381128429403909
13.0 0.13594635044650513
14.0 0.13296836837933662
15.0 0.13083301898505953
16.0 0.12961968571640725
17.0 0.12663759997725796
18.0 0.12627220565804523
19.0 0.12720671873684078
20.0 0.1255998144200606
EOD
$p1_2 << EOD
1.0 0.4039900565101195
2.0 0.3174985071562365
3.0 0.2891622788607304
4.0 0.2659784953261531
5.0 0.24881346134868396
6.0 0.23580176676274578
7.0 0.22425926825180842
8.0 0.21334181224652962
9.0 0.20391132425738243
10.0 0.19566382262903897
11.0 0.18874526482065826
12.0 0.1850213718237187
13.0 0.18064587991444023
14.0 0.17739381107094984
15.0 0.17479257184713695
EOD
$p2_1 << EOD
1.0 0.4740190880169671
2.0 0.5652173913043478
3.0 0.5970307529162248
4.0 0.601272534464475
5.0 0.6150583244962884
6.0 0.6139978791092259
7.0 0.6150583244962884
8.0 0.6129374337221634
9.0 0.6044538706256628
10.0 0.6362672322375398
11.0 0.633085896076352
12.0 0.6373276776246023
13.0 0.6405090137857901
14.0 0.6415694591728526
15.0 0.6426299045599152
16.0 0.6277836691410392
17.0 0.6383881230116649
18.0 0.6458112407211029
19.0 0.6447507953340403
20.0 0.6373276776246023
EOD
$p2_2 << EOD
1.0 0.4485683987274655
2.0 0.5323435843054083
3.0 0.5821845174973489
4.0 0.616118769883351
5.0 0.6405090137857901
6.0 0.6648992576882291
7.0 0.6648992576882291
8.0 0.6659597030752916
9.0 0.662778366914104
10.0 0.6595970307529162
11.0 0.6648992576882291
12.0 0.6744432661717922
13.0 0.6829268292682927
14.0 0.6532343584305408
15.0 0.6553552492046659
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,360 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'training-curves.svg'
set multiplot layout 1,2

# Panel 1: loss by epoch
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'loss by epoch' font ',15'
set xlabel 'epoch'
set ylabel 'training loss'
set key inside top right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'MF-BPR', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'MF-log loss'

# Panel 2: HR@10 (sampled) by epoch
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@10 (sampled) by epoch' font ',15'
set xlabel 'epoch'
set ylabel 'HR@10'
set key inside bottom right
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'MF-BPR', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'MF-log loss'

unset multiplot
unset output
