// Placeholder: the C API over gnuplot-iostream is being written.
