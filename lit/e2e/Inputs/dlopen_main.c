/* dlopen_main.c - loads an instrumented library with dlopen, uses it, closes
 * it, loads it again (for lit/e2e/dlopen.test); a thread that used the
 * library exits only after it was closed. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "lineprof.h"

int linked_work(int x);

static int call_plugin(const char *path, int n) {
    void *h = dlopen(path, RTLD_NOW);
    if (!h) {
        fprintf(stderr, "%s\n", dlerror());
        return -1;
    }
    int (*work)(int) = (int (*)(int))dlsym(h, "plug_work");
    int r = work(n);
    dlclose(h);
    return r;
}

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

static void *use_then_wait(void *path) {
    call_plugin(path, 2);
    pthread_mutex_lock(&gate); /* exit after main closed the library */
    pthread_mutex_unlock(&gate);
    return 0;
}

LINEPROF_PROFILE int main(int argc, char **argv) {
    pthread_t t;
    pthread_mutex_lock(&gate);
    pthread_create(&t, 0, use_then_wait, argv[1]);
    int a = call_plugin(argv[1], 4);
    int b = call_plugin(argv[1], 3);
    pthread_mutex_unlock(&gate);
    pthread_join(t, 0);
    printf("%d %d %d\n", a, b, linked_work(argc));
    return 0;
}
