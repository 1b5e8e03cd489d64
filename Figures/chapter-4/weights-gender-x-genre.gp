# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0 0 0.14116118848323822 "0.14" 0
1 0 0.0 "0.00" 0
0 1 -0.22037465870380402 "-0.22" 0
1 1 0.0 "0.00" 0
0 2 -0.15691573917865753 "-0.16" 0
1 2 -0.022892136126756668 "-0.02" 0
0 3 0.062207527458667755 "0.06" 0
1 3 0.08932069689035416 "0.09" 0
0 4 0.008464186452329159 "0.01" 0
1 4 -0.1847478598356247 "-0.18" 0
0 5 -0.049132801592350006 "-0.05" 0
1 5 0.029977571219205856 "0.03" 0
0 6 -0.04181280732154846 "-0.04" 0
1 6 -0.015826590359210968 "-0.02" 0
0 7 0.26937276124954224 "0.27" 16777215
1 7 -0.0973699688911438 "-0.10" 0
0 8 -0.028662115335464478 "-0.03" 0
1 8 0.04325348511338234 "0.04" 0
0 9 0.03759326785802841 "0.04" 0
1 9 0.021297501400113106 "0.02" 0
0 10 -0.05162535607814789 "-0.05" 0
1 10 0.1629609763622284 "0.16" 0
0 11 -0.19725751876831055 "-0.20" 0
1 11 0.023194609209895134 "0.02" 0
0 12 0.2315347045660019 "0.23" 16777215
1 12 -0.060737885534763336 "-0.06" 0
0 13 -0.08894945681095123 "-0.09" 0
1 13 0.07376968115568161 "0.07" 0
0 14 0.24800235033035278 "0.25" 16777215
1 14 -0.05180544778704643 "-0.05" 0
0 15 -0.24551425874233246 "-0.25" 16777215
1 15 0.07409252971410751 "0.07" 0
0 16 -0.025143535807728767 "-0.03" 0
1 16 0.10780899971723557 "0.11" 0
0 17 0.028530487790703773 "0.03" 0
1 17 0.13328775763511658 "0.13" 0
0 18 -0.1302870362997055 "-0.13" 0
1 18 -0.03193363547325134 "-0.03" 0
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
set cbrange [-0.26937276124954224:0.26937276124954224]
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
