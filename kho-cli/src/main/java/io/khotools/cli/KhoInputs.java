package io.khotools.cli;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.kho.KhoDebugfs;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.view.KhoView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * KHO inputs of the command: a debugfs KHO directory ({@code .../kho/out} or {@code in}) or a root FDT file,
 * decoded into the view {@code kho dump} prints.
 */
final class KhoInputs {
    private KhoInputs() {}

    /** Whether {@code input} names a directory (a debugfs KHO directory, for the commands that take one). */
    static boolean isDirectory(CliContext context, String input) {
        return !"-".equals(input) && Files.isDirectory(context.resolve(input));
    }

    /**
     * Reads a debugfs KHO directory.
     *
     * @throws FileProblemException if it has no {@code fdt} or a file cannot be read
     */
    static KhoImage readDebugfs(CliContext context, String input, KhoOptions options) {
        Path dir = context.resolve(input);
        if (!Files.isRegularFile(dir.resolve(KhoDebugfs.FDT))) {
            throw new FileProblemException(input, "is a directory without an fdt file; expected a DTB or a debugfs"
                    + " KHO directory (/sys/kernel/debug/kho/out or in)", null);
        }
        try {
            return KhoDebugfs.read(dir, options);
        } catch (IOException e) {
            throw new FileProblemException(input, "cannot read the debugfs KHO directory: " + BlobFiles.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new FileProblemException(input, "malformed debugfs KHO directory: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a blob is a KHO root: its root {@code compatible} starts with {@code kho-v}. A root cut short of
     * its totalsize (debugfs {@code out/fdt} on real kernels, kho-format.md §6) counts when it names a KHO
     * generation, since the KHO rule for the cut is the finding that matters.
     */
    static boolean isKhoRoot(ByteBuf blob) {
        try {
            FdtIndex index = FdtIndex.build(blob);
            int compat = index.nodeCount() > 0 ? index.property(0, "compatible") : -1;
            return compat >= 0 && index.value(compat).toString(StandardCharsets.ISO_8859_1).startsWith("kho-v");
        } catch (FdtException e) {
            byte[] bytes = ByteBufUtil.getBytes(blob);
            return KhoValidator.truncatedRoot(bytes) && new String(bytes, StandardCharsets.ISO_8859_1).contains("kho-v");
        }
    }

    /**
     * The KHO view model of a root FDT alone (no sub-blobs, no scratch).
     *
     * @throws io.khotools.kho.KhoDecodeException if it is not a decodable KHO root
     */
    static Map<String, Object> rootView(byte[] root, KhoOptions options) {
        return KhoView.model(new KhoHandover(KhoRootCodec.decode(root, options), Map.of(), List.of()), false, false);
    }

    /**
     * The KHO view model of a whole debugfs image.
     *
     * @throws io.khotools.kho.KhoDecodeException if the root or a sub-blob cannot be decoded at all
     */
    static Map<String, Object> imageView(KhoImage image, KhoOptions options) {
        return KhoView.model(KhoHandover.decode(image, options), true, image.scratch() != null);
    }
}
