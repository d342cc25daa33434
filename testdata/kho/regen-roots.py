#!/usr/bin/python3
"""Writes testdata/kho/valid/*.root.dtb with pylibfdt, replaying the kernel's libfdt call sequence for each
generation (kho-format.md §2.2): an independent encoder for KhoRootCodec's byte-identity tests.

FINALIZE (v6.16): one fdt_sw pass. BOOT (later): fdt_sw root {compatible, preserved-memory-map}, then per
kho_add_subtree: fdt_open_into(PAGE_SIZE), fdt_add_subnode(0, name), fdt_setprop(pointer), fdt_setprop(blob-size)
when the generation has it, fdt_pack. Values little-endian."""
import os, struct, libfdt

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "valid")
le = lambda v: struct.pack("<Q", v)

def sw_root(compat, mmap, children=(), ptr="fdt"):
    sw = libfdt.FdtSw()
    sw.finish_reservemap()
    sw.begin_node("")
    sw.property_string("compatible", compat)
    sw.property("preserved-memory-map", le(mmap))
    for name, addr, size in children:
        sw.begin_node(name)
        sw.property(ptr, le(addr))
        if size is not None:
            sw.property("blob-size", le(size))
        sw.end_node()
    sw.end_node()
    f = sw.as_fdt()
    return bytes(f.as_bytearray()[: f.totalsize()])

def boot_root(compat, mmap, adds, ptr):
    blob = sw_root(compat, mmap)
    for name, addr, size in adds:
        f = libfdt.Fdt(blob)
        f.resize(4096)                    # fdt_open_into(root, root, PAGE_SIZE)
        off = f.add_subnode(0, name)
        f.setprop(off, ptr, le(addr))
        if size is not None:
            f.setprop(off, "blob-size", le(size))
        f.pack()
        blob = bytes(f.as_bytearray()[: f.totalsize()])
    return blob

CASES = {
    # name: bytes
    "kho-v1-512--finalize": sw_root("kho-v1", 0x116be4000,
                                    [("memblock", 0x80cc1000, None), ("kho_test", 0x80cc3000, None)]),
    "kho-v1-page--boot": boot_root("kho-v1", 0x116be4000,
                                   [("kho_test", 0x80cc3000, None), ("memblock", 0x80cc1000, None),
                                    ("LUO", 0x80cc5000, None)], "fdt"),
    "kho-v2--boot": boot_root("kho-v2", 0x2000000, [("memblock", 0x3000000, None), ("LUO", 0x3002000, None)],
                              "preserved-data"),
    "kho-v3--boot": boot_root("kho-v3", 0x2000000, [("memblock", 0x3000000, 0x200),
                                                     ("kexec-metadata", 0x3001000, 73)], "preserved-data"),
    "kho-v4--boot": boot_root("kho-v4", 0x116be4000, [("memblock", 0x100000000, 0x1b8),
                                                       ("LUO", 0x100002000, 48),
                                                       ("kexec-metadata", 0x100003000, 73)], "preserved-data"),
    "kho-v4--no-subtrees": boot_root("kho-v4", 0x116be4000, [], "preserved-data"),
    "kho-v4-compound--boot": boot_root("kho-v4;radix-v1;vmalloc-v1", 0x5000000, [("kho_test", 0x6000000, 0x150)],
                                       "preserved-data"),
}

for name, blob in CASES.items():
    with open(os.path.join(OUT, name + ".root.dtb"), "wb") as fh:
        fh.write(blob)
    print(name, len(blob))
