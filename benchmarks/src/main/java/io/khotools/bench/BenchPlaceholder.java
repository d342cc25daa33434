package io.khotools.bench;
/** Benchmarks live here. */
final class BenchPlaceholder { private BenchPlaceholder() {} }
