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
0 0 4.177292823791504 "4.2" 0
1 0 4.061662673950195 "4.1" 0
2 0 3.98909330368042 "4.0" 0
3 0 1.033217191696167 "1.0" 16777215
4 0 0.3572237491607666 "0.4" 16777215
5 0 -0.12137053906917572 "-0.1" 16777215
0 1 2.5818135738372803 "2.6" 0
1 1 4.33158016204834 "4.3" 0
2 1 2.6146020889282227 "2.6" 0
3 1 2.200502634048462 "2.2" 0
4 1 1.9833202362060547 "2.0" 16777215
5 1 0.44718796014785767 "0.4" 16777215
0 2 4.861583232879639 "4.9" 0
1 2 0.42760324478149414 "0.4" 16777215
2 2 4.243173599243164 "4.2" 0
3 2 1.4490851163864136 "1.4" 16777215
4 2 -0.45761168003082275 "-0.5" 16777215
5 2 2.4070968627929688 "2.4" 0
0 3 2.3932433128356934 "2.4" 0
1 3 4.629885196685791 "4.6" 0
2 3 2.4775490760803223 "2.5" 0
3 3 2.26906681060791 "2.3" 0
4 3 2.1843998432159424 "2.2" 0
5 3 0.30446767807006836 "0.3" 16777215
0 4 0.8317279815673828 "0.8" 16777215
1 4 3.341000556945801 "3.3" 0
2 4 0.9842514991760254 "1.0" 16777215
3 4 3.816071033477783 "3.8" 0
4 4 3.7240512371063232 "3.7" 0
5 4 2.084688663482666 "2.1" 16777215
0 5 0.596867561340332 "0.6" 16777215
1 5 0.6428911685943604 "0.6" 16777215
2 5 0.5208992958068848 "0.5" 16777215
3 5 4.701102256774902 "4.7" 0
4 5 3.8720500469207764 "3.9" 0
5 5 4.32572603225708 "4.3" 0
0 6 2.2778737545013428 "2.3" 0
1 6 -0.25428199768066406 "-0.3" 16777215
2 6 1.9106485843658447 "1.9" 16777215
3 6 3.630873680114746 "3.6" 0
4 6 2.1383354663848877 "2.1" 16777215
5 6 4.209548473358154 "4.2" 0
0 7 0.26468324661254883 "0.3" 16777215
1 7 0.8202462196350098 "0.8" 16777215
2 7 0.2462763786315918 "0.2" 16777215
3 7 4.91257381439209 "4.9" 0
4 7 4.214652061462402 "4.2" 0
5 7 4.348633289337158 "4.3" 0
EOD
$p3_1 << EOD
0 0 4.660744667053223 "4.7" 0
1 0 4.672335624694824 "4.7" 0
2 0 4.342624664306641 "4.3" 0
3 0 1.51938796043396 "1.5" 16777215
4 0 1.328750729560852 "1.3" 16777215
5 0 1.3245980739593506 "1.3" 16777215
0 1 4.660097122192383 "4.7" 0
1 1 4.671567440032959 "4.7" 0
2 1 4.342306137084961 "4.3" 0
3 1 1.517059564590454 "1.5" 16777215
4 1 1.3262057304382324 "1.3" 16777215
5 1 1.3223345279693604 "1.3" 16777215
0 2 4.660636901855469 "4.7" 0
1 2 4.672201156616211 "4.7" 0
2 2 4.342583656311035 "4.3" 0
3 2 1.5188640356063843 "1.5" 16777215
4 2 1.3281772136688232 "1.3" 16777215
5 2 1.3240845203399658 "1.3" 16777215
0 3 4.660472869873047 "4.7" 0
1 3 4.6720709800720215 "4.7" 0
2 3 4.342383861541748 "4.3" 0
3 3 1.519616723060608 "1.5" 16777215
4 3 1.3290053606033325 "1.3" 16777215
5 3 1.3248569965362549 "1.3" 16777215
0 4 1.313295602798462 "1.3" 16777215
1 4 1.4194650650024414 "1.4" 16777215
2 4 1.3692723512649536 "1.4" 16777215
3 4 4.4423723220825195 "4.4" 0
4 4 4.580578327178955 "4.6" 0
5 4 4.617908477783203 "4.6" 0
0 5 1.287719488143921 "1.3" 16777215
1 5 1.3946118354797363 "1.4" 16777215
2 5 1.346554160118103 "1.3" 16777215
3 5 4.464709281921387 "4.5" 0
4 5 4.605428218841553 "4.6" 0
5 5 4.643074989318848 "4.6" 0
0 6 1.4178612232208252 "1.4" 16777215
1 6 1.5210764408111572 "1.5" 16777215
2 6 1.4621522426605225 "1.5" 16777215
3 6 4.351065635681152 "4.4" 0
4 6 4.478999137878418 "4.5" 0
5 6 4.515033721923828 "4.5" 0
0 7 1.0563790798187256 "1.1" 16777215
1 7 1.1698075532913208 "1.2" 16777215
2 7 1.1410677433013916 "1.1" 16777215
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
