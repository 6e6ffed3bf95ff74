using System.Buffers;
using System.Globalization;
using System.Text;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// XML written as UTF-8 bytes into one reused buffer, handed to the (deflating) part stream when it fills. The sheet's
/// markup is byte literals and numbers are formatted straight into the buffer: no char-to-byte encoder pass over the
/// markup, which is most of a sheet's bytes.
/// </summary>
internal sealed class Utf8XmlBuffer(Stream output, int size = 1 << 16) : IDisposable
{
    /// <summary>Characters escaped in text, and characters XML 1.0 cannot carry (dropped).</summary>
    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create("<>&\"\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    /// <summary>The same for UTF-8: ASCII markup and controls, and 0xEF, the lead byte of U+FFFE and U+FFFF (checked in full).</summary>
    private static readonly SearchValues<byte> NeedsEscapingUtf8 = SearchValues.Create("<>&\"\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8.ToArray().Append((byte)0xEF).ToArray());

    /// <summary>Text is encoded at most this many characters at a time (3 bytes each at worst), so any text fits the buffer.</summary>
    private const int Chunk = 4096;

    private readonly byte[] _buffer = new byte[Math.Max(size, (Chunk * 3) + 64)];
    private int _used;

    public void Write(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - _used)
        {
            Flush();
            if (utf8.Length > _buffer.Length)
            {
                output.Write(utf8);
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_used));
        _used += utf8.Length;
    }

    public void Write(int value)
    {
        Reserve(11);
        value.TryFormat(_buffer.AsSpan(_used), out var written, provider: CultureInfo.InvariantCulture);
        _used += written;
    }

    public void Write(long value)
    {
        Reserve(20);
        value.TryFormat(_buffer.AsSpan(_used), out var written, provider: CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>The shortest text that reads back as the same double ("0.5", "46000.41666666666").</summary>
    public void Write(double value)
    {
        Reserve(32);
        value.TryFormat(_buffer.AsSpan(_used), out var written, provider: CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>Text content or attribute value: markup characters escaped, characters XML cannot carry dropped.</summary>
    public void WriteEscaped(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var at = text.IndexOfAny(NeedsEscaping);
            WritePlain(at < 0 ? text : text[..at]);
            if (at < 0)
            {
                return;
            }

            switch (text[at])
            {
                case '<': Write("&lt;"u8); break;
                case '>': Write("&gt;"u8); break;
                case '&': Write("&amp;"u8); break;
                case '"': Write("&quot;"u8); break;
                case '\r': Write("&#13;"u8); break;
                default: break;
            }

            text = text[(at + 1)..];
        }
    }

    /// <summary>
    /// <see cref="WriteEscaped(ReadOnlySpan{char})"/> for valid UTF-8 (the caller checks): the same bytes out, without a
    /// .NET string between.
    /// </summary>
    public void WriteEscaped(ReadOnlySpan<byte> utf8)
    {
        while (true)
        {
            var at = utf8.IndexOfAny(NeedsEscapingUtf8);
            Write(at < 0 ? utf8 : utf8[..at]);
            if (at < 0)
            {
                return;
            }

            var skip = 1;
            switch (utf8[at])
            {
                case (byte)'<': Write("&lt;"u8); break;
                case (byte)'>': Write("&gt;"u8); break;
                case (byte)'&': Write("&amp;"u8); break;
                case (byte)'"': Write("&quot;"u8); break;
                case (byte)'\r': Write("&#13;"u8); break;
                case 0xEF:
                    // U+FFFE and U+FFFF are dropped as XML cannot carry them; any other U+Fxxx goes out as it is.
                    skip = 3;
                    var ch = utf8.Slice(at, 3);
                    if (ch[1] != 0xBF || (ch[2] != 0xBE && ch[2] != 0xBF))
                    {
                        Write(ch);
                    }

                    break;
                default: break;
            }

            utf8 = utf8[(at + skip)..];
        }
    }

    /// <summary><see cref="WriteTextElement(string)"/> for valid UTF-8.</summary>
    public void WriteTextElement(ReadOnlySpan<byte> utf8)
    {
        var preserve = utf8.Length > 0
            && ((Rune.DecodeFromUtf8(utf8, out var first, out _) == OperationStatus.Done && Rune.IsWhiteSpace(first))
                || (Rune.DecodeLastFromUtf8(utf8, out var last, out _) == OperationStatus.Done && Rune.IsWhiteSpace(last)));
        Write(preserve ? "<t xml:space=\"preserve\">"u8 : "<t>"u8);
        WriteEscaped(utf8);
        Write("</t>"u8);
    }

    /// <summary>A &lt;t&gt; element; xml:space="preserve" only where the text's outer spaces would otherwise be dropped.</summary>
    public void WriteTextElement(string value)
    {
        Write(value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) ? "<t xml:space=\"preserve\">"u8 : "<t>"u8);
        WriteEscaped(value);
        Write("</t>"u8);
    }

    public void Flush()
    {
        if (_used > 0)
        {
            output.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    /// <summary>Flushes and closes the part stream.</summary>
    public void Dispose()
    {
        Flush();
        output.Dispose();
    }

    private void WritePlain(ReadOnlySpan<char> text)
    {
        while (text.Length > 0)
        {
            var length = Math.Min(text.Length, Chunk);
            if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
            {
                length--; // never split a surrogate pair between two encodings
            }

            Reserve(length * 3);
            _used += Encoding.UTF8.GetBytes(text[..length], _buffer.AsSpan(_used));
            text = text[length..];
        }
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Flush();
        }
    }
}
