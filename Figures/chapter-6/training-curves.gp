# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 7.442703011322021
2.0 6.624143215942383
3.0 6.36950792312622
4.0 6.26434321899414
EOD
$p1_2 << EOD
1.0 6.985326378631592
2.0 6.614566767883301
3.0 6.486430739593506
4.0 6.411748554992676
EOD
$p1_3 << EOD
1.0 7.048061507415771
2.0 6.60737216873169
3.0 6.495569342041016
4.0 6.4350517570495605
EOD
$p1_4 << EOD
1.0 7.446357388305664
2.0 7.10627798461914
3.0 7.006634375
4.0 6.943974181365967
EOD
$p2_1 << EOD
1.0 0.2728
2.0 0.2495
3.0 0.23045
EOD
$p2_2 << EOD
1.0 0.33045
2.0 0.38025
3.0 0.36675
4.0 0.35105
EOD
$p2_3 << EOD
1.0 0.14145
2.0 0.1712
3.0 0.1961
4.0 0.201
EOD
$p2_4 << EOD
1.0 0.37175
2.0 0.3938
3.0 0.40225
4.0 0.40455
EOD
$p2_5 << EOD
1.0 0.3787
2.0 0.3945
3.0 0.40325
4.0 0.40355
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,620 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'training-curves.svg'
set multiplot layout 1,2 title 'Two-tower training on the TFRS split' font ',16'

# Panel 1: training loss (mean per pair)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'training loss (mean per pair)' font ',15'
set xlabel 'epoch'
set ylabel 'softmax loss'
unset key
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Id-only, normalised + log-Q', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Content towers', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Content towers + log-Q', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'Content towers + log-Q + mixed negatives'

# Panel 2: test top-100 accuracy
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'test top-100 accuracy' font ',15'
set xlabel 'epoch'
set ylabel 'top-100 accuracy'
set key outside bottom center horizontal
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#7f7f7f' linewidth 2 dashtype 2 title 'Id-only, TFRS setting', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Id-only, normalised + log-Q', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Content towers', \
     $p2_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Content towers + log-Q', \
     $p2_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'Content towers + log-Q + mixed negatives'

unset multiplot
unset output
