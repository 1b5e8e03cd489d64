# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.751104863924581
2.0 0.7604533426339873
3.0 0.7647589503095765
4.0 0.7675806423156577
5.0 0.7688720717803651
6.0 0.7693726757590984
EOD
$p1_2 << EOD
1.0 0.7744507870349432
2.0 0.780679402275637
3.0 0.7823551353200466
4.0 0.7833588716572072
5.0 0.7835945277918533
6.0 0.7839580571095407
EOD
$p1_3 << EOD
1.0 0.7741590859948955
2.0 0.781686087544625
3.0 0.7837993873497857
4.0 0.7850208987555801
5.0 0.7852884864510111
6.0 0.7846986798179433
EOD
$p1_4 << EOD
1.0 0.7680905389764728
2.0 0.7775177825402745
3.0 0.7806286826749617
4.0 0.782788613098006
5.0 0.7833558669895547
6.0 0.785551944628505
EOD
$p1_5 << EOD
1.0 0.7664677448319488
2.0 0.778438953853159
3.0 0.7825010770441476
4.0 0.7830965028617458
5.0 0.7825386227225696
6.0 0.7827822186788199
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 800,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'test-auc.svg'

# Panel 1: Test AUC by epoch
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Test AUC by epoch' font ',15'
set xlabel 'epoch'
set ylabel 'AUC'
set key inside bottom right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'Wide', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 title 'Deep', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'Wide & Deep', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 dashtype 2 title 'Deep (Adam)', \
     $p1_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 dashtype 2 title 'Wide & Deep (Adam)'

unset output
