# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1_1 << EOD
0.0 725.0 0.7360000000000001
1.0 505.0 0.7360000000000001
2.0 251.0 0.7360000000000001
3.0 251.0 0.7360000000000001
4.0 247.0 0.7360000000000001
5.0 135.0 0.7360000000000001
6.0 122.0 0.7360000000000001
7.0 109.0 0.7360000000000001
8.0 101.0 0.7360000000000001
9.0 92.0 0.7360000000000001
10.0 71.0 0.7360000000000001
11.0 61.0 0.7360000000000001
12.0 56.0 0.7360000000000001
13.0 50.0 0.7360000000000001
14.0 42.0 0.7360000000000001
15.0 27.0 0.7360000000000001
16.0 24.0 0.7360000000000001
17.0 22.0 0.7360000000000001
18.0 2.0 0.7360000000000001
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 900,500 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'movies-per-genre.svg'

# Panel 1: Movies per genre
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'Movies per genre' font ',15'
set ylabel 'movies'
set xtics ('Drama' 0, 'Comedy' 1, 'Action' 2, 'Thriller' 3, 'Romance' 4, 'Adventure' 5, 'Children''s' 6, 'Crime' 7, 'Sci-Fi' 8, 'Horror' 9, 'War' 10, 'Mystery' 11, 'Musical' 12, 'Documentary' 13, 'Animation' 14, 'Western' 15, 'Film-Noir' 16, 'Fantasy' 17, 'unknown' 18) scale 0
set xrange [-0.6:18.6]
set yrange [0:*]
unset grid
set grid ytics back linetype 1 linecolor rgb '#dcdcdc' linewidth 1
unset key
set xtics rotate by -40 left
set rmargin 7
plot $p1_1_1 using 1:2:3 with boxes fillstyle solid 0.9 noborder linecolor rgb '#1f77b4' title 'movies'

unset output
