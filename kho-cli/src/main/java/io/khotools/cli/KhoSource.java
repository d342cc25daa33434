package io.khotools.cli;

import io.khotools.kho.KhoDecodeException;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.netty.buffer.ByteBuf;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * One INPUT as the commands that read KHO data see it: an FDT blob (a file or standard input), a debugfs KHO
 * directory, or a physical memory image (an ELF core by its magic, or any file with {@code --raw-base}).
 */
sealed interface KhoSource {
    /**
     * An FDT (a DTB, a root FDT or a sub-blob file).
     *
     * @param blob the bytes; <b>the caller owns it</b> and releases it
     */
    record Fdt(ByteBuf blob) implements KhoSource {}

    /**
     * A debugfs KHO directory.
     *
     * @param image its files
     */
    record Debugfs(KhoImage image) implements KhoSource {}

    /**
     * A memory image, its handover found.
     *
     * @param loaded the handover and the warnings reading it gave
     */
    record Image(MemoryImages.Loaded loaded) implements KhoSource {}

    /**
     * Opens {@code input}.
     *
     * @param cl the command, for usage errors
     * @param image the image options; given for an input that is not an image, they are a usage error
     * @param kho the KHO options; without {@code --endian} a big-endian ELF image is read big-endian
     * @throws FileProblemException if the input cannot be read, or no KHO root is found in an image
     * @throws ParameterException if image options are given for a DTB or a directory
     */
    static KhoSource open(CommandLine cl, CliContext context, String input, ImageOptionsMixin image,
            KhoOptionsMixin kho) {
        KhoOptions options = kho.options();
        String name = BlobFiles.displayName(input);
        if (KhoInputs.isDirectory(context, input)) {
            notAnImage(cl, image, name, "a directory");
            return new Debugfs(KhoInputs.readDebugfs(context, input, options));
        }
        try {
            if (!"-".equals(input) && (image.rawBase != null || MemoryImages.isElfFile(context, input))
                    && java.nio.file.Files.isRegularFile(context.resolve(input))) {
                return new Image(MemoryImages.open(context, input, image, options, kho.endianGiven()));
            }
            ByteBuf blob = BlobFiles.read(context, input);
            byte[] head = new byte[Math.min(4, blob.readableBytes())];
            blob.getBytes(blob.readerIndex(), head);
            if (image.rawBase == null && !MemoryImages.isElf(head)) {
                if (image.any()) {
                    blob.release();
                    notAnImage(cl, image, name, "not a memory image (no ELF magic)");
                }
                return new Fdt(blob);
            }
            try {
                return new Image(MemoryImages.of(name, blob, image, options, kho.endianGiven()));
            } finally {
                blob.release();
            }
        } catch (KhoDecodeException e) {
            throw new FileProblemException(name, "the KHO root FDT in the image " + ErrorHandler.describe(e), e);
        }
    }

    private static void notAnImage(CommandLine cl, ImageOptionsMixin image, String name, String what) {
        if (image.any()) {
            throw new ParameterException(cl, "--fdt-addr, --setup-data and --raw-base apply to memory images"
                    + " (ELF cores, raw files); " + name + " is " + what);
        }
    }
}
