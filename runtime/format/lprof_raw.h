/* lprof_raw.h - the raw profile of continuous mode (rt_continuous.c writes
 * it while the program runs; docs/lprof-format.md): a header, then chunks,
 * each on a page boundary, each { u32 tag, u32 reserved, u64 size }:
 *
 *   PROG  the payload of a .lprof PROG record (timer calibrated at start)
 *   MODL  u32 index, u32 nslots, u32 nfunctions, u32 nderived, nderived
 *         derived slots { u32 slot, u32 first, u32 second } (rt_abi.h's
 *         struct lineprof_derived), then per function a FUNC
 *         record head and fields (name, file, path, first_line, last_line,
 *         nlines, reserved) followed by u32 first_slot, nlines u32 lines,
 *         u32 ncalls and ncalls call sites { u32 slot, u32 line, str callee }
 *   BLCK  u32 module index, u32 count, then count u64 counters of one
 *         thread (LINEPROF_BLOCK_ARRAYS arrays of nslots + 1, rt_abi.h)
 *
 * lprof_raw_to_lprof turns one into an ordinary .lprof image, which the
 * reader then validates like any other. */
#ifndef LPROF_RAW_H
#define LPROF_RAW_H

#include <stddef.h>
#include <stdint.h>

#include "lprof_writer.h"

#define LPROF_RAW_MAGIC "\x89LPRAW\r\n" /* 8 bytes */
#define LPROF_RAW_VERSION 3u /* 2: MODL functions carry call sites;
                                3: MODL carries derived slots */
#define LPROF_RAW_CHUNK_HEAD 16u

#define LPROF_RAW_PROG 0x474f5250u /* "PROG" */
#define LPROF_RAW_MODL 0x4c444f4du /* "MODL" */
#define LPROF_RAW_BLCK 0x4b434c42u /* "BLCK" */

struct lprof_raw_header {
  char magic[8];
  uint32_t version, page_size;
};

struct lprof_raw_chunk {
  uint32_t tag, reserved;
  uint64_t size; /* whole chunk, head included; a multiple of the page */
};

/* Whether buf[0..len) starts like a raw profile. */
int lprof_is_raw(const void *buf, size_t len);
/* Builds the .lprof image of the raw profile buf[0..len) into out (which
 * it initialises). Returns 0, or -1 with the problem in err. */
int lprof_raw_to_lprof(const void *buf, size_t len, struct lprof_buf *out,
                       char *err, size_t errlen);

#endif
