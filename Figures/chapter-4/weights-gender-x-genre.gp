# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0 0 0.07013604044914246 "0.07" 0
1 0 0.021503865718841553 "0.02" 0
0 1 -0.12497182935476303 "-0.12" 0
1 1 0.0744713544845581 "0.07" 0
0 2 -0.019941773265600204 "-0.02" 0
1 2 0.09989450126886368 "0.10" 0
0 3 0.06587926298379898 "0.07" 0
1 3 0.12842941284179688 "0.13" 0
0 4 0.0031275118235498667 "0.00" 0
1 4 -0.12518168985843658 "-0.13" 0
0 5 -0.04099217429757118 "-0.04" 0
1 5 0.049276262521743774 "0.05" 0
0 6 -0.07589992880821228 "-0.08" 0
1 6 -0.010593067854642868 "-0.01" 0
0 7 0.28799694776535034 "0.29" 16777215
1 7 0.09269389510154724 "0.09" 0
0 8 0.0047335852868855 "0.00" 0
1 8 0.11393190920352936 "0.11" 0
0 9 0.032516803592443466 "0.03" 0
1 9 -0.04615902155637741 "-0.05" 0
0 10 -0.0801902636885643 "-0.08" 0
1 10 -0.0004494225140661001 "-0.00" 0
0 11 -0.24056658148765564 "-0.24" 0
1 11 -0.03028745763003826 "-0.03" 0
0 12 0.19458620250225067 "0.19" 0
1 12 -0.16169989109039307 "-0.16" 0
0 13 -0.07965890318155289 "-0.08" 0
1 13 0.08010626584291458 "0.08" 0
0 14 0.10059508681297302 "0.10" 0
1 14 -0.08836209028959274 "-0.09" 0
0 15 -0.14634980261325836 "-0.15" 0
1 15 0.12215186655521393 "0.12" 0
0 16 -0.07023166120052338 "-0.07" 0
1 16 0.06143094226717949 "0.06" 0
0 17 -0.07821342349052429 "-0.08" 0
1 17 0.10807567089796066 "0.11" 0
0 18 -0.1030062884092331 "-0.10" 0
1 18 0.1110815778374672 "0.11" 0
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
set cbrange [-0.28799694776535034:0.28799694776535034]
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
