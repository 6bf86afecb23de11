/* dl_host.c - for lit/lost/dlclose.test: loads the library argv[1], calls
 * dl_sum(4) and, from a thread, dl_sum(3), closes the library, and only
 * then lets the thread exit; loads it again, calls dl_sum(4), closes it
 * and exits with status 3. Prints 15. */
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static int (*sum)(int);
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static sem_t called;

static void *call_then_wait(void *unused) {
    long r = sum(3);
    sem_post(&called);
    pthread_mutex_lock(&gate); /* exit after main closed the library */
    pthread_mutex_unlock(&gate);
    return (void *)r;
}

static void *open_library(const char *path) {
    void *h = dlopen(path, RTLD_NOW);
    if (!h)
        fprintf(stderr, "%s\n", dlerror());
    else
        sum = (int (*)(int))dlsym(h, "dl_sum");
    return h;
}

int main(int argc, char **argv) {
    pthread_t t;
    void *h = open_library(argv[1]), *got;
    if (!h)
        return 1;
    sem_init(&called, 0, 0);
    pthread_mutex_lock(&gate);
    pthread_create(&t, 0, call_then_wait, 0);
    int total = sum(4);
    sem_wait(&called);
    dlclose(h);
    pthread_mutex_unlock(&gate);
    pthread_join(t, &got);
    if (!(h = open_library(argv[1])))
        return 1;
    total += sum(4);
    dlclose(h);
    printf("%d\n", total + (int)(long)got);
    return 3;
}
