/* ender.c - for lit/lost/endings.test: counts three times in a profiled
 * function, then ends the way argv[1] says, from inside it: _exit(5),
 * quick_exit(6), abort(), a segmentation fault, SIGTERM, SIGTERM with a
 * handler of the program's (which prints and _exits 7), SIGPIPE (writing
 * to a closed pipe), SIGKILL; anything else returns 0 after it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile int count;

static void handler(int sig) {
    static const char text[] = "handled\n";
    write(1, text, sizeof text - 1);
    _exit(7);
}

static void end(const char *how) {
    for (int i = 0; i < 3; i++)
        count++;
    if (!strcmp(how, "_exit"))
        _exit(5);
    if (!strcmp(how, "quick_exit"))
        quick_exit(6);
    if (!strcmp(how, "abort"))
        abort();
    if (!strcmp(how, "segv"))
        *(volatile int *)0 = 1;
    if (!strcmp(how, "term"))
        raise(SIGTERM);
    if (!strcmp(how, "handled")) {
        signal(SIGTERM, handler);
        raise(SIGTERM);
    }
    if (!strcmp(how, "pipe")) {
        int fds[2];
        pipe(fds);
        close(fds[0]);
        write(fds[1], "x", 1);
    }
    if (!strcmp(how, "kill"))
        raise(SIGKILL);
}

int main(int argc, char **argv) {
    end(argc > 1 ? argv[1] : "");
    printf("still here\n");
    return 0;
}
