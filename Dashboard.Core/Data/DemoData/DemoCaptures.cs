using System.Globalization;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Dashboard.Core.Data.DemoData;

/// <summary>
/// Drawn captures for the demo world's proctored sittings, so the Proctoring page has something to review on first
/// start: webcam frames with a face-like figure (a second figure, or eyes turned away, in the suspicious ones), a
/// rendered test screen, and an ID-document card. Deterministic per sitting; only the most recent sittings with
/// incidents of each account get them, to keep the first start fast.
/// </summary>
public static class DemoCaptures
{
    private const int Width = 480;
    private const int Height = 360;

    public static async Task<int> SeedAsync(DashboardDbContext db, IBlobStore blobs, int sittingsPerAccount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(blobs);
        var sittings = new List<(int Id, int AccountId, DateTimeOffset StartedAt, int? Duration, List<(IncidentKind Kind, DateTimeOffset At)> Incidents)>();
        foreach (var accountId in await db.Accounts.IgnoreQueryFilters().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken))
        {
            var picked = await db.Registrations.IgnoreQueryFilters()
                .Where(r => r.AccountId == accountId && r.ProctoringProfile != ProctoringProfile.None && r.ProctoringStatus != ProctoringStatus.NotApplicable
                    && r.StartedAt != null && r.IncidentCount > 0)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(sittingsPerAccount)
                .Select(r => new { r.Id, r.AccountId, StartedAt = r.StartedAt!.Value, r.DurationSeconds })
                .ToListAsync(cancellationToken);
            var ids = picked.Select(p => p.Id).ToList();
            var incidents = (await db.ProctoringIncidents.IgnoreQueryFilters().Where(i => ids.Contains(i.RegistrationId))
                    .Select(i => new { i.RegistrationId, i.Kind, i.OccurredAt }).ToListAsync(cancellationToken))
                .ToLookup(i => i.RegistrationId, i => (i.Kind, i.OccurredAt));
            sittings.AddRange(picked.Select(p => (p.Id, p.AccountId, p.StartedAt, p.DurationSeconds, incidents[p.Id].ToList())));
        }

        var captures = new List<ProctoringCapture>();
        foreach (var sitting in sittings)
        {
            var random = new Random(sitting.Id);
            var length = TimeSpan.FromSeconds(Math.Max(600, sitting.Duration ?? 1500));
            var frames = 6 + random.Next(5);
            captures.Add(await StoreAsync(blobs, sitting.AccountId, sitting.Id, "id", CaptureKind.IdDocument, sitting.StartedAt.AddSeconds(-30),
                IdDocument(random), suspicious: null, cancellationToken));
            for (var i = 0; i < frames; i++)
            {
                var at = sitting.StartedAt + (length * (i + 0.5) / frames);
                // A frame near an incident shows it; the rest are a candidate quietly at work.
                var incident = sitting.Incidents.Where(x => Math.Abs((x.At - at).TotalSeconds) < length.TotalSeconds / frames)
                    .Select(x => (IncidentKind?)x.Kind).FirstOrDefault();
                var webcam = i % 3 != 2;
                var reason = incident switch
                {
                    IncidentKind.SecondPerson => "Another person",
                    IncidentKind.GazeOffScreen => "Gaze off screen",
                    IncidentKind.NoFaceDetected => "No face",
                    _ => null,
                };
                var bytes = webcam ? Webcam(random, incident) : Screen(random, incident == IncidentKind.TabSwitch || incident == IncidentKind.CopyPaste);
                captures.Add(await StoreAsync(blobs, sitting.AccountId, sitting.Id, string.Create(CultureInfo.InvariantCulture, $"f{i}"),
                    webcam ? CaptureKind.Webcam : CaptureKind.Screen, at, bytes, webcam ? reason : incident is IncidentKind.TabSwitch ? "Other tab" : null, cancellationToken));
            }
        }

