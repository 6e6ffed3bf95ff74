namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// Up to <see cref="Capacity"/> export rows as SQLite gave them: the numeric columns as 64-bit integers (the
/// <see cref="Null"/> sentinel for SQL NULL), the score as a double (NaN for NULL), the text columns' UTF-8 bytes one
/// after another in one arena. Filled on the reading thread, written on the writer's, then reused: no object per row.
/// </summary>
internal sealed class ExportBatch
{
    public const int Capacity = 512;

    public const long Null = long.MinValue;

    /// <summary>Positions in a row's numbers (the order of <see cref="NumberColumns"/>).</summary>
    public const int Id = 0, GroupId = 1, SubjectId = 2, TestType = 3, Status = 4, Level = 5, GraderId = 6, SessionId = 7,
        ProctoringProfile = 8, ProctoringStatus = 9, IncidentCount = 10, RegisteredAt = 11, StartedAt = 12, CompletedAt = 13,
        DurationSeconds = 14;

    /// <summary>Positions in a row's texts (the order of <see cref="TextColumns"/>).</summary>
    public const int LastName = 0, FirstName = 1, ExternalId = 2, Email = 3, AdminComment = 4;

    /// <summary>The SQL result's column names, as the export's projection names them.</summary>
    public static readonly string[] NumberColumns =
    [
        "Id", "GroupId", "SubjectId", "TestType", "Status", "Level", "GraderId", "SessionId", "ProctoringProfile", "ProctoringStatus",
        "IncidentCount", "RegisteredAt", "StartedAt", "CompletedAt", "DurationSeconds",
    ];

    /// <summary>Which of <see cref="NumberColumns"/> may be NULL (the others are NOT NULL columns: no type check).</summary>
    public static readonly bool[] Nullable =
        [false, false, false, false, false, true, true, true, false, false, false, false, true, true, true];

    public static readonly string[] TextColumns = ["LastName", "FirstName", "ExternalId", "Email", "AdminComment"];

    private readonly long[] _numbers = new long[Capacity * NumberColumns.Length];
    private readonly double[] _scores = new double[Capacity];
    private readonly int[] _textEnds = new int[Capacity * TextColumns.Length];
    private byte[] _text = new byte[Capacity * 128];
    private int _textUsed;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public ReadOnlySpan<long> Numbers(int row) => _numbers.AsSpan(row * NumberColumns.Length, NumberColumns.Length);

    public double Score(int row) => _scores[row];

    /// <summary>The text's UTF-8 bytes; empty for NULL (the export writes both as an empty cell).</summary>
    public ReadOnlySpan<byte> Text(int row, int column)
    {
        var at = (row * TextColumns.Length) + column;
        var start = at == 0 ? 0 : _textEnds[at - 1];
        return _text.AsSpan(start, _textEnds[at] - start);
    }

    public void Clear()
    {
        Count = 0;
        _textUsed = 0;
    }

    /// <summary>The next row's numbers, to fill; its score and texts follow through <see cref="EndRow"/>.</summary>
    public Span<long> BeginRow() => _numbers.AsSpan(Count * NumberColumns.Length, NumberColumns.Length);

    /// <summary>Appends one text of the row being filled (texts in <see cref="TextColumns"/> order).</summary>
    public void AddText(int column, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _text.Length - _textUsed)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + utf8.Length));
        }

        utf8.CopyTo(_text.AsSpan(_textUsed));
        _textUsed += utf8.Length;
        _textEnds[(Count * TextColumns.Length) + column] = _textUsed;
    }

    public void EndRow(double score)
    {
        _scores[Count] = score;
        Count++;
    }
}
