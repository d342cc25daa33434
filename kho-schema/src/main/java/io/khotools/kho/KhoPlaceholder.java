package io.khotools.kho;
/** KHO schema: filled in by the KHO schema issue. */
final class KhoPlaceholder { private KhoPlaceholder() {} }
