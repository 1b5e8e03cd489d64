# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
2.0 1.09995745850923
4.0 1.015442051287795
6.0 0.977778710030411
8.0 0.9449251586125273
10.0 0.9321067100387067
12.0 0.9254963676361423
14.0 0.9172590221870006
16.0 0.9116017834211293
18.0 0.9061229719508965
20.0 0.9038499279899886
22.0 0.9006597965106353
24.0 0.8979985552109164
26.0 0.8969677758724975
28.0 0.8976828744542709
30.0 0.8959584075258304
32.0 0.8939850943832336
34.0 0.8984788879803954
36.0 0.8944198100806198
38.0 0.8912579469629712
40.0 0.8935175893678086
42.0 0.8928745047820033
44.0 0.8950237051609574
46.0 0.8915885945876645
48.0 0.8901221138767258
EOD
$p1_2 << EOD
2.0 1.5281779975385583
4.0 1.1683519698980043
6.0 1.0913025849955829
8.0 1.0692366347755544
10.0 1.0517920137526484
12.0 1.0307232254719663
14.0 1.0281846212146393
16.0 1.0182635756753275
18.0 1.0109075543542398
20.0 1.0054173400698188
22.0 0.9934118007661529
24.0 0.9850108199375877
26.0 0.9772674377627679
28.0 0.9722926476057211
30.0 0.9668581469348935
32.0 0.9640869235888726
34.0 0.9608492340723217
36.0 0.9592628326349615
38.0 0.9564087045936668
40.0 0.9539933133586401
42.0 0.9516581833232074
44.0 0.9504583823557173
46.0 0.9514213452602606
48.0 0.9519119867986433
EOD
$p1_3 << EOD
1.0 0.9117665818255022
48.0 0.9117665818255022
EOD
$p1_4 << EOD
1.0 1.1254049242027038
48.0 1.1254049242027038
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'autorec-training.svg'

# Panel 1: Test RMSE while training (MovieLens-100K, 90/10)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Test RMSE while training (MovieLens-100K, 90/10)' font ',15'
set xlabel 'epoch'
set ylabel 'test RMSE'
set yrange [0.85:1.2]
set key inside top right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'I-AutoRec (seed 0)', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'U-AutoRec', \
     $p1_3 using 1:2 with lines linecolor rgb '#2ca02c' linewidth 2 dashtype 2 title 'MF (mean of 5 seeds)', \
     $p1_4 using 1:2 with lines linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'global mean'

unset output
