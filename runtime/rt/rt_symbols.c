#define _GNU_SOURCE /* dladdr */
/* rt_symbols.c - names an address of the process for the object analyses:
 * the symbol holding it and the offset into it, from the ELF symbol table
 * (.symtab, else .dynsym) of the loaded object that holds it, so that
 * static functions and variables have their names (dladdr sees exported
 * symbols only). The object's file (rt_elf.c) is mapped for one look-up
 * and unmapped after. Then,
 * and for exported symbols (whose names stay dladdr's), the answer is
 * dladdr's: the symbol, else the file's name and the offset from its
 * base. No malloc: these run from gdb prompts, maybe inside malloc. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "rt_base.h"
#include "rt_elf.h"

struct symtab {
  const Elf64_Sym *sym;
  size_t n;
  const char *str;
  size_t str_size;
};

/* The first section of type `type` that is a valid symbol table. */
static int find_symtab(const struct rt_elf *o, uint32_t type, struct symtab *t) {
  size_t n;
  const Elf64_Shdr *sh = rt_elf_sections(o, &n);
  for (size_t i = 0; sh && i < n; i++) {
    const Elf64_Shdr *s = &sh[i];
    if (s->sh_type != type || s->sh_entsize != sizeof(Elf64_Sym) ||
        s->sh_link >= n || sh[s->sh_link].sh_type != SHT_STRTAB ||
        s->sh_offset % 8)
      continue;
    const Elf64_Shdr *str = &sh[s->sh_link];
    t->n = s->sh_size / sizeof(Elf64_Sym);
    t->sym = rt_elf_at(o, s->sh_offset, t->n * sizeof(Elf64_Sym));
    t->str = rt_elf_at(o, str->sh_offset, str->sh_size);
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
  struct rt_elf o;
  struct symtab t;
  const Elf64_Sym *s = NULL;
  if (rt_elf_open(addr, &o))
    return -1;
  if (!find_symtab(&o, SHT_SYMTAB, &t) || !find_symtab(&o, SHT_DYNSYM, &t))
    s = best(&t, addr - o.bias);
  if (s) {
    snprintf(out, size, "%s", t.str + s->st_name);
    *start = o.bias + s->st_value;
  }
  rt_elf_close(&o);
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
