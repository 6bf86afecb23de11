/* sum_main.c - calls dl_sum (Inputs/dl_lib.c) from another translation
 * unit or a shared object, for lit/lost/lto.test and pic-o3.test: prints
 * 16 and exits with status 3. */
#include <stdio.h>

int dl_sum(int n);

int main(void) {
    int total = 0;
    for (int n = 4; n <= 5; n++)
        total += dl_sum(n);
    printf("%d\n", total);
    return 3;
}
