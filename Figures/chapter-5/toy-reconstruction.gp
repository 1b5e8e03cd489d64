# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
0 0 5.0 "5.0" 0
1 0 4.0 "4.0" 0
2 0 5.0 "5.0" 0
3 0 1.0 "1.0" 16777215
4 0 2.0 "2.0" 16777215
5 0 0.0 "0.0" 16777215
0 1 4.0 "4.0" 0
1 1 5.0 "5.0" 0
2 1 0.0 "0.0" 16777215
3 1 2.0 "2.0" 16777215
4 1 1.0 "1.0" 16777215
5 1 1.0 "1.0" 16777215
0 2 5.0 "5.0" 0
1 2 0.0 "0.0" 16777215
2 2 4.0 "4.0" 0
3 2 1.0 "1.0" 16777215
4 2 0.0 "0.0" 16777215
5 2 2.0 "2.0" 16777215
0 3 0.0 "0.0" 16777215
1 3 5.0 "5.0" 0
2 3 4.0 "4.0" 0
3 3 2.0 "2.0" 16777215
4 3 1.0 "1.0" 16777215
5 3 1.0 "1.0" 16777215
0 4 1.0 "1.0" 16777215
1 4 2.0 "2.0" 16777215
2 4 1.0 "1.0" 16777215
3 4 5.0 "5.0" 0
4 4 4.0 "4.0" 0
5 4 0.0 "0.0" 16777215
0 5 2.0 "2.0" 16777215
1 5 1.0 "1.0" 16777215
2 5 0.0 "0.0" 16777215
3 5 4.0 "4.0" 0
4 5 5.0 "5.0" 0
5 5 5.0 "5.0" 0
0 6 1.0 "1.0" 16777215
1 6 0.0 "0.0" 16777215
2 6 2.0 "2.0" 16777215
3 6 5.0 "5.0" 0
4 6 0.0 "0.0" 16777215
5 6 4.0 "4.0" 0
0 7 0.0 "0.0" 16777215
1 7 1.0 "1.0" 16777215
2 7 1.0 "1.0" 16777215
3 7 4.0 "4.0" 0
4 7 5.0 "5.0" 0
5 7 5.0 "5.0" 0
EOD
$p2_1 << EOD
0 0 4.175225257873535 "4.2" 0
1 0 4.062929153442383 "4.1" 0
2 0 3.987299680709839 "4.0" 0
3 0 1.0346285104751587 "1.0" 16777215
4 0 0.35940253734588623 "0.4" 16777215
5 0 -0.12116323411464691 "-0.1" 16777215
0 1 2.5803802013397217 "2.6" 0
1 1 4.332073211669922 "4.3" 0
2 1 2.6134531497955322 "2.6" 0
3 1 2.2014217376708984 "2.2" 0
4 1 1.9846001863479614 "2.0" 16777215
5 1 0.4476756751537323 "0.4" 16777215
0 2 4.860886573791504 "4.9" 0
1 2 0.42661356925964355 "0.4" 16777215
2 2 4.242310047149658 "4.2" 0
3 2 1.4499024152755737 "1.4" 16777215
4 2 -0.45696139335632324 "-0.5" 16777215
5 2 2.4081473350524902 "2.4" 0
0 3 2.3923962116241455 "2.4" 0
1 3 4.629904270172119 "4.6" 0
2 3 2.4768877029418945 "2.5" 0
3 3 2.269646406173706 "2.3" 0
4 3 2.1850547790527344 "2.2" 0
5 3 0.3050599992275238 "0.3" 16777215
0 4 0.8304762840270996 "0.8" 16777215
1 4 3.3402621746063232 "3.3" 0
2 4 0.9833259582519531 "1.0" 16777215
3 4 3.816873788833618 "3.8" 0
4 4 3.7247934341430664 "3.7" 0
5 4 2.0859375 "2.1" 16777215
0 5 0.5949311256408691 "0.6" 16777215
1 5 0.6435544490814209 "0.6" 16777215
2 5 0.5195388793945312 "0.5" 16777215
3 5 4.701882362365723 "4.7" 0
4 5 3.873373031616211 "3.9" 0
5 5 4.325993061065674 "4.3" 0
0 6 2.276540756225586 "2.3" 0
1 6 -0.25396060943603516 "-0.3" 16777215
2 6 1.9096169471740723 "1.9" 16777215
3 6 3.63145112991333 "3.6" 0
4 6 2.139249801635742 "2.1" 16777215
5 6 4.209761619567871 "4.2" 0
0 7 0.26341915130615234 "0.3" 16777215
1 7 0.8205537796020508 "0.8" 16777215
2 7 0.24550533294677734 "0.2" 16777215
3 7 4.9128899574279785 "4.9" 0
4 7 4.215239524841309 "4.2" 0
5 7 4.348856449127197 "4.3" 0
EOD
$p3_1 << EOD
0 0 4.660745143890381 "4.7" 0
1 0 4.672336101531982 "4.7" 0
2 0 4.342624187469482 "4.3" 0
3 0 1.519388198852539 "1.5" 16777215
4 0 1.3287509679794312 "1.3" 16777215
5 0 1.3245980739593506 "1.3" 16777215
0 1 4.660097122192383 "4.7" 0
1 1 4.671567440032959 "4.7" 0
2 1 4.342305660247803 "4.3" 0
3 1 1.5170598030090332 "1.5" 16777215
4 1 1.3262059688568115 "1.3" 16777215
5 1 1.3223345279693604 "1.3" 16777215
0 2 4.660636901855469 "4.7" 0
1 2 4.672201156616211 "4.7" 0
2 2 4.342583179473877 "4.3" 0
3 2 1.5188642740249634 "1.5" 16777215
4 2 1.3281774520874023 "1.3" 16777215
5 2 1.3240845203399658 "1.3" 16777215
0 3 4.660472869873047 "4.7" 0
1 3 4.6720709800720215 "4.7" 0
2 3 4.34238338470459 "4.3" 0
3 3 1.519616961479187 "1.5" 16777215
4 3 1.3290055990219116 "1.3" 16777215
5 3 1.3248569965362549 "1.3" 16777215
0 4 1.313295841217041 "1.3" 16777215
1 4 1.419465184211731 "1.4" 16777215
2 4 1.3692724704742432 "1.4" 16777215
3 4 4.4423723220825195 "4.4" 0
4 4 4.580578804016113 "4.6" 0
5 4 4.617908000946045 "4.6" 0
0 5 1.2877198457717896 "1.3" 16777215
1 5 1.3946118354797363 "1.4" 16777215
2 5 1.3465542793273926 "1.3" 16777215
3 5 4.464709281921387 "4.5" 0
4 5 4.605428695678711 "4.6" 0
5 5 4.6430745124816895 "4.6" 0
0 6 1.4178621768951416 "1.4" 16777215
1 6 1.5210769176483154 "1.5" 16777215
2 6 1.4621528387069702 "1.5" 16777215
3 6 4.351065158843994 "4.4" 0
4 6 4.478999137878418 "4.5" 0
5 6 4.515032768249512 "4.5" 0
0 7 1.0563794374465942 "1.1" 16777215
1 7 1.1698076725006104 "1.2" 16777215
2 7 1.1410678625106812 "1.1" 16777215
3 7 4.666711807250977 "4.7" 0
4 7 4.830156326293945 "4.8" 0
5 7 4.870670318603516 "4.9" 0
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 1380,390 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'toy-reconstruction.svg'
set multiplot layout 1,3 title 'A 6-2-6 autoencoder on eight users'' ratings (0 = missing)' font ',16'

