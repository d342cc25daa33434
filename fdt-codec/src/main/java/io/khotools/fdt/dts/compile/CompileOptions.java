package io.khotools.fdt.dts.compile;

import io.khotools.fdt.stream.WriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Options of {@link DtsCompiler}, named after the dtc flags they mirror. Immutable; every {@code with…}
 * returns a copy. {@link #defaults()} is plain {@code dtc -I dts -O dtb}.
 */
public final class CompileOptions {
    private static final CompileOptions DEFAULTS =
            new CompileOptions(WriteOptions.dtc(), false, PhandleFormat.EPAPR, List.of());

    private final WriteOptions write;
    private final boolean symbols;
    private final PhandleFormat phandleFormat;
    private final List<Path> includePaths;

    private CompileOptions(WriteOptions write, boolean symbols, PhandleFormat phandleFormat, List<Path> includePaths) {
        this.write = write;
        this.symbols = symbols;
        this.phandleFormat = phandleFormat;
        this.includePaths = List.copyOf(includePaths);
    }

    /** No padding, boot CPU guessed from {@code /cpus}, no {@code __symbols__}, {@code -H epapr}, no -i. */
    public static CompileOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Options from dtc command-line flags: {@code -p N}, {@code -S N}, {@code -a N}, {@code -R N}, {@code -b N}
     * (numbers decimal, 0x hex or 0 octal), {@code -@}, {@code -H legacy|epapr|both}, {@code -i DIR}.
     *
     * @throws IllegalArgumentException for any other flag, a missing value or a bad number
     */
    public static CompileOptions fromDtcFlags(List<String> flags) {
        CompileOptions o = defaults();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (flag.equals("-@")) {
                o = o.withSymbols(true);
                continue;
            }
            if (i + 1 >= flags.size()) {
                throw new IllegalArgumentException("dtc flag " + flag + " needs a value");
            }
            String value = flags.get(++i);
            o = switch (flag) {
                case "-p" -> o.withWriteOptions(o.write.withPadding(number(value)));
                case "-S" -> o.withWriteOptions(o.write.withMinTotalSize(number(value)));
                case "-a" -> o.withWriteOptions(o.write.withAlignment(number(value)));
                case "-R" -> o.withWriteOptions(o.write.withExtraReserveEntries(number(value)));
                case "-b" -> o.withBootCpuId(number(value));
                case "-H" -> o.withPhandleFormat(PhandleFormat.valueOf(value.toUpperCase(Locale.ROOT)));
                case "-i" -> o.withIncludePath(Path.of(value));
                default -> throw new IllegalArgumentException("unsupported dtc flag: " + flag);
            };
        }
        return o;
    }

    private static int number(String s) {
        try {
            return (int) Long.decode(s).longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + s, e);
        }
    }

    /** The blob layout options (dtc layout; padding -p/-S/-a, -R, -b). */
    public WriteOptions writeOptions() {
        return write;
    }

    /** The explicit boot CPU id ({@code -b}), or empty to guess it from {@code /cpus} as dtc does. */
    public OptionalInt bootCpuId() {
        return write.bootCpuId();
    }

    /** Whether a {@code __symbols__} node is generated ({@code -@}). */
    public boolean symbols() {
        return symbols;
    }

    /** Which phandle properties are added ({@code -H}). */
    public PhandleFormat phandleFormat() {
        return phandleFormat;
    }

    /** Extra folders searched for {@code /include/} and {@code /incbin/} files ({@code -i}), in order. */
    public List<Path> includePaths() {
        return includePaths;
    }

    /**
     * A copy with these layout options; their layout must be {@code DTC}.
     *
     * @throws IllegalArgumentException for another layout
     */
    public CompileOptions withWriteOptions(WriteOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.layout() != io.khotools.fdt.stream.Layout.DTC) {
            throw new IllegalArgumentException("the compiler writes dtc's layout, not " + options.layout());
        }
        return new CompileOptions(options, symbols, phandleFormat, includePaths);
    }

    /** A copy with boot_cpuid_phys fixed to {@code id} ({@code -b}). */
    public CompileOptions withBootCpuId(int id) {
        return new CompileOptions(write.withBootCpuId(id), symbols, phandleFormat, includePaths);
    }

    /** A copy with {@code __symbols__} generation on or off ({@code -@}). */
    public CompileOptions withSymbols(boolean on) {
        return new CompileOptions(write, on, phandleFormat, includePaths);
    }

    /** A copy with this phandle format ({@code -H}). */
    public CompileOptions withPhandleFormat(PhandleFormat format) {
        return new CompileOptions(write, symbols, Objects.requireNonNull(format, "format"), includePaths);
    }

    /** A copy with {@code dir} appended to the include search path ({@code -i}). */
    public CompileOptions withIncludePath(Path dir) {
        List<Path> paths = new ArrayList<>(includePaths);
        paths.add(Objects.requireNonNull(dir, "dir"));
        return new CompileOptions(write, symbols, phandleFormat, paths);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompileOptions c && c.write.equals(write) && c.symbols == symbols
                && c.phandleFormat == phandleFormat && c.includePaths.equals(includePaths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(write, symbols, phandleFormat, includePaths);
    }

    @Override
    public String toString() {
        return "CompileOptions[" + write + ", symbols=" + symbols + ", -H " + phandleFormat + ", -i "
                + includePaths + "]";
    }
}
