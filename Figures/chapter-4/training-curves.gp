# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.6145760968526205
2.0 0.5716904321776496
3.0 0.5593832504484388
4.0 0.5528775897555881
5.0 0.548608976787991
6.0 0.5457654925452339
7.0 0.5436365678575303
8.0 0.5417051565912034
9.0 0.5405834440655178
10.0 0.53943590037028
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
1.0 0.5914501305686103
2.0 0.5377731020715502
3.0 0.5190760094854566
4.0 0.5057688513331943
5.0 0.4942713753382365
6.0 0.4846824983490838
7.0 0.47581647539138794
8.0 0.4673327003055149
9.0 0.45888660724957786
10.0 0.4514570692645179
EOD
$p1_4 << EOD
1.0 0.6105681051148308
2.0 0.5517233107884725
3.0 0.5350282878345913
4.0 0.522197980456882
5.0 0.5112689699861739
6.0 0.5025343686739604
7.0 0.4946268789768219
8.0 0.48783946969774034
9.0 0.4798566379547119
10.0 0.4716871157752143
EOD
$p1_5 << EOD
1.0 0.6000367650985717
2.0 0.5486974820825788
3.0 0.5285398149490357
4.0 0.5137378459241655
5.0 0.5021995650397406
6.0 0.4918421185281542
7.0 0.4811211538579729
8.0 0.4701306233935886
9.0 0.45945971727371215
10.0 0.44872246572706437
EOD
$p2_1 << EOD
1.0 0.586256948234804
2.0 0.5740496890701491
3.0 0.5692904228050104
4.0 0.5678773132430066
5.0 0.567176905252264
6.0 0.5644928114427474
7.0 0.5631514322608145
8.0 0.565342204934192
9.0 0.5633473109288695
10.0 0.5627307818941316
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
1.0 0.559815046093532
2.0 0.554973543597873
3.0 0.5596666943185543
4.0 0.5567096254810394
5.0 0.5581502432151151
6.0 0.5628822649883611
7.0 0.568006992653872
8.0 0.5703492983323963
9.0 0.576283374050739
10.0 0.5928889812729355
EOD
$p2_4 << EOD
1.0 0.5635049661997205
2.0 0.5560840558690953
3.0 0.5479098483286846
4.0 0.5486618923682203
5.0 0.5499540582852817
6.0 0.5521843061578373
7.0 0.5519359514200957
8.0 0.5561759762877421
9.0 0.5586222930616381
10.0 0.5690940159661696
EOD
$p2_5 << EOD
1.0 0.566250275191224
2.0 0.5549042360924465
3.0 0.5515700675513666
4.0 0.5518533430013783
5.0 0.5548025178567438
6.0 0.5561449977343562
7.0 0.5626398193359847
8.0 0.5674403578724225
9.0 0.5761276181903011
10.0 0.5790503997307657
EOD
$p3_1 << EOD
1.0 0.7546764866456245
2.0 0.7666667131611781
3.0 0.7694037288133229
4.0 0.7714636470087661
5.0 0.7726439630163213
6.0 0.7738828621082898
7.0 0.7752722449133049
8.0 0.7747565996475758
9.0 0.7758323030043929
10.0 0.7762082111293785
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
1.0 0.7779566055312449
2.0 0.7843300837262595
3.0 0.7855250455049181
4.0 0.7885547229727036
5.0 0.7859779231802043
6.0 0.7866152361288222
7.0 0.7862052813411418
8.0 0.7851431142273142
9.0 0.7827915486419345
10.0 0.7820630641831581
EOD
$p3_4 << EOD
1.0 0.7736779481160562
2.0 0.782145676476438
3.0 0.7886240526294199
4.0 0.7896486225905883
5.0 0.790794543226613
6.0 0.7907616060920322
7.0 0.7892759479475346
8.0 0.788510468651361
9.0 0.7893209947889586
10.0 0.787423796816618
EOD
$p3_5 << EOD
1.0 0.7711413132412797
2.0 0.7831557908713226
3.0 0.7869327830750172
4.0 0.7888579411558277
5.0 0.7870999414105754
6.0 0.7873926666278226
7.0 0.7888806706317608
8.0 0.7870210698120795
9.0 0.7857370604770806
10.0 0.7807210106774012
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
