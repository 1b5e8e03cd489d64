# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
25.0 1.1885642880023894
100.0 0.98091760692827
250.0 0.9495220153213014
500.0 0.9190673261876771
750.0 0.9104565594207221
EOD
$p2_1 << EOD
-4.000000010971202 0.9185026529037869
-2.9999999793721197 0.919462352831948
-2.5228787415053002 0.9190673261876771
-2.000000009707238 0.9475464254950677
-1.5228787549875757 1.0122637132988033
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'autorec-capacity.svg'
set multiplot layout 1,2 title 'I-AutoRec after 25 epochs, on the validation split' font ',16'

# Panel 1: Hidden units k (lambda = 0.003)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Hidden units k (lambda = 0.003)' font ',15'
set xlabel 'hidden units k'
set ylabel 'validation RMSE'
set logscale x 10
set mxtics 10
set xtics add (20.0, 50.0, 200.0, 500.0)
set grid mxtics linetype 1 linecolor rgb '#f0f0f0' linewidth 1, linetype 1 linecolor rgb '#f0f0f0' linewidth 1
set key inside top right
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'I-AutoRec'

# Panel 2: L2 weight lambda (k = 500)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'L2 weight lambda (k = 500)' font ',15'
set xlabel 'log10(lambda)'
set ylabel 'validation RMSE'
set key inside top left
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 title 'I-AutoRec'

unset multiplot
unset output
