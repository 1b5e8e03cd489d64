# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.43514278677390833
2.0 0.2588585312129299
3.0 0.22137548264298945
4.0 0.20149333182077384
5.0 0.1863476173706757
6.0 0.1721776923121408
7.0 0.16503455899944602
8.0 0.1588522573735671
9.0 0.1522079645932799
10.0 0.14746342223975084
11.0 0.141045620506124
12.0 0.14106934627359227
13.0 0.1339710856130881
14.0 0.1321816544508133
15.0 0.13127694047929706
16.0 0.1300685273276435
17.0 0.12695837365487442
18.0 0.1252710279799247
19.0 0.12429446825223375
20.0 0.12711716724381583
EOD
$p1_2 << EOD
1.0 0.39806079307729886
2.0 0.3037229673036925
3.0 0.2845261644485385
4.0 0.26621645866130367
5.0 0.25047305096951566
6.0 0.23709103448138372
7.0 0.2239375481463834
8.0 0.21371066590304214
9.0 0.20414528053552297
10.0 0.19649591164841515
11.0 0.18952581721913908
12.0 0.18471787571522
13.0 0.18134351345380764
14.0 0.17785853931839152
15.0 0.1740618312428164
EOD
$p2_1 << EOD
1.0 0.4634146341463415
2.0 0.5365853658536586
3.0 0.5949098621420997
4.0 0.5906680805938495
5.0 0.6129374337221634
6.0 0.6193001060445387
7.0 0.6182396606574762
8.0 0.6341463414634146
9.0 0.630965005302227
10.0 0.6415694591728526
11.0 0.647932131495228
12.0 0.6468716861081655
13.0 0.6373276776246023
14.0 0.6405090137857901
15.0 0.6458112407211029
16.0 0.647932131495228
17.0 0.6458112407211029
18.0 0.6606574761399788
19.0 0.6564156945917285
20.0 0.6521739130434783
EOD
$p2_2 << EOD
1.0 0.4867444326617179
2.0 0.545068928950159
3.0 0.5864262990455992
4.0 0.6118769883351007
5.0 0.6468716861081655
6.0 0.6532343584305408
7.0 0.6755037115588547
8.0 0.6670201484623541
9.0 0.6776246023329798
10.0 0.6564156945917285
11.0 0.6500530222693531
12.0 0.6458112407211029
13.0 0.6383881230116649
14.0 0.6362672322375398
15.0 0.6362672322375398
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
