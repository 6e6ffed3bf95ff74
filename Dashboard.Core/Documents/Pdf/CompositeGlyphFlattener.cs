using System.Buffers.Binary;

namespace Dashboard.Core.Documents.Pdf;

/// <summary>
/// Rewrites a TrueType font so that no composite glyph refers to another composite glyph. PDFsharp's subsetter
/// adds the components of the glyphs a document uses, but only one level deep: DejaVu draws "ễ" as "e" plus the
/// composite "circumflex + tilde", so the accents were left out of the embedded subset and "Nguyễn" printed as
/// "Nguyen" (with a correct text layer). Flattened, every glyph's outline reaches the subset. Outlines, metrics
/// and names are unchanged; hinting instructions of the rewritten composites are dropped.
/// </summary>
internal static class CompositeGlyphFlattener
{
    private const ushort ArgsAreWords = 0x0001;
    private const ushort ArgsAreXyValues = 0x0002;
    private const ushort WeHaveAScale = 0x0008;
    private const ushort MoreComponents = 0x0020;
    private const ushort WeHaveAnXAndYScale = 0x0040;
    private const ushort WeHaveATwoByTwo = 0x0080;
    private const ushort WeHaveInstructions = 0x0100;
    private const ushort UseMyMetrics = 0x0200;

    private sealed record Component(ushort Flags, ushort Glyph, int X, int Y, byte[] Transform);

