using SkiaSharp;

namespace Dashboard.Core.Proctoring;

/// <summary>An accepted image: its real type (from its bytes) and size.</summary>
public sealed record ImageFacts(string ContentType, string Extension, int Width, int Height);

/// <summary>Recognises JPEG, PNG and WebP by their bytes (never by a name or a header) and makes thumbnails.</summary>
public static class CaptureImages
{
    public const int ThumbnailWidth = 320;

    /// <summary>The type the magic bytes announce, or null for anything but JPEG, PNG and WebP.</summary>
    public static (string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ("image/jpeg", "jpg");
        }

        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("image/png", "png");
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ("image/webp", "webp");
        }

        return null;
    }

    /// <summary>
    /// The facts of a real image: the magic bytes must say JPEG, PNG or WebP and the codec must agree and read its
    /// dimensions (a renamed text file or a truncated header fails here). Null when refused.
    /// </summary>
    public static ImageFacts? Inspect(ReadOnlySpan<byte> bytes, int maxPixels)
    {
        if (Sniff(bytes) is not { } type)
        {
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || ContentTypeOf(codec.EncodedFormat) != type.ContentType)
        {
            return null;
        }

        var info = codec.Info;
        return info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > maxPixels
            ? null
            : new ImageFacts(type.ContentType, type.Extension, info.Width, info.Height);
    }

    /// <summary>A JPEG at most <see cref="ThumbnailWidth"/> wide, or null when the image cannot be decoded.</summary>
    public static byte[]? Thumbnail(ReadOnlySpan<byte> bytes)
    {
        using var original = SKBitmap.Decode(bytes);
        if (original is null)
        {
            return null;
        }

        var width = Math.Min(ThumbnailWidth, original.Width);
        var height = Math.Max(1, (int)Math.Round(original.Height * (width / (double)original.Width)));
        using var resized = original.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? original);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return encoded.ToArray();
    }

    private static string? ContentTypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Webp => "image/webp",
        _ => null,
    };
}
