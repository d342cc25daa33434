package io.khotools.cli;

/**
 * A subcommand that reads one main input; the error handler names it in the one-line message for an
 * undecodable blob ({@code kho: <input>: truncated @0x1c4: ...}).
 */
public interface NamesInput {
    /** The input as messages show it ({@link BlobFiles#displayName}), or null if not parsed yet. */
    String inputName();
}
