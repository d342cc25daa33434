/**
 * KHO preserved memory: a physical-memory view ({@link io.khotools.kho.memory.PhysMemory}, with the sparse
 * page map {@link io.khotools.kho.memory.SparseMemory} and the bump {@link io.khotools.kho.memory.PageAllocator}),
 * the block model ({@link io.khotools.kho.memory.PreservedBlocks}, one long per block), both map formats
 * ({@link io.khotools.kho.memory.ChunkListCodec} for {@code kho-v1}, {@link io.khotools.kho.memory.RadixTreeCodec}
 * for {@code kho-v2}+), the whole-state model ({@link io.khotools.kho.memory.StateDecoder} follows every
 * sub-blob's chains through memory into a {@link io.khotools.kho.memory.HandoverModel};
 * {@link io.khotools.kho.memory.StateEncoder} lays a model out again, byte for byte) and whole-state validation
 * ({@link io.khotools.kho.memory.KhoStateValidator}).
 *
 * <pre>{@code
 * SparseMemory mem = new SparseMemory(12);
 * PreservedBlocks blocks = PreservedBlocks.builder(12).addRange(0x1_0000_0000L, 0x1_0040_0000L).build();
 * RadixTreeCodec codec = new RadixTreeCodec(new RadixGeometry(12, true), ByteOrder.LITTLE_ENDIAN);
 * long root = codec.encode(blocks, new PageAllocator(mem, 0x2_0000_0000L, 0x2_4000_0000L));
 * MapDecoding back = codec.decode(mem, root);   // back.blocks().equals(blocks), no findings
 * }</pre>
 */
package io.khotools.kho.memory;
