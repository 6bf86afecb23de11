double v[3] = {1, 2, 3};
lineprof_keep(v[lineprof_opaque(1)]);
