// Static variables and functions are named from the ELF symbol table of
// the object holding them (rt_symbols.c): a chain rooted in a static
// global (`global held`), at an offset into a static array (`global
// slots+0x10`), blocks grouped by the static function that allocated them
// (make_blob), in a PIE, a non-PIE and a shared library. A stripped
// program (no .symtab) names its exported `shared` from .dynsym and its
// statics by the program's name and offset; so does a damaged library
// file (truncated, bad offsets, sizes, links or names), without a crash.
// Built without the plugin: no block has a site, so reports name callers.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang -g -O0 -DLIB -shared -fPIC %s -o libsn.so && cp libsn.so good.so
// RUN: %clang -g -O0 -I %S/../../include %s -L. -lsn -Wl,-rpath,%t %ldflags -o pie
// RUN: %clang -g -O0 -no-pie -I %S/../../include %s -L. -lsn -Wl,-rpath,%t %ldflags -o nopie
// RUN: %clang -O0 -rdynamic -s -I %S/../../include %s -L. -lsn -Wl,-rpath,%t %ldflags -o stripped
// RUN: env LINEPROF_OBJECTS=1 ./pie | FileCheck %s --check-prefix=NAMED --match-full-lines
// RUN: env LINEPROF_OBJECTS=1 ./nopie | FileCheck %s --check-prefix=NAMED --match-full-lines
// RUN: env LINEPROF_OBJECTS=1 ./stripped | FileCheck %s --check-prefix=STRIPPED --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so truncate:64 bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so truncate:4096 bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so truncate:-100 bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so offsets bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so sizes bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so links bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
// RUN: python3 %S/Inputs/corrupt_elf.py good.so names bad.so && cp good.so libsn.so
// RUN: env LINEPROF_OBJECTS=1 ./pie bad.so | FileCheck %s --check-prefix=BAD --match-full-lines
#ifdef LIB
#include <stdlib.h>

static void *lib_slot;

static void *lib_make(void) {
  void *p = malloc(24);
  return p;
}

void lib_keep(void) { lib_slot = lib_make(); }
void *lib_peek(void) { return lib_slot; }
#else
#include <stdio.h>
#include <stdlib.h>

#include "lineprof.h"

struct holder { long id; void *blob; };
static struct holder *held; /* static: only .symtab names it */
static void *slots[4];      /* slots[2] is at slots+0x10 */
struct holder *shared;      /* exported by -rdynamic: in .dynsym too */
void lib_keep(void);
void *lib_peek(void);

static void *make_blob(void) {
  void *p = malloc(16);
  return p;
}

/* Here, so that main's frame holds none of the blocks. */
static void setup(void) {
  held = malloc(sizeof *held);
  held->blob = make_blob();
  slots[2] = make_blob();
  shared = malloc(sizeof *shared);
  shared->blob = make_blob();
  lib_keep();
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  setup();
  /* The damaged copy replaces the loaded library's file. */
  if (argc > 1 && rename(argv[1], "libsn.so"))
    return 1;
  lineprof_show_most_common_types(0);
  lineprof_find_backref_chain(held->blob, 10);
  lineprof_find_backref_chain(slots[2], 10);
  lineprof_find_backref_chain(shared->blob, 10);
  lineprof_find_backref_chain(lib_peek(), 10);
  return 0;
}
#endif
// Two callers in setup, in the order of their offsets.
// NAMED:      make_blob+0x{{[0-9a-f]+}} 3 48 bytes
// NAMED-NEXT: lib_make+0x{{[0-9a-f]+}}  1 24 bytes
// NAMED-NEXT: setup+0x{{[0-9a-f]+ +}}1 16 bytes
// NAMED-NEXT: setup+0x{{[0-9a-f]+ +}}1 16 bytes
// NAMED-NEXT: global held (0x{{[0-9a-f]+}})
// NAMED-NEXT:   -> untyped, 16 bytes, setup+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// NAMED-NEXT:   -> untyped, 16 bytes, make_blob+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// NAMED-NEXT: global slots+0x10 (0x{{[0-9a-f]+}})
// NAMED-NEXT:   -> untyped, 16 bytes, make_blob+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// NAMED-NEXT: global shared (0x{{[0-9a-f]+}})
// NAMED-NEXT:   -> untyped, 16 bytes, setup+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// NAMED-NEXT:   -> untyped, 16 bytes, make_blob+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// NAMED-NEXT: global lib_slot (0x{{[0-9a-f]+}})
// NAMED-NEXT:   -> untyped, 24 bytes, lib_make+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// NAMED-NOT:  {{.}}
// STRIPPED:      stripped+0x{{[0-9a-f]+}} 3 48 bytes
// STRIPPED-NEXT: lib_make+0x{{[0-9a-f]+ +}}1 24 bytes
// STRIPPED-NEXT: stripped+0x{{[0-9a-f]+}} 1 16 bytes
// STRIPPED-NEXT: stripped+0x{{[0-9a-f]+}} 1 16 bytes
// STRIPPED-NEXT: global stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT:   -> untyped, 16 bytes, stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT:   -> untyped, 16 bytes, stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT: global stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT:   -> untyped, 16 bytes, stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT: global shared (0x{{[0-9a-f]+}})
// STRIPPED-NEXT:   -> untyped, 16 bytes, stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT:   -> untyped, 16 bytes, stripped+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NEXT: global lib_slot (0x{{[0-9a-f]+}})
// STRIPPED-NEXT:   -> untyped, 24 bytes, lib_make+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// STRIPPED-NOT:  {{.}}
// BAD:      make_blob+0x{{[0-9a-f]+}} 3 48 bytes
// BAD-NEXT: libsn.so+0x{{[0-9a-f]+ +}}1 24 bytes
// BAD:      global held (0x{{[0-9a-f]+}})
// BAD:      global libsn.so+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// BAD-NEXT:   -> untyped, 24 bytes, libsn.so+0x{{[0-9a-f]+}} (0x{{[0-9a-f]+}})
// BAD-NOT:  {{.}}
