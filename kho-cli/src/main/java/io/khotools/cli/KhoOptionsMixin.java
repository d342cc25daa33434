package io.khotools.cli;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import java.nio.ByteOrder;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options every command reading KHO data shares: the producing kernel's byte order and kho-v1 bitmap size. */
final class KhoOptionsMixin {
    /** Byte order option. */
    enum Endian { little, big }

    @Option(names = "--endian", paramLabel = "ORDER",
            description = "byte order of the kernel that wrote the KHO values: little or big (default: little;"
                    + " for an ELF image whose header says big-endian, big)")
    Endian endian;

    @Option(names = "--v1-bitmap", paramLabel = "SIZE", converter = V1BitmapConverter.class,
            description = "kho-v1 only: 512 (v6.16 kernels) or page (later kho-v1 kernels) bitmap chunks;"
                    + " when absent page is assumed and said")
    KhoAbi.V1Bitmap v1Bitmap;

    /** Whether {@code --endian} was given (it then wins over an ELF image's own byte order). */
    boolean endianGiven() {
        return endian != null;
    }

    /** The KHO options these flags give (little-endian when {@code --endian} is absent). */
    KhoOptions options() {
        KhoOptions o = KhoOptions.DEFAULT.withByteOrder(endian == Endian.big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        return v1Bitmap == null ? o : o.withV1Bitmap(v1Bitmap);
    }

    /** {@code 512} or {@code page}. */
    static final class V1BitmapConverter implements ITypeConverter<KhoAbi.V1Bitmap> {
        @Override
        public KhoAbi.V1Bitmap convert(String value) {
            return switch (value) {
                case "512" -> KhoAbi.V1Bitmap.BYTES_512;
                case "page" -> KhoAbi.V1Bitmap.PAGE;
                default -> throw new TypeConversionException("expected 512 or page but was '" + value + "'");
            };
        }
    }
}
