#include <lineprof.h>
#include <stdlib.h>

LINEPROF_PROFILE
int work(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += i % 7;
  return s;
}

int main(int argc, char **argv) {
  return work(argc > 1 ? atoi(argv[1]) : 0) < 0;
}
