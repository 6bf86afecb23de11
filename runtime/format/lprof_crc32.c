/* lprof_crc32.c - CRC-32 (IEEE 802.3, the polynomial zlib uses) for the
 * .lprof integrity trailer. Table-free so the runtime carries no data. */
#include "lprof_format.h"

uint32_t lprof_crc32(uint32_t crc, const void *data, size_t len) {
  const unsigned char *p = data;
  crc = ~crc;
  while (len--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}
