package io.khotools.cli;

import io.khotools.fdt.dts.DtsPrinter;
import io.khotools.fdt.dts.FdtDumpPrinter;
import io.khotools.fdt.dts.JsonPrinter;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The text forms {@code kho dump} can print; each delegates to one printer of {@code io.khotools.fdt.dts}. */
enum DumpFormat {
    /** DTS source as {@code dtc -I dtb -O dts} (1.7.1+) prints it. */
    DTS("dts") {
        @Override
        void print(ByteBuf blob, Appendable out) throws IOException {
            DtsPrinter.print(blob, out);
        }
    },
    /** The text {@code fdtdump} prints on stdout. */
    FDTDUMP("fdtdump") {
        @Override
        void print(ByteBuf blob, Appendable out) throws IOException {
            FdtDumpPrinter.print(blob, out);
        }
    },
    /** The decoded KHO view ({@code io.khotools.kho.view.KhoView}); DumpCommand renders it. */
    KHO("kho") {
        @Override
        void print(ByteBuf blob, Appendable out) {
            throw new IllegalStateException("the kho view is rendered by DumpCommand, which has the KHO options");
        }
    },
    /** JSON, schema in docs/json-format.md. */
    JSON("json") {
        @Override
        void print(ByteBuf blob, Appendable out) throws IOException {
            JsonPrinter.print(blob, out);
        }
    };

    private final String id;

    DumpFormat(String id) {
        this.id = id;
    }

    /** The name used on the command line. */
    String id() {
        return id;
    }

    /** Prints {@code blob} (borrowed) to {@code out}; throws FdtException before writing if it cannot be decoded. */
    abstract void print(ByteBuf blob, Appendable out) throws IOException;

    /** Parses {@code --format}; {@code kho} is a planned format and gets its own message. */
    static final class Converter implements ITypeConverter<DumpFormat> {
        @Override
        public DumpFormat convert(String value) {
            for (DumpFormat f : values()) {
                if (f.id.equals(value)) {
                    return f;
                }
            }
            throw new TypeConversionException("expected one of dts, fdtdump, json, kho but was '" + value + "'");
        }
    }

    /** The values listed in help and shell completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(values()).map(DumpFormat::id).iterator();
        }
    }
}
