/**
 * Typed model, codecs, builder and validation of Linux Kexec HandOver (KHO) metadata (reference:
 * docs kho-format.md, the kernel's {@code Documentation/core-api/kho/} and {@code include/linux/kho/abi/}).
 *
 * <pre>{@code
 * // describe a handover and write it as the kho-v4 kernel would
 * KhoHandover h = KhoHandover.builder(KhoAbi.V4)
 *         .preservedMemoryMap(0x1_16be_4000L)
 *         .subtree("memblock", 0x1_0000_0000L,
 *                 new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L))))
 *         .subtree("kexec-metadata", 0x1_0000_3000L, new KexecMetadata(1, "7.2.13", 4))
 *         .scratch(new ScratchArea(0x100_0000L, 0x1000_0000L))
 *         .build();
 * KhoImage image = h.encode(KhoOptions.DEFAULT);                       // root, blobs, scratch array
 * Report report = KhoValidator.of(KhoOptions.DEFAULT).validateImage(image);  // no findings
 * KhoTree root = KhoRootCodec.decode(image.root(), KhoOptions.DEFAULT);     // generation, map, subtrees
 * KhoImage live = KhoDebugfs.read(Path.of("/sys/kernel/debug/kho/out"), KhoOptions.DEFAULT);
 * }</pre>
 *
 * <p>Byte order: FDT containers are big-endian; every KHO value inside them and every binary struct is in
 * the producing kernel's order, given by {@link io.khotools.kho.KhoOptions#byteOrder()} (little-endian by
 * default). The model holds {@code byte[]} copies and never a {@code ByteBuf}. Pointers into physical memory
 * are listed as {@link io.khotools.kho.PhysPointer}s, not followed. Depends on {@code io.khotools.fdt} only;
 * must not depend on the CLI.
 */
package io.khotools.kho;
