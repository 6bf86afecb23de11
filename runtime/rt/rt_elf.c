#define _GNU_SOURCE /* dl_iterate_phdr */
/* rt_elf.c - maps the ELF file of a loaded object (dl_iterate_phdr finds
 * which object holds an address and its load bias) and finds its sections
 * by name. Every offset read from the file is checked against its size,
 * and a file that is not ELF64 or whose program headers differ from the
 * loaded ones is not used. No malloc: callers run from gdb prompts, maybe
 * inside malloc. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rt_elf.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_DATA ELFDATA2LSB
#else
#define HOST_DATA ELFDATA2MSB
#endif

/* What dl_iterate_phdr tells of the object holding addr. */
struct found {
  uintptr_t addr;
  struct rt_elf *o;
  const ElfW(Phdr) *phdr;
  size_t phnum;
};

static int find_object(struct dl_phdr_info *info, size_t size, void *ctx) {
  struct found *f = ctx;
  (void)size;
  for (size_t i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD ||
        f->addr - (info->dlpi_addr + ph->p_vaddr) >= ph->p_memsz)
      continue;
    f->o->bias = info->dlpi_addr;
    f->phdr = info->dlpi_phdr, f->phnum = info->dlpi_phnum;
    snprintf(f->o->path, sizeof f->o->path, "%s",
             info->dlpi_name && info->dlpi_name[0] ? info->dlpi_name
                                                   : "/proc/self/exe");
    return 1;
  }
  return 0;
}

static int map_file(struct rt_elf *o) {
  struct stat st;
  int fd = open(o->path, O_RDONLY | O_CLOEXEC);
  o->p = MAP_FAILED;
  if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0) {
    o->size = (size_t)st.st_size;
    o->p = mmap(NULL, o->size, PROT_READ, MAP_PRIVATE, fd, 0);
  }
  if (fd >= 0)
    close(fd);
  return o->p == MAP_FAILED ? -1 : 0;
}

const void *rt_elf_at(const struct rt_elf *o, uint64_t off, uint64_t n) {
  return off <= o->size && n <= o->size - off ? o->p + off : NULL;
}

/* count entries of entsize bytes at off, aligned for ELF64's structures. */
static const void *table(const struct rt_elf *o, uint64_t off, uint64_t count,
                         uint64_t entsize) {
  return off % 8 || count > o->size / entsize
             ? NULL
             : rt_elf_at(o, off, count * entsize);
}

/* The file's header, if it is the ELF64 file loaded with these headers. */
static const Elf64_Ehdr *header(const struct rt_elf *o, const struct found *f) {
  const Elf64_Ehdr *e = rt_elf_at(o, 0, sizeof *e);
  if (!e || memcmp(e->e_ident, ELFMAG, SELFMAG) ||
      e->e_ident[EI_CLASS] != ELFCLASS64 || e->e_ident[EI_DATA] != HOST_DATA ||
      sizeof(ElfW(Phdr)) != sizeof(Elf64_Phdr) ||
      e->e_phentsize != sizeof(Elf64_Phdr) ||
      e->e_shentsize != sizeof(Elf64_Shdr) || e->e_phnum != f->phnum)
    return NULL;
  const void *ph = table(o, e->e_phoff, e->e_phnum, sizeof(Elf64_Phdr));
  return ph && !memcmp(ph, f->phdr, f->phnum * sizeof(Elf64_Phdr)) ? e : NULL;
}

int rt_elf_open(uintptr_t addr, struct rt_elf *o) {
  struct found f = {.addr = addr, .o = o};
  if (!dl_iterate_phdr(find_object, &f) || map_file(o))
    return -1;
  if (!(o->e = header(o, &f))) {
    rt_elf_close(o);
    return -1;
  }
  return 0;
}

void rt_elf_close(struct rt_elf *o) {
  munmap((void *)o->p, o->size);
  o->p = NULL;
}

const Elf64_Shdr *rt_elf_sections(const struct rt_elf *o, size_t *n) {
  *n = o->e->e_shnum;
  return table(o, o->e->e_shoff, *n, sizeof(Elf64_Shdr));
}

const unsigned char *rt_elf_section(const struct rt_elf *o, const char *name,
                                    size_t *size) {
  size_t n;
  const Elf64_Shdr *sh = rt_elf_sections(o, &n);
  if (!sh || o->e->e_shstrndx >= n)
    return NULL;
  const Elf64_Shdr *names = &sh[o->e->e_shstrndx];
  const char *str = rt_elf_at(o, names->sh_offset, names->sh_size);
  size_t len = strlen(name) + 1;
  for (size_t i = 0; str && i < n; i++) {
    const Elf64_Shdr *s = &sh[i];
    if (s->sh_type == SHT_NOBITS || (s->sh_flags & SHF_COMPRESSED) ||
        s->sh_name >= names->sh_size || len > names->sh_size - s->sh_name ||
        memcmp(str + s->sh_name, name, len))
      continue;
    *size = s->sh_size;
    return rt_elf_at(o, s->sh_offset, s->sh_size);
  }
  return NULL;
}
