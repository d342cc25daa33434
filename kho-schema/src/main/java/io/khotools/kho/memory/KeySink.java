package io.khotools.kho.memory;

/** Receives the radix keys of preserved blocks as a walk finds them (no object per block). */
@FunctionalInterface
public interface KeySink {
    /** One block's key ({@link PreservedBlocks#key}); called in the order the walk visits. */
    void key(long key);
}
