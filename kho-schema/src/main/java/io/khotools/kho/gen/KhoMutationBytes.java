package io.khotools.kho.gen;

import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.SubBlobCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteOrder;

/**
 * The small edits behind {@link KhoMutators}, public so that fixture builders use the same ones: copies of a
 * byte array with one native-order field replaced, and FDT read/write in the layout the kernel's
 * sequential writer produces (libfdt, lenient so that broken names and duplicates can be written).
 */
public final class KhoMutationBytes {
    private KhoMutationBytes() {}

    /** A copy of {@code b} with the u64 at {@code off} set to {@code v} in {@code order}. */
    public static byte[] withU64(byte[] b, int off, long v, ByteOrder order) {
        byte[] c = b.clone();
        NativeBytes.putU64(c, off, v, order);
        return c;
    }

    /** A copy of {@code b} with the u32 at {@code off} set to {@code v} in {@code order}. */
    public static byte[] withU32(byte[] b, int off, int v, ByteOrder order) {
        byte[] c = b.clone();
        NativeBytes.putU32(c, off, v, order);
        return c;
    }

    /** A copy of {@code b} with the u16 at {@code off} set to {@code v} in {@code order}. */
    public static byte[] withU16(byte[] b, int off, int v, ByteOrder order) {
        byte[] c = b.clone();
        NativeBytes.putU16(c, off, v, order);
        return c;
    }

    /**
     * Reads an FDT held in a byte array ({@link SubBlobCodec#readFdt}).
     *
     * @throws io.khotools.kho.KhoDecodeException if a strict reader refuses it
     */
    public static FdtTree readTree(byte[] fdt) {
        return SubBlobCodec.readFdt(fdt);
    }

    /** Writes a tree with {@code WriteOptions.libfdt().lenient()}: any names, duplicates allowed. */
    public static byte[] writeTree(FdtTree tree) {
        ByteBuf out = tree.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt().lenient());
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
