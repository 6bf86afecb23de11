/* cmd_merge.c - `lineprof merge -o OUT.lprof FILE.lprof...`: sums profiles
 * of the same program (several runs, processes or hosts) into one .lprof,
 * refusing files built from other sources. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "lprof_format.h"
#include "lprof_reader.h"
#include "lprof_writer.h"

/* ---- Matching builds ---- */

/* The same function in two builds of the same sources has the same last
 * line and the same statement lines. */
static int same_shape(const struct lprof_function *a,
                      const struct lprof_function *b) {
  if (a->last_line != b->last_line || a->nlines != b->nlines)
    return 0;
  for (size_t i = 0; i < a->nlines; i++)
    if (a->lines[i].line != b->lines[i].line)
      return 0;
  return 1;
}

/* The first function both profiles have but with another shape, or NULL.
 * Both function arrays are sorted by lprof_function_cmp. */
static const struct lprof_function *
first_mismatch(const struct lprof_profile *a, const struct lprof_profile *b) {
  size_t i = 0, j = 0;
  while (i < a->nfunctions && j < b->nfunctions) {
    int c = lprof_function_cmp(&a->functions[i], &b->functions[j]);
    if (!c && !same_shape(&a->functions[i], &b->functions[j]))
      return &b->functions[j];
    i += c <= 0;
    j += c >= 0;
  }
  return NULL;
}

/* Every file against each one before it; prints the first mismatch. */
static int check_matching(struct lprof_profile *p, char **paths, int n) {
  for (int j = 1; j < n; j++)
    for (int i = 0; i < j; i++) {
      const struct lprof_function *f = first_mismatch(&p[i], &p[j]);
      if (f) {
        cli_error("%s: does not match %s (function %s in %s differs); was it "
                  "built from other sources?",
                  paths[j], paths[i], f->name, f->file);
        return -1;
      }
    }
  return 0;
}

/* ---- Writing ---- */

static void put_program(struct lprof_buf *b, const struct lprof_profile *p) {
  struct lprof_program_info info = {
      .program = p->program,
      .hostname = p->hostname,
      .pid = p->pid,
      .start_unix_ns = p->start_unix_ns,
      .duration_ns = p->duration_ns,
      .timer_mode = p->timer_mode,
      .flags = p->flags,
      .cycles_per_second = p->cycles_per_second,
      .calibration_ns = p->calibration_ns,
      .probe_cost_ps = p->probe_cost_ps,
      .sample_us = p->sample_us,
      .auto_ms = p->auto_ms,
      .samples = p->samples,
      .sample_source = p->sample_source,
      .sample_mean_ns = p->sample_mean_ns,
  };
  lprof_put_program(b, &info);
}

static void line_of(const void *ctx, uint32_t i, struct lprof_line *l) {
  *l = ((const struct lprof_function *)ctx)->lines[i];
}

static void put_function(struct lprof_buf *b, const struct lprof_function *f,
                         int timed, int memory) {
  size_t mark = lprof_begin_function(b, f->name, f->file, f->path,
                                     f->first_line, f->last_line,
                                     (uint32_t)f->nlines);
  lprof_put_function_lines(b, mark, (uint32_t)f->nlines, line_of, f, timed,
                           memory);
  if (!f->ncalls)
    return;
  mark = lprof_begin_calls(b, (uint32_t)f->ncalls);
  for (size_t i = 0; i < f->ncalls; i++)
    lprof_put_call(b, f->calls[i].line, f->calls[i].count, f->calls[i].callee);
  lprof_end_record(b, mark);
}

static void put_not_found(struct lprof_buf *b, const struct lprof_profile *p) {
  if (!p->nnot_found)
    return;
  size_t mark = lprof_begin_record(b, LPROF_TAG_MISS);
  lprof_put_u32(b, (uint32_t)p->nnot_found);
  for (size_t i = 0; i < p->nnot_found; i++)
    lprof_put_str(b, p->not_found[i]);
  lprof_end_record(b, mark);
}

/* Writes p as a .lprof file (temporary name, then renamed). */
static int write_profile(const char *path, const struct lprof_profile *p) {
  struct lprof_buf b;
  lprof_buf_init(&b);
  put_program(&b, p);
  int memory = lprof_memory_mode(p) != LPROF_MEMORY_OFF;
  int timed = p->timer_mode != LPROF_TIMER_OFF;
  for (size_t i = 0; i < p->nfunctions; i++)
    put_function(&b, &p->functions[i], timed, memory);
  put_not_found(&b, p);
  struct output out;
  int rc = -1;
  if (lprof_buf_finish(&b))
    cli_error("out of memory");
  else if (output_open(&out, path) == 0) {
    if (fwrite(b.data, 1, b.len, out.f) == b.len)
      rc = output_commit(&out);
    else {
      cli_error("cannot write %s", path);
      output_abort(&out);
    }
  }
  lprof_buf_free(&b);
  return rc;
}

/* ---- The subcommand ---- */

static void print_usage(FILE *out) {
  fputs("usage: lineprof merge -o OUT.lprof FILE.lprof...\n"
        "\n"
        "Add up .lprof files of the same program (several runs, processes or\n"
        "hosts) into one. Files of builds from other sources (a function\n"
        "with other lines) are refused, and so are files that measured\n"
        "memory in different modes (heap, rss). OUT.lprof keeps the program\n"
        "and timer details of the first file, and the memory figures.\n"
        "\n"
        "options:\n"
        "  -o, --output FILE  the merged profile (required)\n"
        "  -h, --help         show this help and exit\n",
        out);
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, const char **output) {
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
    if (c == 'o')
      *output = optarg;
    else if (c == 'h') {
      print_usage(stdout);
      return CLI_OK;
    } else
      return cli_option_error("merge", c, argv[optind - 1], "an argument");
  }
  if (!*output)
    return cli_usage_error("merge", "no output file given (-o OUT.lprof)");
  if (optind >= argc)
    return cli_usage_error("merge", "no .lprof file given");
  return -1;
}

/* Reads each file on its own; on error names the file. */
static int read_each(char **paths, int n, struct lprof_profile *p) {
  char err[512];
  for (int i = 0; i < n; i++)
    if (lprof_read_file(paths[i], &p[i], err, sizeof err)) {
      cli_error("%s: %s", paths[i], err);
      return -1;
    }
  return 0;
}

/* Sums p[1..n) into p[0]. */
static int sum_into_first(struct lprof_profile *p, char **paths, int n) {
  for (int i = 1; i < n; i++)
    if (cli_add_profile(&p[0], &p[i], paths[i]))
      return -1;
  return 0;
}

int cli_merge(int argc, char **argv) {
  const char *output = NULL;
  int status = parse_options(argc, argv, &output);
  if (status >= 0)
    return status;
  int n = argc - optind;
  struct lprof_profile *p = calloc((size_t)n, sizeof *p);
  if (!p) {
    cli_error("out of memory");
    return CLI_FAILED;
  }
  status = CLI_FAILED;
  if (!read_each(argv + optind, n, p) && !check_matching(p, argv + optind, n) &&
      !sum_into_first(p, argv + optind, n) && !write_profile(output, &p[0]))
    status = CLI_OK;
  for (int i = 0; i < n; i++)
    lprof_profile_free(&p[i]);
  free(p);
  return status;
}
