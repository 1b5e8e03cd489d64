# Drawn by ModernRecSys (Sources/Plot). Self-contained: run `gnuplot` on this
# file in its folder to redraw the figure.

# MARK: data
$p1_1 << EOD
1.0 0.10496688741721855
2.0 0.17102649006622517
3.0 0.2240066225165563
4.0 0.2677152317880795
5.0 0.30480132450331127
6.0 0.3395695364238411
7.0 0.37201986754966887
8.0 0.4024834437086093
9.0 0.4294701986754967
10.0 0.45314569536423843
EOD
$p1_2 << EOD
1.0 0.18162251655629139
2.0 0.2902317880794702
3.0 0.3753311258278146
4.0 0.4392384105960265
5.0 0.49420529801324503
6.0 0.5387417218543047
7.0 0.5799668874172186
8.0 0.6129139072847682
9.0 0.641887417218543
10.0 0.6675496688741722
EOD
$p1_3 << EOD
1.0 0.16821192052980133
2.0 0.2685430463576159
3.0 0.3518211920529801
4.0 0.4185430463576159
5.0 0.4695364238410596
6.0 0.5129139072847683
7.0 0.5539735099337748
8.0 0.5834437086092715
9.0 0.6137417218543046
10.0 0.6400662251655629
EOD
$p1_4 << EOD
1.0 0.15612582781456955
2.0 0.2599337748344371
3.0 0.33543046357615897
4.0 0.40016556291390726
5.0 0.4549668874172185
6.0 0.5048013245033113
7.0 0.5458609271523179
8.0 0.5799668874172186
9.0 0.6074503311258278
10.0 0.6389072847682119
EOD
$p1_5 << EOD
1.0 0.17235099337748344
2.0 0.28526490066225163
3.0 0.3655629139072848
4.0 0.43195364238410594
5.0 0.4855960264900662
6.0 0.534271523178808
7.0 0.5735099337748344
8.0 0.6056291390728477
9.0 0.6355960264900662
10.0 0.6625827814569536
EOD
$p1_6 << EOD
1.0 0.18559602649006623
2.0 0.2993377483443709
3.0 0.3824503311258278
4.0 0.44437086092715233
5.0 0.4968543046357616
6.0 0.5425496688741722
7.0 0.5786423841059603
8.0 0.6117549668874173
9.0 0.6417218543046358
10.0 0.666887417218543
EOD
$p1_7 << EOD
1.0 0.17731788079470198
2.0 0.2945364238410596
3.0 0.37698675496688744
4.0 0.44039735099337746
5.0 0.49304635761589405
6.0 0.5395695364238411
7.0 0.5798013245033112
8.0 0.6140728476821192
9.0 0.6448675496688742
10.0 0.671523178807947
EOD
$p2_1 << EOD
1.0 0.10496688741721855
2.0 0.14664585623758397
3.0 0.17313592246274942
4.0 0.19196019586198468
5.0 0.20630705493823315
6.0 0.21869174190722124
7.0 0.22950851894916433
8.0 0.23911870724859682
9.0 0.2472425299792642
10.0 0.25408628331758504
EOD
$p2_2 << EOD
1.0 0.18162251655629139
2.0 0.25014733747398754
3.0 0.29269700634816065
4.0 0.3202203757879514
5.0 0.34148447049024894
6.0 0.35734866475052307
7.0 0.3710903866048249
8.0 0.3814840141677973
9.0 0.3902059097375326
10.0 0.39762396405529205
EOD
$p2_3 << EOD
1.0 0.16821192052980133
2.0 0.2315138130238923
3.0 0.27315288587157543
4.0 0.3018884244317715
5.0 0.32161535566161403
6.0 0.3370667270229246
7.0 0.3507532612392577
8.0 0.360050073833273
9.0 0.36917068462905256
10.0 0.37678017260662483
EOD
$p2_4 << EOD
1.0 0.15612582781456955
2.0 0.22162135024657426
3.0 0.25936969461743625
4.0 0.2872495843867579
5.0 0.30844963061103703
6.0 0.3262010152665878
7.0 0.3398875494829222
8.0 0.350646782035546
9.0 0.3589201229759801
10.0 0.3680132218171039
EOD
$p2_5 << EOD
1.0 0.17235099337748344
2.0 0.24359173707545465
3.0 0.283740743697972
4.0 0.3123336741263555
5.0 0.33308538100450186
6.0 0.35042394276108446
7.0 0.36350341295975674
8.0 0.3736358941015487
9.0 0.3826568260908172
10.0 0.39045774772820224
EOD
$p2_6 << EOD
1.0 0.18559602649006623
2.0 0.2573590630303977
3.0 0.29891535442112704
4.0 0.3255830750700434
5.0 0.34588644260205625
6.0 0.3621634597612961
7.0 0.37419436483855667
8.0 0.38464022168576495
9.0 0.39366115367503424
10.0 0.4009356327479334
EOD
$p2_7 << EOD
1.0 0.17731788079470198
2.0 0.2512745472729478
3.0 0.2924997128358626
4.0 0.3198091700779345
5.0 0.34017658608796675
6.0 0.35674847674646787
7.0 0.37015907277295523
8.0 0.3809705346098161
9.0 0.3902406636153629
10.0 0.39794586842284163
EOD

# MARK: terminal
set encoding utf8
set terminal svg size 920,480 fixed noenhanced font 'Helvetica,13' linewidth 1 background '#ffffff'
set output 'hr-at-k.svg'
set multiplot layout 1,2

# Panel 1: HR@K by K
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'HR@K by K' font ',15'
set xlabel 'K'
set ylabel 'HR@K'
set key outside bottom center horizontal
plot $p1_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 dashtype 2 title 'ItemPop', \
     $p1_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 dashtype 2 title 'ItemKNN', \
     $p1_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'MF-BPR', \
     $p1_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'GMF', \
     $p1_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 title 'MLP', \
     $p1_6 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#8c564b' linewidth 2 title 'NeuMF', \
     $p1_7 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#e377c2' linewidth 2 title 'NeuMF (pretrained)'

# Panel 2: NDCG@K by K
reset
set border 3 front linecolor rgb '#595959' linewidth 1
set tics nomirror out scale 0.5 textcolor rgb '#262626'
set xlabel textcolor rgb '#262626'
set ylabel textcolor rgb '#262626'
set title textcolor rgb '#262626'
set key noopaque nobox samplen 2 spacing 1.2 textcolor rgb '#262626'
set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 1 dashtype solid
set title 'NDCG@K by K' font ',15'
set xlabel 'K'
set ylabel 'NDCG@K'
set key outside bottom center horizontal
plot $p2_1 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#1f77b4' linewidth 2 dashtype 2 title 'ItemPop', \
     $p2_2 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#ff7f0e' linewidth 2 dashtype 2 title 'ItemKNN', \
     $p2_3 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#2ca02c' linewidth 2 title 'MF-BPR', \
     $p2_4 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#d62728' linewidth 2 title 'GMF', \
     $p2_5 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#9467bd' linewidth 2 title 'MLP', \
     $p2_6 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#8c564b' linewidth 2 title 'NeuMF', \
     $p2_7 using 1:2 with linespoints pointtype 7 pointsize 1 pointinterval 1 linecolor rgb '#e377c2' linewidth 2 title 'NeuMF (pretrained)'

unset multiplot
unset output
