package io.khotools.kho.blob;

/** A fixed-size LUO record: an entry of a session/FLB/file array or of a KHO block (kho-format.md §5.4). */
public sealed interface LuoRecord permits LuoRecord.Session, LuoRecord.File, LuoRecord.Flb {
    /** Name length of {@code luo_session_ser} ({@code LIVEUPDATE_SESSION_NAME_LENGTH}). */
    int SESSION_NAME_LENGTH = 64;
    /** Size of {@code luo_session_ser}: name + {@code luo_file_set_ser {files u64, count u64}}. */
    int SESSION_SIZE = SESSION_NAME_LENGTH + 16;
    /** Compatible length of {@code luo_file_ser}. */
    int FILE_COMPATIBLE_LENGTH = 48;
    /** Size of {@code luo_file_ser}: compatible + {@code data} u64 + {@code token} u64. */
    int FILE_SIZE = FILE_COMPATIBLE_LENGTH + 16;
    /** Name length of {@code luo_flb_ser}. */
    int FLB_NAME_LENGTH = 48;
    /** Size of {@code luo_flb_ser}: name + {@code data} u64 + {@code count} u64. */
    int FLB_SIZE = FLB_NAME_LENGTH + 16;

    /**
     * {@code luo_session_ser}: a session name and its file set.
     *
     * @param name session name (at most 63 bytes)
     * @param files physical address of the {@code luo_file_ser} array (or block chain)
     * @param count number of files
     */
    record Session(String name, long files, long count) implements LuoRecord {}

    /**
     * {@code luo_file_ser}: one preserved file.
     *
     * @param compatible the file handler, e.g. {@code memfd-v1}
     * @param data physical address of the handler's own struct (e.g. {@code memfd_luo_ser})
     * @param token the user's token
     */
    record File(String compatible, long data, long token) implements LuoRecord {}

    /**
     * {@code luo_flb_ser}: one file-lifecycle-bound object.
     *
     * @param name FLB name
     * @param data physical address of its data
     * @param count reference count
     */
    record Flb(String name, long data, long count) implements LuoRecord {}
}
