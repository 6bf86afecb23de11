/* cmd_diff.c - `lineprof diff A.lprof B.lprof`: per function and line,
 * what changed between two runs, as a line_profiler-like table with Hits
 * and Time of both runs and the change in time (in hits when neither run
 * has time), and the Increment of both when both measured memory the same
 * way. Only lines that differ are listed unless --all. */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "cli_color.h"
#include "export.h"
#include "lprof_format.h"
#include "lprof_reader.h"
#include "report_memory.h"
#include "source_file.h"

struct diff_options {
  int all;    /* every line and function, also unchanged ones */
  int color;  /* escape sequences on */
  int memory; /* Increment columns: both runs measured memory the same way */
  const char *name_a, *name_b;
};

/* One line of a function in both runs (zeros where a run lacks it). */
struct pair {
  uint32_t line;
  int in_a, in_b;
  struct lprof_line a, b;
};

static int differs(const struct pair *p, const struct diff_options *o) {
  return p->in_a != p->in_b || p->a.hits != p->b.hits ||
         p->a.time_ns != p->b.time_ns ||
         (o->memory && memory_increment(&p->a) != memory_increment(&p->b));
}

/* "+12.5%", "-100.0%", "new", or "" when nothing changed. */
static const char *change_text(char *buf, size_t size, uint64_t a, uint64_t b) {
  if (a == b)
    return "";
  if (a == 0)
    return "new";
  snprintf(buf, size, "%+.1f%%", 100.0 * ((double)b - (double)a) / (double)a);
  return buf;
}

static const char *change(char *buf, size_t size, const struct lprof_line *a,
                          const struct lprof_line *b) {
  if (a->time_ns || b->time_ns)
    return change_text(buf, size, a->time_ns, b->time_ns);
  return change_text(buf, size, a->hits, b->hits);
}

/* Green when faster, red when slower, yellow for new lines. */
static const char *change_color(const char *text) {
  return *text == '-' ? COLOR_GREEN : *text == '+' ? COLOR_RED : COLOR_YELLOW;
}

/* ---- Table ---- */

enum { W_LINE = 6, W_HITS = 9, W_TIME = 12, W_CHANGE = 9, W_INCREMENT = 13 };

static void print_header(FILE *out, const struct diff_options *o) {
  int n = fprintf(out, "%*s %*s %*s %*s %*s %*s", W_LINE, "Line #", W_HITS,
                  "Hits a", W_HITS, "Hits b", W_TIME, "Time a", W_TIME,
                  "Time b", W_CHANGE, "Change");
  if (o->memory)
    n += fprintf(out, " %*s %*s", W_INCREMENT, "Increment a", W_INCREMENT,
                 "Increment b");
  n += fprintf(out, "  %s", "Line Contents");
  fputc('\n', out);
  for (int i = 0; i < n; i++)
    fputc('=', out);
  fputc('\n', out);
}

/* A Hits or Time cell: empty when the run has no entry for the line. */
static void print_cell(FILE *out, int width, int present, double v,
                       int decimals) {
  if (present)
    fprintf(out, " %*.*f", width, decimals, v);
  else
    fprintf(out, " %*s", width, "");
}

/* An Increment cell in MiB, as `show --memory` prints it. */
static void print_increment(FILE *out, int present,
                            const struct lprof_line *l) {
  char buf[32] = "";
  if (present)
    memory_mib(buf, sizeof buf, memory_increment(l), 0, 3);
  fprintf(out, " %*s", W_INCREMENT, buf);
}

