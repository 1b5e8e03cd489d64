# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0 0 1.0 "1.00" 0
1 0 0.5 "0.50" 0
2 0 0.4 "0.40" 16777215
3 0 0.6 "0.60" 0
0 1 0.5 "0.50" 0
1 1 1.0 "1.00" 0
2 1 0.6666666666666666 "0.67" 0
3 1 0.2 "0.20" 16777215
0 2 0.4 "0.40" 16777215
1 2 0.6666666666666666 "0.67" 0
2 2 1.0 "1.00" 0
3 2 0.4 "0.40" 16777215
0 3 0.6 "0.60" 0
1 3 0.2 "0.20" 16777215
2 3 0.4 "0.40" 16777215
3 3 1.0 "1.00" 0
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 520,440 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'jaccard-heatmap.svg'

# Panel 1: Jaccard similarity of the toy users
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set title 'Jaccard similarity of the toy users' font ',15'
set palette defined (0.0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1.0 '#fde725')
set cbrange [0.0:1.0]
set colorbox
set cbtics scale 0.5 textcolor rgb '#262626'
unset grid
set xrange [-0.5:3.5]
set yrange [3.5:-0.5]
set border 0
set tics scale 0
set xtics ('u1' 0, 'u2' 1, 'u3' 2, 'u4' 3)
set ytics ('u1' 0, 'u2' 1, 'u3' 2, 'u4' 3)
unset key
plot $p1_1 using 1:2:(0.5):(0.5):3 with boxxyerror fillstyle solid 1.0 noborder linecolor palette notitle, \
     $p1_1 using 1:2:4:5 with labels center font ',13' textcolor rgb variable notitle

unset output
