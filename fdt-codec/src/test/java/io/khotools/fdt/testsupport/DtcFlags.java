package io.khotools.fdt.testsupport;

import io.khotools.fdt.stream.WriteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The dtc options of a golden {@code .dts}: its first line may be {@code // dtc-flags: -p 16 -a 8}
 * (testdata/regen.sh passes them to dtc), and {@link #toOptions} turns them into the {@link WriteOptions} that
 * make our writer lay the blob out the same way. Free space and {@code -R} cannot be read back from a blob,
 * which is why the flags line is the source of truth.
 */
public final class DtcFlags {
    private static final String PREFIX = "// dtc-flags:";

    private DtcFlags() {}

    /** The flags on the file's first line, or an empty list. */
    public static List<String> of(Path dts) {
        try (var lines = Files.lines(dts)) {
            String first = lines.findFirst().orElse("");
            if (!first.startsWith(PREFIX)) {
                return List.of();
            }
            String rest = first.substring(PREFIX.length()).trim();
            return rest.isEmpty() ? List.of() : Arrays.asList(rest.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Maps dtc options onto dtc-layout write options: {@code -p -S -a -R -b -V}, numbers in C notation
     * (decimal or 0x hex).
     *
     * @throws IllegalArgumentException for any other option, so a golden cannot silently use an unsupported flag
     */
    public static WriteOptions toOptions(List<String> flags) {
        WriteOptions o = WriteOptions.dtc();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (i + 1 >= flags.size()) {
                throw new IllegalArgumentException("dtc flag " + flag + " needs a value");
            }
            int value = (int) Long.decode(flags.get(++i)).longValue();
            o = switch (flag) {
                case "-p" -> o.withPadding(value);
                case "-S" -> o.withMinTotalSize(value);
                case "-a" -> o.withAlignment(value);
                case "-R" -> o.withExtraReserveEntries(value);
                case "-b" -> o.withBootCpuId(value);
                case "-V" -> o.withVersion(value);
                default -> throw new IllegalArgumentException("unsupported dtc flag in a golden: " + flag);
            };
        }
        return o;
    }
}
