/* plain.c - no annotations: lineprof run needs --all or -f for it. */

int square(int x) {
    return x * x;
}

int main(void) {
    return square(3) == 9 ? 0 : 1;
}