        db.ProctoringCaptures.AddRange(captures);
        await db.SaveChangesAsync(cancellationToken);
        return captures.Count;
    }

    private static async Task<ProctoringCapture> StoreAsync(IBlobStore blobs, int accountId, int registrationId, string suffix, CaptureKind kind,
        DateTimeOffset at, byte[] bytes, string? suspicious, CancellationToken cancellationToken)
    {
        var captureId = string.Create(CultureInfo.InvariantCulture, $"demo-{registrationId}-{suffix}");
        var key = string.Create(CultureInfo.InvariantCulture, $"{accountId}/{registrationId}/{captureId}.jpg");
        await blobs.PutAsync(key, bytes, cancellationToken);
        return new ProctoringCapture
        {
            AccountId = accountId, RegistrationId = registrationId, CaptureId = captureId, Kind = kind, TakenAt = at, ReceivedAt = at,
            ContentType = "image/jpeg", SizeBytes = bytes.Length, Width = kind == CaptureKind.IdDocument ? 420 : Width,
            Height = kind == CaptureKind.IdDocument ? 265 : Height, StorageKey = key, Suspicious = suspicious is not null, SuspicionReason = suspicious,
        };
    }

    private static byte[] Webcam(Random random, IncidentKind? incident)
    {
        return Draw(Width, Height, canvas =>
        {
            using var wall = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, Height),
                [new SKColor(205, 200, 190), new SKColor(150, 140, 128)], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, Width, Height, wall);
            using var shelf = new SKPaint { Color = new SKColor(120, 90, 60) };
            canvas.DrawRect(20 + random.Next(40), 60, 110, 12, shelf);
            if (incident != IncidentKind.NoFaceDetected)
            {
                var skin = new SKColor((byte)(190 + random.Next(50)), (byte)(140 + random.Next(50)), (byte)(110 + random.Next(40)));
                Figure(canvas, Width / 2f + random.Next(-20, 20), 170, 1f, skin, new SKColor((byte)random.Next(40, 90), (byte)random.Next(60, 120), (byte)random.Next(100, 170)),
                    incident == IncidentKind.GazeOffScreen ? 9 : 0);
            }

            if (incident == IncidentKind.SecondPerson)
            {
                Figure(canvas, Width - 70, 150, 0.7f, new SKColor(170, 120, 95), new SKColor(90, 40, 40), 0);
            }
        });
    }

    private static void Figure(SKCanvas canvas, float x, float y, float scale, SKColor skin, SKColor shirt, float gaze)
    {
        using var body = new SKPaint { Color = shirt, IsAntialias = true };
        canvas.DrawOval(x, y + (150 * scale), 110 * scale, 80 * scale, body);
        using var face = new SKPaint { Color = skin, IsAntialias = true };
        canvas.DrawRect(x - (18 * scale), y + (40 * scale), 36 * scale, 40 * scale, face);
        canvas.DrawOval(x, y, 52 * scale, 64 * scale, face);
        using var hair = new SKPaint { Color = new SKColor(60, 40, 30), IsAntialias = true };
        canvas.DrawArc(new SKRect(x - (54 * scale), y - (68 * scale), x + (54 * scale), y + (10 * scale)), 180, 180, true, hair);
        using var eye = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var pupil = new SKPaint { Color = new SKColor(40, 40, 60), IsAntialias = true };
        foreach (var side in new[] { -1, 1 })
        {
            canvas.DrawOval(x + (side * 20 * scale), y - (4 * scale), 10 * scale, 6 * scale, eye);
            canvas.DrawCircle(x + (side * 20 * scale) + (gaze * scale), y - (4 * scale), 4 * scale, pupil);
        }

        using var mouth = new SKPaint { Color = new SKColor(150, 60, 60), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 * scale };
        canvas.DrawArc(new SKRect(x - (16 * scale), y + (14 * scale), x + (16 * scale), y + (34 * scale)), 20, 140, false, mouth);
    }

    private static byte[] Screen(Random random, bool otherTab)
    {
        return Draw(Width, Height, canvas =>
        {
            canvas.Clear(new SKColor(236, 239, 243));
            using var bar = new SKPaint { Color = otherTab ? new SKColor(60, 60, 60) : new SKColor(31, 95, 168) };
            canvas.DrawRect(0, 0, Width, 28, bar);
            using var tab = new SKPaint { Color = otherTab ? new SKColor(250, 200, 80) : SKColors.White };
            canvas.DrawRect(10, 6, 120, 22, tab);
            using var card = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(30, 48, Width - 60, Height - 80, card);
            using var line = new SKPaint { Color = new SKColor(120, 125, 135) };
            using var choice = new SKPaint { Color = new SKColor(31, 95, 168), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
            // The question as bars of "text", then four answer choices.
            for (var i = 0; i < 3; i++)
            {
                canvas.DrawRect(50, 70 + (i * 18), 200 + random.Next(180), 8, line);
            }

            for (var i = 0; i < 4; i++)
            {
                canvas.DrawCircle(60, 150 + (i * 36), 8, choice);
                canvas.DrawRect(78, 146 + (i * 36), 120 + random.Next(200), 8, line);
            }

            using var button = new SKPaint { Color = new SKColor(31, 95, 168) };
            canvas.DrawRoundRect(Width - 150, Height - 70, 100, 28, 4, 4, button);
        });
    }

    private static byte[] IdDocument(Random random)
    {
        const int W = 420, H = 265;
        return Draw(W, H, canvas =>
        {
            canvas.Clear(new SKColor(70, 70, 70));
            using var card = new SKPaint { Color = new SKColor(214, 228, 240), IsAntialias = true };
            canvas.DrawRoundRect(15, 15, W - 30, H - 30, 14, 14, card);
            using var band = new SKPaint { Color = new SKColor(31, 95, 168) };
            canvas.DrawRect(15, 30, W - 30, 26, band);
            using var photo = new SKPaint { Color = new SKColor(235, 235, 235) };
            canvas.DrawRect(32, 72, 110, 140, photo);
            canvas.Save();
            canvas.ClipRect(new SKRect(32, 72, 142, 212));
            Figure(canvas, 87, 130, 0.6f, new SKColor((byte)(190 + random.Next(50)), 150, 120), new SKColor(50, 70, 120), 0);
            canvas.Restore();
            using var line = new SKPaint { Color = new SKColor(60, 70, 90) };
            for (var i = 0; i < 5; i++)
            {
                canvas.DrawRect(165, 80 + (i * 26), 90 + random.Next(120), 9, line);
            }
        });
    }

    private static byte[] Draw(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 82);
        return data.ToArray();
    }
}
