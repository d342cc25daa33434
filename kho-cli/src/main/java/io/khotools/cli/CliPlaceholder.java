package io.khotools.cli;
/** CLI placeholder. */
final class CliPlaceholder { private CliPlaceholder() {} }
