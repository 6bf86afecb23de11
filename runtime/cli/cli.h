/* cli.h - the lineprof command: its subcommands (one cmd_<name>.c file each)
 * and the helpers they share (cli_<role>.c beside them). */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>
#include <sys/types.h>

/* Subcommands: each returns the process exit status. argv[0] is the
 * subcommand's name. */
int cli_show(int argc, char **argv);
int cli_cflags(int argc, char **argv);
int cli_ldflags(int argc, char **argv);
int cli_mprof(int argc, char **argv);
int cli_mprof_run(int argc, char **argv); /* `mprof run`: cmd_mprof_run.c */
int cli_run(int argc, char **argv);
int cli_timeit(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_merge(int argc, char **argv);
int cli_diff(int argc, char **argv);

/* Reads the n .lprof files into one profile, summing them (cli_profiles.c);
 * returns 0, or -1 after naming the bad file (*all must still be freed). */
struct lprof_profile;
int cli_read_profiles(char **paths, int n, struct lprof_profile *all);
/* Adds p (read from path) into all, as lprof_profile_merge does; a
 * profile without memory figures takes the other's memory mode, and two
 * different memory modes (heap, rss) are refused. p is freed either way.
 * Returns 0, or -1 after naming path and the problem (cli_profiles.c). */
int cli_add_profile(struct lprof_profile *all, struct lprof_profile *p,
                    const char *path);
/* Where the plugin, runtime and headers are (cli_paths.c). */
struct cli_layout {
  char libdir[4096], includedir[4096];
  char plugin[4200], runtime[4200]; /* lineprof.so, liblineprof_rt.so */
};
void cli_find_layout(struct cli_layout *l);

/* How cli_spawn sets up the child; all of it optional. */
struct cli_child {
  const char *const *env; /* name, value pairs added to the environment,
                             up to a NULL name */
  int out_fd;             /* > 0: the child's stdout and stderr */
  void (*in_child)(void *ctx); /* called in the child before the exec */
  void *ctx;
};
/* Starts argv (PATH searched) as `how` says (NULL: as it is). Returns the
 * child's pid; -1 with errno set if it could not fork; -2 with the exec's
 * errno if the program could not be run (cli_process.c). */
pid_t cli_spawn(char *const argv[], const struct cli_child *how);
/* Waits for pid; returns its wait status, or -1 with errno set. */
int cli_wait(pid_t pid);
/* cli_spawn and cli_wait: runs argv with env (as struct cli_child's);
 * returns the wait status, or -1 with errno set. A program that cannot be
 * run is reported, with the status 127 a shell gives it. */
int cli_run_program(char *const argv[], const char *const env[]);
/* The status a shell reports for a wait status: 128 + signal if killed. */
int cli_exit_status(int wait_status);

/* A temporary directory named <name>XXXXXX under cli_tempdir_base() ($TMPDIR,
 * else /tmp) into dir; returns 0, or -1 with errno set (cli_tempdir.c). */
const char *cli_tempdir_base(void);
int cli_tempdir_make(char *dir, size_t size, const char *name);
/* Removes dir and the files in it. */
void cli_tempdir_remove(const char *dir);

/* Creates a file from a mkstemp template (its last six characters
 * XXXXXX) with the mode a new file gets under the umask; returns the
 * descriptor (close-on-exec) or -1 with errno set (cli_output.c). */
int cli_create_temp(char *template);

/* "dir/.base<tag>.XXXXXX" beside path, a template for cli_create_temp
 * (malloc'd; NULL when out of memory). */
char *cli_sibling_template(const char *path, const char *tag);

/* A file written under a temporary name beside path and renamed into place
 * by atomic_commit. open and commit return 0, or -1 with errno set; after
 * a failure nothing is left behind. */
struct atomic_file {
  FILE *f;
  const char *path;
  char *tmp;
};
int atomic_open(struct atomic_file *a, const char *path);
/* Flushes, closes and renames. */
int atomic_commit(struct atomic_file *a);
/* Closes and removes the temporary file. */
void atomic_abort(struct atomic_file *a);

/* An output file of `export` or `merge`: an atomic_file; "-" or NULL is
 * stdout, and an existing target that is not a regular file is written in
 * place. */
struct output {
  FILE *f;
  struct atomic_file file; /* file.path NULL: not a regular file */
  const char *in_place;    /* a device or FIFO written directly */
};
/* Returns 0, or -1 after printing why. */
int output_open(struct output *o, const char *path);
/* Flushes, closes and renames. Returns 0, or -1 after printing why. */
int output_commit(struct output *o);
/* Closes and removes the temporary file (after a failure). */
void output_abort(struct output *o);

/* Print "lineprof: <message>" on stderr (cli_errors.c). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "lineprof <cmd>: <message>" on stderr. */
void cli_command_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Report a bad command line: the message, then "Try 'lineprof <cmd>
 * --help'". Returns the usage exit status (2). */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* getopt_long's ':' ("option '<option>' needs <missing>") or '?' (an
 * unknown option) as cli_usage_error; option as the user wrote it. */
int cli_option_error(const char *cmd, int c, const char *option,
                     const char *missing);

/* Exit statuses shared by all subcommands. */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

#endif
