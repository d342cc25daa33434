/**
 * What {@code kho} shows of a handover, as one ordered model for text and JSON: {@link io.khotools.kho.view.KhoView}
 * (generation, pointers, decoded sub-blobs, scratch, and the memory-map summary),
 * {@link io.khotools.kho.view.HandoverMemory} (a handover read through a physical memory image: blobs, map,
 * what the chain walk followed, regions), {@link io.khotools.kho.view.MemoryRegion} (what {@code kho map} draws) and
 * {@link io.khotools.kho.view.KhoDiff} (the semantic difference {@code kho diff} prints). Nothing here throws
 * for content a memory image lacks: absence is part of the model.
 */
package io.khotools.kho.view;