static void print_pair(FILE *out, const struct pair *p,
                       const struct diff_options *o,
                       const struct source_file *src) {
  char buf[32];
  const char *ch = change(buf, sizeof buf, &p->a, &p->b);
  fprintf(out, "%*" PRIu32, W_LINE, p->line);
  print_cell(out, W_HITS, p->in_a, (double)p->a.hits, 0);
  print_cell(out, W_HITS, p->in_b, (double)p->b.hits, 0);
  print_cell(out, W_TIME, p->in_a, (double)p->a.time_ns, 1);
  print_cell(out, W_TIME, p->in_b, (double)p->b.time_ns, 1);
  if (o->color && *ch)
    fprintf(out, " %s%*s%s", change_color(ch), W_CHANGE, ch, COLOR_RESET);
  else
    fprintf(out, " %*s", W_CHANGE, ch);
  if (o->memory) {
    print_increment(out, p->in_a, &p->a);
    print_increment(out, p->in_b, &p->b);
  }
  fputs("  ", out);
  size_t len = 0;
  const char *text = src ? source_file_line(src, p->line, &len) : NULL;
  if (text)
    fwrite(text, 1, len, out);
  fputc('\n', out);
}

/* ---- Functions ---- */

static struct lprof_line totals(const struct lprof_function *f) {
  struct lprof_line t = {0};
  for (size_t i = 0; f && i < f->nlines; i++) {
    t.hits += f->lines[i].hits;
    t.time_ns += f->lines[i].time_ns;
  }
  return t;
}

/* The next line of the union of a's and b's lines, from positions *i, *j.
 * Returns 0 when both are exhausted. */
static int next_pair(const struct lprof_function *a, size_t *i,
                     const struct lprof_function *b, size_t *j,
                     struct pair *p) {
  int more_a = a && *i < a->nlines, more_b = b && *j < b->nlines;
  if (!more_a && !more_b)
    return 0;
  memset(p, 0, sizeof *p);
  uint32_t la = more_a ? a->lines[*i].line : UINT32_MAX;
  uint32_t lb = more_b ? b->lines[*j].line : UINT32_MAX;
  p->line = la < lb ? la : lb;
  if ((p->in_a = more_a && la == p->line))
    p->a = a->lines[(*i)++];
  if ((p->in_b = more_b && lb == p->line))
    p->b = b->lines[(*j)++];
  return 1;
}

static int function_differs(const struct lprof_function *a,
                            const struct lprof_function *b,
                            const struct diff_options *o) {
  size_t i = 0, j = 0;
  struct pair p;
  while (next_pair(a, &i, b, &j, &p))
    if (differs(&p, o))
      return 1;
  return !a || !b;
}

static void print_function_header(FILE *out, const struct lprof_function *a,
                                  const struct lprof_function *b,
                                  const struct diff_options *o) {
  const struct lprof_function *f = b ? b : a;
  struct lprof_line ta = totals(a), tb = totals(b);
  char buf[32];
  const char *ch = change(buf, sizeof buf, &ta, &tb);
  fprintf(out, "Total time: %.9f s -> %.9f s%s%s%s\n", (double)ta.time_ns / 1e9,
          (double)tb.time_ns / 1e9, *ch ? " (" : "", ch, *ch ? ")" : "");
  fprintf(out, "File: %s\nFunction: %s at line %" PRIu32, f->file, f->name,
          f->first_line);
  if (!a || !b)
    fprintf(out, " (only in %s)", a ? o->name_a : o->name_b);
  fputs("\n\n", out);
}

/* Prints one function (either may be NULL); returns whether it did. */
static int print_function(FILE *out, const struct lprof_function *a,
                          const struct lprof_function *b,
                          const struct diff_options *o,
                          struct source_cache *sc) {
  if (!o->all && !function_differs(a, b, o))
    return 0;
  const struct lprof_function *f = b ? b : a;
  const struct source_file *src = source_cache_get(sc, f->path, f->file);
  print_function_header(out, a, b, o);
  print_header(out, o);
  size_t i = 0, j = 0;
  struct pair p;
  while (next_pair(a, &i, b, &j, &p))
    if (o->all || differs(&p, o))
      print_pair(out, &p, o, src);
  fputc('\n', out);
  return 1;
}

/* Why there are no Increment columns when only one run, or each run in its
 * own way, measured memory. */
