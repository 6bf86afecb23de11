/* report_leaks.h - the leak report of a profile (`lineprof show --leaks`). */
#ifndef REPORT_LEAKS_H
#define REPORT_LEAKS_H

#include <stdio.h>

struct lprof_profile;
/* Prints p's leak groups with their allocating source lines; 0 or -1. */
int report_leaks(FILE *out, const struct lprof_profile *p);

#endif
