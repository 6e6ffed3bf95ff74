using System.Runtime.InteropServices;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// sqlite3_step and the column accessors called straight on the native statement pointer, for the export's read loop.
/// SQLitePCL's own calls take the statement as a SafeHandle, which adds a reference count taken and released around
/// every call: with ~35 calls a row that was most of the read (0.7–0.9 CPU s for 108,000 rows against 0.17 s for SQLite
/// to produce them; docs/bench-results.md, session 6). The statement is still prepared, bound and finalized through
/// SQLitePCL, which keeps it alive while these run. Same library (e_sqlite3, loaded by SQLitePCL's bundle).
/// </summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    // The accessors only read the current row: short and non-blocking, so the GC transition can be skipped.
    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    public static partial int Type(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static partial long Int64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [SuppressGCTransition]
    public static partial double Double(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static partial byte* Blob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int Bytes(nint statement, int column);

    /// <summary>A text column's UTF-8 bytes (empty for NULL), valid until the next step.</summary>
    public static ReadOnlySpan<byte> Utf8(nint statement, int column)
    {
        // sqlite3_column_blob before sqlite3_column_bytes, as SQLite's documentation asks; a TEXT value comes as its bytes.
        var start = Blob(statement, column);
        return start is null ? default : new ReadOnlySpan<byte>(start, Bytes(statement, column));
    }
}
