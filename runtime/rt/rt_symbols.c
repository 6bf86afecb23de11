#define _GNU_SOURCE /* dladdr, dl_iterate_phdr */
/* rt_symbols.c - names an address of the process for the object analyses:
 * the symbol holding it and the offset into it, from the ELF symbol table
 * (.symtab, else .dynsym) of the loaded object that holds it, so that
 * static functions and variables have their names (dladdr sees exported
 * symbols only). The object's file (/proc/self/exe for the program) is
 * mapped read-only for one look-up and unmapped after; every offset read
 * from it is checked against its size, and a file that is not ELF64 or
 * whose program headers differ from the loaded ones is not used. Then,
 * and for exported symbols (whose names stay dladdr's), the answer is
 * dladdr's: the symbol, else the file's name and the offset from its
 * base. No malloc: these run from gdb prompts, maybe inside malloc. */
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rt_base.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_DATA ELFDATA2LSB
#else
#define HOST_DATA ELFDATA2MSB
#endif

/* The loaded object holding addr (dl_iterate_phdr). */
struct object {
  uintptr_t addr, bias;
  const ElfW(Phdr) *phdr;
  size_t phnum;
  char path[PATH_MAX];
};

/* Its file, mapped. */
struct file {
  const unsigned char *p;
  size_t size;
};

struct symtab {
  const Elf64_Sym *sym;
  size_t n;
  const char *str;
  size_t str_size;
};

static int find_object(struct dl_phdr_info *info, size_t size, void *ctx) {
  struct object *o = ctx;
  (void)size;
  for (size_t i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD ||
        o->addr - (info->dlpi_addr + ph->p_vaddr) >= ph->p_memsz)
      continue;
    o->bias = info->dlpi_addr;
    o->phdr = info->dlpi_phdr, o->phnum = info->dlpi_phnum;
    snprintf(o->path, sizeof o->path, "%s",
             info->dlpi_name && info->dlpi_name[0] ? info->dlpi_name
                                                   : "/proc/self/exe");
    return 1;
  }
  return 0;
}

static int map_file(const char *path, struct file *f) {
  struct stat st;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  f->p = MAP_FAILED;
  if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0) {
    f->size = (size_t)st.st_size;
    f->p = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
  }
  if (fd >= 0)
    close(fd);
  return f->p == MAP_FAILED ? -1 : 0;
}

/* The n bytes at off in f, or NULL if they are not all in it. */
static const void *at(const struct file *f, uint64_t off, uint64_t n) {
  return off <= f->size && n <= f->size - off ? f->p + off : NULL;
}

/* count entries of entsize bytes at off, aligned for ELF64's structures. */
static const void *table(const struct file *f, uint64_t off, uint64_t count,
                         uint64_t entsize) {
  return off % 8 || count > f->size / entsize ? NULL
                                              : at(f, off, count * entsize);
}

/* f's header, if f is the ELF64 file loaded as o. */
static const Elf64_Ehdr *header(const struct file *f, const struct object *o) {
  const Elf64_Ehdr *e = at(f, 0, sizeof *e);
  if (!e || memcmp(e->e_ident, ELFMAG, SELFMAG) ||
      e->e_ident[EI_CLASS] != ELFCLASS64 || e->e_ident[EI_DATA] != HOST_DATA ||
      sizeof(ElfW(Phdr)) != sizeof(Elf64_Phdr) ||
      e->e_phentsize != sizeof(Elf64_Phdr) ||
      e->e_shentsize != sizeof(Elf64_Shdr) || e->e_phnum != o->phnum)
    return NULL;
  const void *ph = table(f, e->e_phoff, e->e_phnum, sizeof(Elf64_Phdr));
  return ph && !memcmp(ph, o->phdr, o->phnum * sizeof(Elf64_Phdr)) ? e : NULL;
}