    public static byte[] Flatten(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        var tables = ReadDirectory(font);
        if (!tables.TryGetValue("glyf", out var glyf) || !tables.TryGetValue("loca", out var loca)
            || !tables.TryGetValue("head", out var head) || !tables.TryGetValue("maxp", out var maxp))
        {
            return font;
        }

        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head.Offset + 50)) == 1;
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(maxp.Offset + 4));
        var glyphs = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var start = LocaEntry(font, loca.Offset, i, longOffsets);
            var end = LocaEntry(font, loca.Offset, i + 1, longOffsets);
            glyphs[i] = font.AsSpan(glyf.Offset + start, Math.Max(0, end - start)).ToArray();
        }

        var changed = false;
        var maxComponents = 0;
        var flattened = (byte[][])glyphs.Clone();
        for (var i = 0; i < count; i++)
        {
            if (!IsComposite(glyphs[i]))
            {
                continue;
            }

            var components = Components(glyphs[i]);
            if (components.Exists(c => c.Glyph < count && IsComposite(glyphs[c.Glyph])) && Expand(glyphs, i, 0) is { } simple)
            {
                flattened[i] = Encode(glyphs[i], simple);
                components = simple;
                changed = true;
            }

            maxComponents = Math.Max(maxComponents, components.Count);
        }

        return changed ? Rebuild(font, tables, flattened, maxComponents) : font;
    }

    private static int LocaEntry(byte[] font, int loca, int index, bool longOffsets) => longOffsets
        ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca + (index * 4)))
        : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca + (index * 2))) * 2;

    private static bool IsComposite(byte[] glyph) => glyph.Length >= 10 && BinaryPrimitives.ReadInt16BigEndian(glyph) < 0;

    private static List<Component> Components(byte[] glyph)
    {
        var list = new List<Component>();
        var position = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(position));
            var index = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(position + 2));
            position += 4;
            int x, y;
            var xy = (flags & ArgsAreXyValues) != 0;
            if ((flags & ArgsAreWords) != 0)
            {
                x = xy ? BinaryPrimitives.ReadInt16BigEndian(glyph.AsSpan(position)) : BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(position));
                y = xy ? BinaryPrimitives.ReadInt16BigEndian(glyph.AsSpan(position + 2)) : BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(position + 2));
                position += 4;
            }
            else
            {
                x = xy ? (sbyte)glyph[position] : glyph[position];
                y = xy ? (sbyte)glyph[position + 1] : glyph[position + 1];
                position += 2;
            }

            var transformLength = (flags & WeHaveAScale) != 0 ? 2 : (flags & WeHaveAnXAndYScale) != 0 ? 4 : (flags & WeHaveATwoByTwo) != 0 ? 8 : 0;
            list.Add(new Component(flags, index, x, y, glyph.AsSpan(position, transformLength).ToArray()));
            position += transformLength;
        }
        while ((flags & MoreComponents) != 0);

        return list;
    }

    /// <summary>The glyph's components, with nested composites replaced by their own (offsets added); null when that is not a plain translation.</summary>
    private static List<Component>? Expand(byte[][] glyphs, int glyph, int depth)
    {
        var result = new List<Component>();
        foreach (var component in Components(glyphs[glyph]))
        {
            if (component.Glyph >= glyphs.Length || !IsComposite(glyphs[component.Glyph]))
            {
                result.Add(component);
                continue;
            }

            if ((component.Flags & ArgsAreXyValues) == 0 || component.Transform.Length > 0 || depth > 8
                || Expand(glyphs, component.Glyph, depth + 1) is not { } inner || inner.Exists(c => (c.Flags & ArgsAreXyValues) == 0))
            {
                return null;
            }

            result.AddRange(inner.Select(c => c with { X = c.X + component.X, Y = c.Y + component.Y }));
        }

        return result;
    }

    private static byte[] Encode(byte[] original, List<Component> components)
    {
        using var stream = new MemoryStream();
        stream.Write([0xFF, 0xFF]); // numberOfContours −1: composite
        stream.Write(original.AsSpan(2, 8)); // the bounding box does not change
        Span<byte> word = stackalloc byte[2];
        for (var i = 0; i < components.Count; i++)
        {
            var c = components[i];
            var flags = (ushort)((c.Flags & ~(MoreComponents | WeHaveInstructions | UseMyMetrics | ArgsAreWords))
                | ArgsAreWords | (i < components.Count - 1 ? MoreComponents : 0));
            foreach (var value in new[] { flags, c.Glyph, (ushort)(short)c.X, (ushort)(short)c.Y })
            {
                BinaryPrimitives.WriteUInt16BigEndian(word, value);
                stream.Write(word);
            }

            stream.Write(c.Transform);
        }

        return stream.ToArray();
    }

    private static Dictionary<string, (int Offset, int Length)> ReadDirectory(byte[] font)
    {
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (i * 16);
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12)));
        }

        return tables;
    }

    /// <summary>The same tables in the same order, with new glyf, loca (long offsets), head and maxp, and fresh checksums.</summary>
    private static byte[] Rebuild(byte[] font, Dictionary<string, (int Offset, int Length)> tables, byte[][] glyphs, int maxComponents)
    {
        var glyf = new MemoryStream();
        var loca = new byte[(glyphs.Length + 1) * 4];
        for (var i = 0; i < glyphs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(i * 4), (uint)glyf.Length);
            glyf.Write(glyphs[i]);
            while (glyf.Length % 4 != 0)
            {
                glyf.WriteByte(0);
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(glyphs.Length * 4), (uint)glyf.Length);
        var head = font.AsSpan(tables["head"].Offset, tables["head"].Length).ToArray();
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        var maxp = font.AsSpan(tables["maxp"].Offset, tables["maxp"].Length).ToArray();
        if (maxp.Length >= 32)
        {
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(28), (ushort)Math.Max(BinaryPrimitives.ReadUInt16BigEndian(maxp.AsSpan(28)), maxComponents));
            BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(30), 1);
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var order = Enumerable.Range(0, count).Select(i => System.Text.Encoding.ASCII.GetString(font, 12 + (i * 16), 4)).ToList();
        var data = order.ToDictionary(tag => tag, tag => tag switch
        {
            "glyf" => glyf.ToArray(),
            "loca" => loca,
            "head" => head,
            "maxp" => maxp,
            _ => font.AsSpan(tables[tag].Offset, tables[tag].Length).ToArray(),
        }, StringComparer.Ordinal);

        var output = new byte[12 + (16 * count) + data.Values.Sum(d => Padded(d.Length))];
        font.AsSpan(0, 12).CopyTo(output);
        var offset = 12 + (16 * count);
        var headOffset = 0;
        for (var i = 0; i < count; i++)
        {
            var tag = order[i];
            var bytes = data[tag];
            var record = output.AsSpan(12 + (i * 16));
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(bytes));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)bytes.Length);
            bytes.CopyTo(output, offset);
            headOffset = tag == "head" ? offset : headOffset;
            offset += Padded(bytes.Length);
        }

        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(output)));
        return output;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint Checksum(byte[] bytes)
    {
        uint sum = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            uint value = 0;
            for (var k = 0; k < 4; k++)
            {
                value = (value << 8) | (i + k < bytes.Length ? bytes[i + k] : 0u);
            }

            sum = unchecked(sum + value);
        }

        return sum;
    }
}
