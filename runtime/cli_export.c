/* cli_export.c - `lineprof export`: reads and merges .lprof files like
 * `show`, then writes them in another tool's format (export_<format>.c).
 * Also the helpers those writers share (export.h): numbers as text, a
 * function's totals, and an output file written under a temporary name and
 * renamed into place. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "lprof_format.h"

/* ---- Shared helpers ---- */

struct export_num export_u64(uint64_t v) {
  struct export_num n;
  snprintf(n.s, sizeof n.s, "%llu", (unsigned long long)v);
  return n;
}

struct export_num export_fixed(double v, int decimals) {
  struct export_num n;
  snprintf(n.s, sizeof n.s, "%.*f", decimals, v);
  return n;
}

static uint64_t add_saturating(uint64_t a, uint64_t b) {
  return a + b < a ? UINT64_MAX : a + b;
}

void export_add_totals(struct export_totals *a, const struct export_totals *b) {
  a->hits = add_saturating(a->hits, b->hits);
  a->time_ns = add_saturating(a->time_ns, b->time_ns);
  a->alloc = add_saturating(a->alloc, b->alloc);
  a->freed = add_saturating(a->freed, b->freed);
  a->lines += b->lines;
  a->covered += b->covered;
}

struct export_totals export_function_totals(const struct lprof_function *f) {
  struct export_totals t = {0};
  for (size_t i = 0; i < f->nlines; i++) {
    const struct lprof_line *l = &f->lines[i];
    struct export_totals line = {l->hits, l->time_ns, l->alloc, l->freed, 1,
                                 l->hits != 0};
    export_add_totals(&t, &line);
  }
  return t;
}

struct export_totals export_profile_totals(const struct lprof_profile *p) {
  struct export_totals t = {0};
  for (size_t i = 0; i < p->nfunctions; i++) {
    struct export_totals f = export_function_totals(&p->functions[i]);
    export_add_totals(&t, &f);
  }
  return t;
}

const char *export_timer_name(const struct lprof_profile *p) {
  static const char *const timings[] = {"exact", "sample", "auto"};
  unsigned timing = lprof_timing(p);
  if (p->timer_mode != LPROF_TIMER_EXACT)
    return "off";
  return timing < sizeof timings / sizeof *timings ? timings[timing] : "exact";
}

const char *export_memory_name(const struct lprof_profile *p) {
  static const char *const names[] = {"off", "heap", "rss"};
  unsigned mode = lprof_memory_mode(p);
  return mode < sizeof names / sizeof *names ? names[mode] : "off";
}

/* ---- The subcommand ---- */

static const struct format {
  const char *name;
  int (*write)(FILE *out, const struct lprof_profile *p);
} formats[] = {
    {"callgrind", export_callgrind}, {"cobertura", export_cobertura},
    {"xml", export_xml},             {"json", export_json},
    {"html", export_html},
};

static void print_usage(FILE *out) {
  fputs("usage: lineprof export --format=FORMAT [-o FILE] FILE.lprof...\n"
        "\n"
        "Write one or more .lprof files (added together) in another tool's\n"
        "format (see docs/export-formats.md).\n"
        "\n"
        "formats:\n"
        "  callgrind   KCachegrind / callgrind_annotate (events Hits Time_ns,\n"
        "              and Alloc_bytes Freed_bytes with memory)\n"
        "  cobertura   Cobertura XML line coverage (GitLab, Jenkins)\n"
        "  xml         the whole profile (schema: docs/lineprof.rng)\n"
        "  json        the whole profile, for scripts\n"
        "  html        one self-contained page with shaded source\n"
        "\n"
        "options:\n"
        "  -f, --format FORMAT  output format (required)\n"
        "  -o, --output FILE    write FILE instead of standard output\n"
        "  -h, --help           show this help and exit\n",
        out);
}

static const struct format *find_format(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(name, formats[i].name))
      return &formats[i];
  return NULL;
}

struct export_args {
  const struct format *format;
  const char *output;
};

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, struct export_args *a) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"output", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  int c;
  opterr = 0;
  optind = 0;
  while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (!(a->format = find_format(optarg)))
        return cli_usage_error("export",
                               "unknown format '%s' (want callgrind, "
                               "cobertura, xml, json or html)",
                               optarg);
      break;
    case 'o':
      a->output = optarg;
      break;
    case 'h':
      print_usage(stdout);
      return CLI_OK;
    case ':':
      return cli_usage_error("export", "option '%s' needs an argument",
                             argv[optind - 1]);
    default:
      return cli_usage_error("export", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (!a->format)
    return cli_usage_error("export", "no --format given");
  if (optind >= argc)
    return cli_usage_error("export", "no .lprof file given");
  return -1;
}

int cli_export(int argc, char **argv) {
  struct export_args a = {0};
  int status = parse_options(argc, argv, &a);
  if (status >= 0)
    return status;
  struct lprof_profile all;
  struct output out;
  if (cli_read_profiles(argv + optind, argc - optind, &all)) {
    lprof_profile_free(&all);
    return CLI_FAILED;
  }
  status = CLI_FAILED;
  if (output_open(&out, a.output) == 0) {
    if (a.format->write(out.f, &all) == 0)
      status = output_commit(&out) ? CLI_FAILED : CLI_OK;
    else {
      cli_error("cannot write the %s output", a.format->name);
      output_abort(&out);
    }
  }
  lprof_profile_free(&all);
  return status;
}
