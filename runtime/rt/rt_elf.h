/* rt_elf.h - the ELF file of a loaded object, mapped for reading
 * (rt_elf.c): symbol names (rt_symbols.c) and line tables (rt_dwarf_lines.c)
 * come from it. No malloc. */
#ifndef RT_ELF_H
#define RT_ELF_H

#include <elf.h>
#include <limits.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>

/* A loaded object and its file. */
struct rt_elf {
  uintptr_t bias;           /* load address minus link-time address */
  const unsigned char *p;   /* the file, mapped read-only */
  size_t size;
  const Elf64_Ehdr *e;      /* its header, checked against the loaded one */
  char path[PATH_MAX];      /* /proc/self/exe for the program */
};

/* Maps the file of the loaded object holding addr; -1 if no object holds
 * it, or its file cannot be read or is not the ELF64 file loaded. */
int rt_elf_open(uintptr_t addr, struct rt_elf *o);
void rt_elf_close(struct rt_elf *o);

/* The n bytes at off in the file, or NULL if they are not all in it. */
const void *rt_elf_at(const struct rt_elf *o, uint64_t off, uint64_t n);

/* The section headers, *n of them; NULL if they are not in the file. */
const Elf64_Shdr *rt_elf_sections(const struct rt_elf *o, size_t *n);

/* The contents of the section called name, *size bytes; NULL if there is
 * none, or it is compressed (SHF_COMPRESSED) or not in the file. */
const unsigned char *rt_elf_section(const struct rt_elf *o, const char *name,
                                    size_t *size);

#endif
