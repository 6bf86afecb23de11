"""Writes a damaged copy of an ELF64 shared object, for
lit/objects/static-names.c: the program headers stay (so the runtime takes
the file for the loaded object), what the symbol look-up reads does not.

    corrupt_elf.py IN MODE OUT

MODE: truncate:N (the first N bytes; N < 0: all but the last -N),
offsets (every section's offset near 2**64), sizes (every section's size
near 2**64), links (symbol tables link to no section), names (string
tables one byte long: every symbol's name out of range)."""
import struct
import sys

SHT_SYMTAB, SHT_STRTAB, SHT_DYNSYM = 2, 3, 11

src, mode, dst = sys.argv[1:]
data = bytearray(open(src, "rb").read())
shoff, = struct.unpack_from("<Q", data, 0x28)
shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
for i in range(shnum):
    sh = shoff + i * shentsize
    kind, = struct.unpack_from("<I", data, sh + 4)
    if mode == "offsets":
        struct.pack_into("<Q", data, sh + 0x18, 2**64 - 16)
    elif mode == "sizes":
        struct.pack_into("<Q", data, sh + 0x20, 2**64 - 16)
    elif mode == "links" and kind in (SHT_SYMTAB, SHT_DYNSYM):
        struct.pack_into("<I", data, sh + 0x28, 0xFFFFFFFF)
    elif mode == "names" and kind == SHT_STRTAB:
        struct.pack_into("<Q", data, sh + 0x20, 1)
if mode.startswith("truncate:"):
    data = data[: int(mode.split(":")[1])]
elif mode not in ("offsets", "sizes", "links", "names"):
    sys.exit("corrupt_elf.py: unknown mode " + mode)
open(dst, "wb").write(data)
