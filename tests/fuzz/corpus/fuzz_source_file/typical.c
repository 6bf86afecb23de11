/* A typical source: tabs, a long line, a trailing backslash, a blank line. */
#include <stdio.h>

#define TWICE(x) \
	((x) * 2)

int main(void) {
	printf("%d %s\n", TWICE(21), "a rather long string literal that makes this line longer than eighty columns");
	return 0;
}