# Panel 1: input
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set title 'input' font ',15'
set xlabel 'movie'
set ylabel 'user'
set palette defined (0.0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1.0 '#fde725')
set cbrange [0.0:5.0]
unset colorbox
set cbtics scale 0.5 textcolor rgb '#262626'
unset grid
set xrange [-0.5:5.5]
set yrange [7.5:-0.5]
set border 0
set tics scale 0
set xtics ('A1' 0, 'A2' 1, 'A3' 2, 'R1' 3, 'R2' 4, 'R3' 5)
set ytics ('u1' 0, 'u2' 1, 'u3' 2, 'u4' 3, 'u5' 4, 'u6' 5, 'u7' 6, 'u8' 7)
unset key
plot $p1_1 using 1:2:(0.5):(0.5):3 with boxxyerror fillstyle solid 1.0 noborder linecolor palette notitle, \
     $p1_1 using 1:2:4:5 with labels center font ',13' textcolor rgb variable notitle

# Panel 2: loss on every entry
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set title 'loss on every entry' font ',15'
set xlabel 'movie'
set ylabel 'user'
set palette defined (0.0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1.0 '#fde725')
set cbrange [0.0:5.0]
unset colorbox
set cbtics scale 0.5 textcolor rgb '#262626'
unset grid
set xrange [-0.5:5.5]
set yrange [7.5:-0.5]
set border 0
set tics scale 0
set xtics ('A1' 0, 'A2' 1, 'A3' 2, 'R1' 3, 'R2' 4, 'R3' 5)
set ytics ('u1' 0, 'u2' 1, 'u3' 2, 'u4' 3, 'u5' 4, 'u6' 5, 'u7' 6, 'u8' 7)
unset key
plot $p2_1 using 1:2:(0.5):(0.5):3 with boxxyerror fillstyle solid 1.0 noborder linecolor palette notitle, \
     $p2_1 using 1:2:4:5 with labels center font ',13' textcolor rgb variable notitle

# Panel 3: loss on observed entries only
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set title 'loss on observed entries only' font ',15'
set xlabel 'movie'
set ylabel 'user'
set palette defined (0.0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1.0 '#fde725')
set cbrange [0.0:5.0]
unset colorbox
set cbtics scale 0.5 textcolor rgb '#262626'
unset grid
set xrange [-0.5:5.5]
set yrange [7.5:-0.5]
set border 0
set tics scale 0
set xtics ('A1' 0, 'A2' 1, 'A3' 2, 'R1' 3, 'R2' 4, 'R3' 5)
set ytics ('u1' 0, 'u2' 1, 'u3' 2, 'u4' 3, 'u5' 4, 'u6' 5, 'u7' 6, 'u8' 7)
unset key
plot $p3_1 using 1:2:(0.5):(0.5):3 with boxxyerror fillstyle solid 1.0 noborder linecolor palette notitle, \
     $p3_1 using 1:2:4:5 with labels center font ',13' textcolor rgb variable notitle

unset multiplot
unset output
