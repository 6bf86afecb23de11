/* report_color.h - the escape sequences the reports colour their rows with
 * (when report_options.color says so); whether to colour is the command's
 * choice (cli/cli_color.c). Plain macros: nothing to link. */
#ifndef REPORT_COLOR_H
#define REPORT_COLOR_H

#define COLOR_RED "\033[1;31m"
#define COLOR_YELLOW "\033[33m"
#define COLOR_GREEN "\033[32m"
#define COLOR_DIM "\033[2m"
#define COLOR_BOLD "\033[1m"
#define COLOR_RESET "\033[0m"

#endif
