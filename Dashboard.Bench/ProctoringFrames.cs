using SkiaSharp;

namespace Dashboard.Bench;

/// <summary>A capture as the proctoring side sends it: its bytes, kind and the type its bytes say.</summary>
internal sealed record Frame(byte[] Bytes, string Kind, string ContentType);

/// <summary>
/// Realistic capture bytes for the ingestion benchmark: 640×480 webcam frames with sensor noise (JPEG q80 and WebP
/// q75, as browsers' canvas.toBlob makes them) and 1280×720 screen captures of a test page with a few paragraphs (PNG). Noise and
/// text are what make real frames 30–150 KB; the flat drawings of the demo world compress to a few KB.
/// </summary>
internal static class ProctoringFrames
{
    public static List<Frame> Pool(int count, int seed = 20261202)
    {
        var random = new Random(seed);
        var frames = new List<Frame>(count);
        for (var i = 0; i < count; i++)
        {
            frames.Add((i % 4) switch
            {
                0 or 1 => new Frame(Webcam(random, SKEncodedImageFormat.Jpeg, 80), "webcam", "image/jpeg"),
                2 => new Frame(Screen(random), "screen", "image/png"),
                _ => new Frame(Webcam(random, SKEncodedImageFormat.Webp, 75), "webcam", "image/webp"),
            });
        }

        return frames;
    }

    private static byte[] Webcam(Random random, SKEncodedImageFormat format, int quality)
    {
        const int width = 640, height = 480;
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var wall = new SKPaint();
            wall.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [new SKColor(200, 195, 185), new SKColor((byte)random.Next(110, 150), 128, 118)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, wall);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 6; i++)
            {
                // Furniture and posters behind the candidate.
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawRect(random.Next(width), random.Next(height / 2), 40 + random.Next(120), 20 + random.Next(90), paint);
            }

            paint.Color = new SKColor((byte)random.Next(40, 90), (byte)random.Next(60, 120), (byte)random.Next(100, 170));
            canvas.DrawOval(width / 2f, height - 40, 170, 120, paint);
            paint.Color = new SKColor((byte)(190 + random.Next(50)), (byte)(140 + random.Next(50)), (byte)(110 + random.Next(40)));
            canvas.DrawOval((width / 2f) + random.Next(-30, 30), 210, 75, 95, paint);
        }

        // Sensor noise: a webcam never gives two equal neighbouring pixels.
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var noise = random.Next(-9, 10);
            var p = pixels[i];
            pixels[i] = new SKColor(Clamp(p.Red + noise), Clamp(p.Green + noise), Clamp(p.Blue + noise));
        }

        bitmap.Pixels = pixels;
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static byte[] Screen(Random random)
    {
        const int width = 1280, height = 720;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(236, 239, 243));
        using var fill = new SKPaint { Color = new SKColor(31, 95, 168) };
        canvas.DrawRect(0, 0, width, 56, fill);
        fill.Color = SKColors.White;
        canvas.DrawRect(60, 90, width - 120, height - 150, fill);
        // Lines of "text" drawn as anti-aliased glyph strokes (the native assets carry no fonts): edges are what a
        // screen capture's PNG size comes from.
        using var ink = new SKPaint { Color = new SKColor(40, 44, 52), IsAntialias = true, StrokeWidth = 1.4f, Style = SKPaintStyle.Stroke };
        for (var line = 6 + random.Next(5); line > 0; line--)
        {
            var x = 90f;
            var end = 700 + random.Next(440);
            var y = 120 + (line * 52);
            while (x < end)
            {
                for (var glyph = 2 + random.Next(7); glyph > 0; glyph--, x += 9.3f)
                {
                    canvas.DrawLine(x, y + random.Next(4), x + random.Next(2, 8), y + 12, ink);
                    canvas.DrawCircle(x + 3.5f, y + 8, 2 + (random.Next(3) * 0.7f), ink);
                }

                x += 7;
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
