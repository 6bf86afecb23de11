/* export_gzip.c - a gzip stream written to a FILE with zlib (export.h):
 * the compression of `lineprof export --format=pprof`, whose files are
 * gzip-compressed protobuf. */
#include <limits.h>
#include <stdlib.h>
#include <zlib.h>

#include "export.h"

int export_gzip_begin(struct export_gzip *g, FILE *out) {
  z_stream *z = calloc(1, sizeof *z);
  g->out = out;
  g->z = z;
  /* windowBits 15 + 16: a gzip header and trailer around the deflate data */
  g->failed = !z || deflateInit2(z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16,
                                 8, Z_DEFAULT_STRATEGY) != Z_OK;
  if (g->failed) {
    free(z);
    g->z = NULL;
  }
  return g->failed ? -1 : 0;
}

/* Runs deflate on the pending input with `flush`, writing what it makes. */
static void deflate_out(struct export_gzip *g, int flush) {
  z_stream *z = g->z;
  unsigned char buf[16384];
  int rc;
  do {
    z->next_out = buf;
    z->avail_out = sizeof buf;
    rc = deflate(z, flush);
    size_t n = sizeof buf - z->avail_out;
    if (rc == Z_STREAM_ERROR || (n && fwrite(buf, 1, n, g->out) != n)) {
      g->failed = 1;
      return;
    }
  } while (z->avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

void export_gzip_write(struct export_gzip *g, const void *data, size_t len) {
  const unsigned char *p = data;
  while (!g->failed && len) {
    uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
    z_stream *z = g->z;
    z->next_in = (Bytef *)p;
    z->avail_in = n;
    deflate_out(g, Z_NO_FLUSH);
    p += n;
    len -= n;
  }
}

int export_gzip_finish(struct export_gzip *g) {
  if (!g->z)
    return -1;
  if (!g->failed)
    deflate_out(g, Z_FINISH);
  deflateEnd(g->z);
  free(g->z);
  g->z = NULL;
  return g->failed ? -1 : 0;
}
