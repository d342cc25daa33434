package io.khotools.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The large synthetic blob the FDT benchmarks share, built once per trial in a pooled direct buffer. */
@State(Scope.Benchmark)
public class SyntheticBlobState {
    /** Number of bus nodes; the smoke test shrinks it. */
    @Param({"40"})
    public int buses;
    /** Devices under each bus. */
    @Param({"500"})
    public int devicesPerBus;

    /** The blob; owned by this state, released at tear-down. */
    ByteBuf blob;

    /** Builds the blob. */
    @Setup(Level.Trial)
    public void setUp() {
        blob = SyntheticBlob.build(PooledByteBufAllocator.DEFAULT, buses, devicesPerBus);
        System.out.println("\nblob: " + blob.readableBytes() + " bytes");
    }

    /** Releases the blob. */
    @TearDown(Level.Trial)
    public void tearDown() {
        blob.release();
    }
}
