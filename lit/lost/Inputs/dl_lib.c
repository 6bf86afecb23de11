/* dl_lib.c - a profiled shared library that lit/lost/dlclose.test loads
 * with dlopen and closes before the program exits. */
int dl_sum(int n) {
    int s = 0;
    for (int i = 0; i < n; i++)
        s += i;
    return s;
}
