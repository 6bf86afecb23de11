/* mprof_sampler.h - resident-memory sampling of a process and, optionally,
 * of all its descendants, for `lineprof mprof run`. Linux /proc only. */
#ifndef MPROF_SAMPLER_H
#define MPROF_SAMPLER_H

#include <stddef.h>
#include <sys/types.h>

/* One descendant's resident memory. */
struct mprof_proc_rss {
  pid_t pid;
  double mib;
};

struct mprof_sampler;

/* Start sampling process root. With descendants, every sample also walks
 * the process tree below root (processes whose parent chain leads to root,
 * found through /proc; a descendant stays counted until it exits even if it
 * is re-parented). Returns NULL with errno set if root's /proc entry cannot
 * be opened. */
struct mprof_sampler *mprof_sampler_new(pid_t root, int descendants);

/* Take one sample. Sets *root_mib to root's resident set size in MiB and,
 * when descendants are sampled, *kids and *n_kids to the live descendants (valid
 * until the next call). Returns 0, or -1 when root is gone (exited, zombie)
 * and nothing was measured. */
int mprof_sampler_sample(struct mprof_sampler *s, double *root_mib,
                         const struct mprof_proc_rss **kids, size_t *n_kids);

void mprof_sampler_free(struct mprof_sampler *s);

/* Resident set size of a process from its open /proc/PID/statm, in bytes;
 * -1 if the process is gone or a zombie. Exposed for tests. */
long long mprof_statm_rss(int statm_fd);

#endif
