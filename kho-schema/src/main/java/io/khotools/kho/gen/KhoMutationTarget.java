package io.khotools.kho.gen;

/** What a {@link KhoMutator} takes and returns, and which validator entry point judges the result. */
public enum KhoMutationTarget {
    /** Root FDT bytes ({@code KhoValidator.validateRoot}). */
    ROOT,
    /** Binary scratch array bytes ({@code KhoValidator.validateScratch}). */
    SCRATCH,
    /** One sub-blob's bytes of {@link KhoMutator#blobType()} ({@code KhoValidator.validateBlob}). */
    SUB_BLOB,
    /** A whole {@link io.khotools.kho.KhoImage}: root, sub-blobs, scratch ({@code KhoValidator.validateImage}). */
    IMAGE,
    /** A {@link io.khotools.kho.memory.KhoState} with physical memory ({@code KhoStateValidator.validate}). */
    STATE,
    /**
     * A {@link io.khotools.kho.memory.HandoverModel}: the mutator returns another model, judged by encoding it
     * with {@link io.khotools.kho.memory.StateEncoder#encode} and running {@code KhoStateValidator.validate} on
     * the state (with the options the model was read or generated with, and the default walk limits).
     */
    MODEL
}
