using System.Runtime.InteropServices;
using System.Text;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// The workbook's shared strings, kept as UTF-8 and looked up by their bytes: text read straight from SQLite as UTF-8
/// (<see cref="SqliteExportRows"/>) is shared without first becoming a .NET string, and a .NET string is encoded once
/// into a scratch buffer to find the same entry. Bounded: past <see cref="Capacity"/> distinct values nothing is added.
/// </summary>
internal sealed class SharedStringTable(int capacity)
{
    private readonly Dictionary<byte[], int> _index = new(Utf8Comparer.Instance);
    private readonly List<byte[]> _values = [];
    private byte[] _scratch = new byte[256];

    public int Capacity => capacity;

    public int Count => _values.Count;

    public IReadOnlyList<byte[]> Values => _values;

    /// <summary>The value's index, added when new and the table has room; false when it is not in the full table.</summary>
    public bool TryGetOrAdd(ReadOnlySpan<byte> utf8, out int index)
    {
        var lookup = _index.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(utf8, out index))
        {
            return true;
        }

        if (_values.Count >= capacity)
        {
            index = -1;
            return false;
        }

        var key = utf8.ToArray();
        index = _values.Count;
        _values.Add(key);
        _index.Add(key, index);
        return true;
    }

    /// <summary>As the span overload, for a .NET string (encoded into a reused buffer, lone surrogates as U+FFFD).</summary>
    public bool TryGetOrAdd(string value, out int index, out ReadOnlySpan<byte> utf8)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _scratch.Length)
        {
            _scratch = new byte[Math.Max(most, _scratch.Length * 2)];
        }

        utf8 = _scratch.AsSpan(0, Encoding.UTF8.GetBytes(value, _scratch));
        return TryGetOrAdd(utf8, out index);
    }

    /// <summary>Byte-wise equality; the hash reads the bytes in 8-byte words (strings here are short).</summary>
    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var word in words)
            {
                hash.Add(word);
            }

            for (var i = words.Length * sizeof(ulong); i < bytes.Length; i++)
            {
                hash.Add(bytes[i]);
            }

            hash.Add(bytes.Length);
            return hash.ToHashCode();
        }
    }
}
