/* execer.c - for lit/lost/static.test: counts, then replaces itself with
 * echo (the profile is written before the exec). */
#include <unistd.h>

static volatile int sink;

static void work(void) {
    for (int i = 0; i < 3; i++)
        sink += i;
}

int main(void) {
    work();
    execl("/bin/echo", "echo", "replaced", (char *)0);
    return 1;
}
