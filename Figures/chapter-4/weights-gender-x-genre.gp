# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0 0 0.12696808576583862 "0.13" 0
1 0 -0.08556181937456131 "-0.09" 0
0 1 -0.05915794521570206 "-0.06" 0
1 1 0.12630853056907654 "0.13" 0
0 2 -0.004421869292855263 "-0.00" 0
1 2 0.1128111183643341 "0.11" 0
0 3 0.2520903944969177 "0.25" 16777215
1 3 0.168232262134552 "0.17" 0
0 4 0.08185164630413055 "0.08" 0
1 4 -0.07219739258289337 "-0.07" 0
0 5 -0.08729085326194763 "-0.09" 0
1 5 0.004567361902445555 "0.00" 0
0 6 -0.03994389623403549 "-0.04" 0
1 6 0.019067872315645218 "0.02" 0
0 7 0.22695600986480713 "0.23" 16777215
1 7 -0.07889437675476074 "-0.08" 0
0 8 -0.05306606739759445 "-0.05" 0
1 8 0.04594327136874199 "0.05" 0
0 9 0.05189153552055359 "0.05" 0
1 9 0.08497849106788635 "0.08" 0
0 10 -0.10781113803386688 "-0.11" 0
1 10 0.07667773216962814 "0.08" 0
0 11 -0.19552259147167206 "-0.20" 0
1 11 0.04575634002685547 "0.05" 0
0 12 0.25051242113113403 "0.25" 16777215
1 12 -0.11347004026174545 "-0.11" 0
0 13 -0.10722928494215012 "-0.11" 0
1 13 0.15046167373657227 "0.15" 0
0 14 0.15810489654541016 "0.16" 0
1 14 -0.12220755219459534 "-0.12" 0
0 15 -0.13057272136211395 "-0.13" 0
1 15 0.17991042137145996 "0.18" 0
0 16 -0.04116666316986084 "-0.04" 0
1 16 0.14798504114151 "0.15" 0
0 17 0.045371320098638535 "0.05" 0
1 17 0.14982934296131134 "0.15" 0
0 18 -0.13285653293132782 "-0.13" 0
1 18 0.07302195578813553 "0.07" 0
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 560,760 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'weights-gender-x-genre.svg'

# Panel 1: Wide weights of AND(gender, genre)
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set title 'Wide weights of AND(gender, genre)' font ',15'
set xlabel 'gender'
set ylabel 'genre'
set palette defined (0.0 '#2166ac', 0.25 '#92c5de', 0.5 '#f7f7f7', 0.75 '#f4a582', 1.0 '#b2182b')
set cbrange [-0.2520903944969177:0.2520903944969177]
set colorbox
set cbtics scale 0.5 textcolor rgb '#262626'
unset grid
set xrange [-0.5:1.5]
set yrange [18.5:-0.5]
set border 0
set tics scale 0
set xtics ('F' 0, 'M' 1)
set ytics ('unknown' 0, 'Action' 1, 'Adventure' 2, 'Animation' 3, 'Children''s' 4, 'Comedy' 5, 'Crime' 6, 'Documentary' 7, 'Drama' 8, 'Fantasy' 9, 'Film-Noir' 10, 'Horror' 11, 'Musical' 12, 'Mystery' 13, 'Romance' 14, 'Sci-Fi' 15, 'Thriller' 16, 'War' 17, 'Western' 18)
unset key
plot $p1_1 using 1:2:(0.5):(0.5):3 with boxxyerror fillstyle solid 1.0 noborder linecolor palette notitle, \
     $p1_1 using 1:2:4:5 with labels center font ',13' textcolor rgb variable notitle

unset output