/* The first section of type `type` that is a valid symbol table. */
static int find_symtab(const struct file *f, const Elf64_Ehdr *e,
                       uint32_t type, struct symtab *t) {
  const Elf64_Shdr *sh = table(f, e->e_shoff, e->e_shnum, sizeof *sh);
  for (size_t i = 0; sh && i < e->e_shnum; i++) {
    const Elf64_Shdr *s = &sh[i];
    if (s->sh_type != type || s->sh_entsize != sizeof(Elf64_Sym) ||
        s->sh_link >= e->e_shnum || sh[s->sh_link].sh_type != SHT_STRTAB)
      continue;
    const Elf64_Shdr *str = &sh[s->sh_link];
    t->n = s->sh_size / sizeof(Elf64_Sym);
    t->sym = table(f, s->sh_offset, t->n, sizeof(Elf64_Sym));
    t->str = at(f, str->sh_offset, str->sh_size);
    t->str_size = str->sh_size;
    if (t->sym && t->str)
      return 0;
  }
  return -1;
}

/* Whether symbol s is a named function or variable holding off. */
static int holds(const struct symtab *t, const Elf64_Sym *s, uint64_t off) {
  int type = ELF64_ST_TYPE(s->st_info);
  return (type == STT_FUNC || type == STT_OBJECT) &&
         s->st_shndx != SHN_UNDEF && s->st_shndx != SHN_ABS &&
         s->st_value <= off && off - s->st_value < (s->st_size ? s->st_size : 1) &&
         s->st_name < t->str_size && t->str[s->st_name] &&
         memchr(t->str + s->st_name, '\0', t->str_size - s->st_name);
}

/* Of two symbols holding an address: one with a size (a range) before a
 * bare address, the nearest start, global before weak before local. */
static int better(const Elf64_Sym *a, const Elf64_Sym *b) {
  int bind_a = ELF64_ST_BIND(a->st_info), bind_b = ELF64_ST_BIND(b->st_info);
  if (!a->st_size != !b->st_size)
    return a->st_size != 0;
  if (a->st_value != b->st_value)
    return a->st_value > b->st_value;
  return (bind_a == STB_GLOBAL) * 2 + (bind_a == STB_WEAK) >
         (bind_b == STB_GLOBAL) * 2 + (bind_b == STB_WEAK);
}

static const Elf64_Sym *best(const struct symtab *t, uint64_t off) {
  const Elf64_Sym *found = NULL;
  for (size_t i = 0; i < t->n; i++)
    if (holds(t, &t->sym[i], off) && (!found || better(&t->sym[i], found)))
      found = &t->sym[i];
  return found;
}

/* The symbol-table answer: name into out, its address into *start. */
static int from_symtab(uintptr_t addr, char *out, size_t size,
                       uintptr_t *start) {
  struct object o = {.addr = addr};
  struct file f;
  struct symtab t;
  const Elf64_Sym *s = NULL;
  if (!dl_iterate_phdr(find_object, &o) || map_file(o.path, &f))
    return -1;
  const Elf64_Ehdr *e = header(&f, &o);
  if (e && (!find_symtab(&f, e, SHT_SYMTAB, &t) ||
            !find_symtab(&f, e, SHT_DYNSYM, &t)))
    s = best(&t, addr - o.bias);
  if (s) {
    snprintf(out, size, "%s", t.str + s->st_name);
    *start = o.bias + s->st_value;
  }
  munmap((void *)f.p, f.size);
  return s ? 0 : -1;
}

int rt_symbol_name(uintptr_t addr, char *out, size_t size,
                   uintptr_t *offset) {
  Dl_info info;
  uintptr_t start = 0;
  if (!dladdr((void *)addr, &info))
    return -1;
  int found = !from_symtab(addr, out, size, &start);
  if (info.dli_sname && info.dli_saddr &&
      (!found || (uintptr_t)info.dli_saddr >= start)) {
    snprintf(out, size, "%s", info.dli_sname);
    start = (uintptr_t)info.dli_saddr;
  } else if (!found) { /* not in a symbol table we can read */
    const char *file = info.dli_fname ? info.dli_fname : "";
    snprintf(out, size, "%s", strrchr(file, '/') ? strrchr(file, '/') + 1 : file);
    start = (uintptr_t)info.dli_fbase;
  }
  *offset = addr - start;
  return 0;
}
