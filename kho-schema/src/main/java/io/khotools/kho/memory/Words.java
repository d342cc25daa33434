package io.khotools.kho.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** u64 access to page bytes in either byte order, and Linux bitmap bit numbering (word-wise, native words). */
final class Words {
    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Words() {
    }

    static long get(byte[] b, int off, boolean le) {
        return le ? (long) LE.get(b, off) : (long) BE.get(b, off);
    }

    static void put(byte[] b, int off, long v, boolean le) {
        if (le) {
            LE.set(b, off, v);
        } else {
            BE.set(b, off, v);
        }
    }

    static int getU32(byte[] b, int off, boolean le) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int x = b[off + (le ? i : 3 - i)] & 0xff;
            v |= x << (8 * i);
        }
        return v;
    }

    static void putU32(byte[] b, int off, int v, boolean le) {
        for (int i = 0; i < 4; i++) {
            b[off + (le ? i : 3 - i)] = (byte) (v >>> (8 * i));
        }
    }

    /**
     * Sets bit {@code bit} of a Linux bitmap starting at {@code off}: bit b is bit (b mod 64) of the native
     * u64 word b/64.
     */
    static void setBit(byte[] b, int off, int bit, boolean le) {
        int j = bit & 63;
        int byteInWord = le ? j >>> 3 : 7 - (j >>> 3);
        b[off + ((bit >>> 6) << 3) + byteInWord] |= (byte) (1 << (j & 7));
    }
}
