# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0 0 0.05435383692383766 "0.05" 0
1 0 0.007294137496501207 "0.01" 0
0 1 -0.12439728528261185 "-0.12" 0
1 1 0.0792139321565628 "0.08" 0
0 2 -0.013552124612033367 "-0.01" 0
1 2 0.08051387220621109 "0.08" 0
0 3 0.06980577111244202 "0.07" 0
1 3 0.1056051254272461 "0.11" 0
0 4 0.022483738139271736 "0.02" 0
1 4 -0.11154871433973312 "-0.11" 0
0 5 -0.036942098289728165 "-0.04" 0
1 5 0.042416051030159 "0.04" 0
0 6 -0.06713245064020157 "-0.07" 0
1 6 -0.0030171331018209457 "-0.00" 0
0 7 0.26899904012680054 "0.27" 16777215
1 7 0.0678117424249649 "0.07" 0
0 8 -0.011134399101138115 "-0.01" 0
1 8 0.10595755279064178 "0.11" 0
0 9 0.01593785732984543 "0.02" 0
1 9 -0.048407770693302155 "-0.05" 0
0 10 -0.06853698194026947 "-0.07" 0
1 10 0.024569688364863396 "0.02" 0
0 11 -0.2309490591287613 "-0.23" 0
1 11 -0.021200016140937805 "-0.02" 0
0 12 0.18766836822032928 "0.19" 0
1 12 -0.18826797604560852 "-0.19" 0
0 13 -0.05990607663989067 "-0.06" 0
1 13 0.07899734377861023 "0.08" 0
0 14 0.08759055286645889 "0.09" 0
1 14 -0.08320009708404541 "-0.08" 0
0 15 -0.17354440689086914 "-0.17" 0
1 15 0.09521616250276566 "0.10" 0
0 16 -0.05024026706814766 "-0.05" 0
1 16 0.055007241666316986 "0.06" 0
0 17 -0.0966118723154068 "-0.10" 0
1 17 0.1146908700466156 "0.11" 0
0 18 -0.09408430755138397 "-0.09" 0
1 18 0.10052991658449173 "0.10" 0
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
set cbrange [-0.26899904012680054:0.26899904012680054]
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
