/**
 * Handover images: physical memory read from an ELF64 core file ({@link io.khotools.kho.image.ElfCoreMemory},
 * what QEMU's {@code dump-guest-memory} and kdump write) or a raw memory file
 * ({@link io.khotools.kho.image.RawMemory}); writing memory as an ELF64 core
 * ({@link io.khotools.kho.image.ElfCoreWriter}); a whole state as one image with its x86 {@code setup_data}
 * record ({@link io.khotools.kho.image.HandoverImage}); and finding the root FDT in an image
 * ({@link io.khotools.kho.image.RootFinder}). Bad ELF structure throws
 * {@link io.khotools.kho.image.ImageFormatException}; missing or damaged segments are absent memory.
 *
 * <pre>{@code
 * KhoState state = KhoStateFiles.read(dir, 12);
 * HandoverImage.Placement at = new HandoverImage.Placement(0x9000, 0x8000_0000L, 0x8000_1000L);
 * ElfCoreWriter.x86_64().write(HandoverImage.compose(state, at), out);
 * ElfCoreMemory image = ElfCoreMemory.open(file);
 * KhoState back = HandoverImage.read(image, 0x9000).orElseThrow();   // root, scratch, image as memory
 * }</pre>
 */
package io.khotools.kho.image;