static void print_memory_note(FILE *out, const struct lprof_profile *a,
                              const struct lprof_profile *b) {
  if (lprof_memory_mode(a) != lprof_memory_mode(b))
    fprintf(out, "Memory not compared: memory mode %s in a, %s in b.\n",
            export_memory_name(a), export_memory_name(b));
}

/* Walks both profiles' functions in order; returns how many were printed. */
static size_t print_diff(FILE *out, const struct lprof_profile *a,
                         const struct lprof_profile *b,
                         const struct diff_options *o) {
  struct source_cache sc = {0};
  size_t i = 0, j = 0, shown = 0;
  fprintf(out, "Timer unit: 1e-09 s\na: %s\nb: %s\n", o->name_a, o->name_b);
  print_memory_note(out, a, b);
  fputc('\n', out);
  while (i < a->nfunctions || j < b->nfunctions) {
    int c = i == a->nfunctions   ? 1
            : j == b->nfunctions ? -1
                                 : lprof_function_cmp(&a->functions[i],
                                                    &b->functions[j]);
    const struct lprof_function *fa = c <= 0 ? &a->functions[i++] : NULL;
    const struct lprof_function *fb = c >= 0 ? &b->functions[j++] : NULL;
    shown += print_function(out, fa, fb, o, &sc);
  }
  source_cache_free(&sc);
  return shown;
}

/* ---- The subcommand ---- */

static void print_usage(FILE *out) {
  fputs("usage: lineprof diff [options] A.lprof B.lprof\n"
        "\n"
        "Show per function and line what changed from run A to run B: Hits\n"
        "and Time (ns) of both, and the change in time (in hits when there\n"
        "is no time); when both measured memory the same way, also the\n"
        "Increment of both. Only lines that differ are shown unless --all.\n"
        "\n"
        "options:\n"
        "  -a, --all           also lines and functions that did not change\n"
        "      --color=WHEN    colour the changes: auto (on a terminal,\n"
        "                      unless NO_COLOR is set), always or never\n"
        "  -h, --help          show this help and exit\n",
        out);
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct diff_options *o) {
  static const struct option longopts[] = {
      {"all", no_argument, NULL, 'a'},
      {"color", required_argument, NULL, 'C'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  enum cli_color_mode mode = CLI_COLOR_AUTO;
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, ":ah", longopts, NULL)) != -1) {
    if (c == 'a')
      o->all = 1;
    else if (c == 'C') {
      if (cli_color_parse(optarg, &mode))
        return cli_usage_error("diff", "invalid --color '%s' (want auto, "
                               "always or never)", optarg);
    } else if (c == 'h') {
      print_usage(stdout);
      return CLI_OK;
    } else
      return cli_option_error("diff", c, argv[optind - 1], "an argument");
  }
  if (argc - optind != 2)
    return cli_usage_error("diff", "want two .lprof files, A and B");
  o->color = cli_color_enabled(mode, stdout);
  o->name_a = argv[optind];
  o->name_b = argv[optind + 1];
  return -1;
}

int cli_diff(int argc, char **argv) {
  struct diff_options o = {0};
  int status = parse_options(argc, argv, &o);
  if (status >= 0)
    return status;
  struct lprof_profile a = {0}, b = {0};
  status = CLI_FAILED;
  int ok = !cli_read_profiles(argv + optind, 1, &a);
  ok = ok && !cli_read_profiles(argv + optind + 1, 1, &b);
  if (ok) {
    o.memory = lprof_memory_mode(&a) != LPROF_MEMORY_OFF &&
               lprof_memory_mode(&a) == lprof_memory_mode(&b);
    if (!print_diff(stdout, &a, &b, &o))
      printf("No differences between %s and %s.\n", o.name_a, o.name_b);
    status = fflush(stdout) == 0 && !ferror(stdout) ? CLI_OK : CLI_FAILED;
    if (status)
      cli_error("cannot write the report");
  }
  lprof_profile_free(&a);
  lprof_profile_free(&b);
  return status;
}
