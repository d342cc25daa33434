package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.khotools.fdt.check.Report;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoDecodeException;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.MapDecoding;
import io.khotools.kho.memory.SparseMemory;
import java.nio.ByteOrder;

/**
 * The KHO decoders: the root FDT, every sub-blob type, both memory-map formats over a memory built from the
 * input, and a whole state through {@link KhoStateValidator}. Allowed: {@link KhoDecodeException} from the
 * two decoders (their only exception for bad content); the validators and map decoders never throw. Where
 * the validator finds no error the decoder must succeed (a valid blob always has a model).
 */
class KhoFuzzTest {
    private static final KhoAbi.V1Bitmap[] BITMAPS = {null, KhoAbi.V1Bitmap.BYTES_512, KhoAbi.V1Bitmap.PAGE};

    /** Options from a selector byte: bit 0 byte order, bits 1-2 the kho-v1 bitmap size (none, 512, page). */
    static KhoOptions options(int selector) {
        KhoOptions o = KhoOptions.DEFAULT.withV1Bitmap(BITMAPS[((selector >>> 1) & 3) % BITMAPS.length]);
        return (selector & 1) == 0 ? o : o.withByteOrder(ByteOrder.BIG_ENDIAN);
    }

    /** Input: a selector byte ({@link #options}), then the root FDT. */
    @FuzzTest
    void root(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        KhoOptions options = options(in.u8());
        byte[] blob = in.rest();
        Report report = KhoValidator.of(options).validateRoot(blob);
        try {
            KhoRootCodec.decode(blob, options);
        } catch (KhoDecodeException e) {
            assertThat(report.hasErrors()).as("decoder refused a root the validator accepts: %s", e.getMessage())
                    .isTrue();
            assertThat(e.report().hasErrors()).isTrue();
        }
    }

    /** Input: a selector byte (type = byte mod type count, then bit 7 byte order), then the blob. */
    @FuzzTest
    void subBlob(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int selector = in.u8();
        SubBlobType type = SubBlobType.values()[(selector & 0x7f) % SubBlobType.values().length];
        KhoOptions options = options(selector >>> 7);
        byte[] blob = in.rest();
        Report report = KhoValidator.of(options).validateBlob(type, blob);
        try {
            SubBlobCodec.decode(type, blob, options);
        } catch (KhoDecodeException e) {
            assertThat(report.hasErrors()).as("decoder refused a %s blob the validator accepts: %s", type,
                    e.getMessage()).isTrue();
        }
    }

    /**
     * Input: a selector byte (generation = byte mod generation count; bit 7 byte order), the map's root
     * address (u64), then memory records ({@link FuzzInput}). Nothing may be thrown.
     */
    @FuzzTest
    void memoryMap(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int selector = in.u8();
        KhoAbi abi = KhoAbi.values()[(selector & 0x7f) % KhoAbi.values().length];
        KhoOptions options = options(selector >>> 7);
        long root = in.u64();
        SparseMemory memory = in.memory();
        MapDecoding d = KhoStateValidator.of(options).decodeMap(abi, memory, root);
        assertThat(d.mapPieces().size()).isLessThanOrEqualTo(memory.pageCount() * 64 + 1);
    }

    /**
     * Input: a selector byte ({@link #options}), {@code u32} root length and the root FDT, {@code u32} scratch
     * length (0xffffffff: none) and the scratch array, then memory records. Nothing may be thrown.
     */
    @FuzzTest
    void state(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        KhoOptions options = options(in.u8());
        byte[] root = in.bytes(in.u32());
        long scratchLength = in.u32();
        byte[] scratch = scratchLength == 0xffffffffL ? null : in.bytes(scratchLength);
        SparseMemory memory = in.memory();
        KhoState state = new KhoState(root, scratch, memory);
        Report report = KhoStateValidator.of(options).validate(state);
        assertThat(report.diagnostics()).isNotNull();
    }
}
