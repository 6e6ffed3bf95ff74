extern alias web;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CapturesRoute = web::Dashboard.Web.Endpoints.ProctoringEndpoints;

namespace Dashboard.Bench;

/// <summary>
/// The real web app on a loopback port (temporary SQLite file and capture folder): captures uploaded by concurrent
/// HttpClient tasks through <c>POST /api/v1/proctoring/captures</c> (multipart) and <c>PUT …/{captureId}</c> (raw
/// body), then the gallery of one sitting with 200 captures read as the Photos dialog reads it (the list, then every
/// thumbnail through <see cref="CaptureReader"/>, the service behind the thumbnail endpoint).
/// Options: --runs N (5, +1 warm-up), --images N (400 per run), --concurrency N (4 uploaders), --gallery N (200).
/// </summary>
internal static class ProctoringUploads
{
    private const int Sittings = 100;

    public static async Task<int> RunAsync(string[] args, string? only)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-bench-proctoring", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = await BenchWebApp.StartAsync(directory,
                new Dictionary<string, string?> { ["Proctoring:StorageRoot"] = Path.Combine(directory, "captures") });
            var (accountId, subject) = await EventsBenchmark.SeedCatalogueAsync(app.Services);
            var sittings = await EventsBenchmark.RegisterAsync(app.Services, accountId, subject, Sittings, Proctored);
            using var client = await BenchWebApp.ApiClientAsync(app, accountId);
            var pool = ProctoringFrames.Pool(48);
            foreach (var type in pool.GroupBy(f => (f.Kind, f.ContentType)))
            {
                Console.WriteLine($"  frames {type.Key.Kind} {type.Key.ContentType}: {type.Count()} distinct, "
                    + $"{type.Min(f => f.Bytes.Length) / 1024} – {type.Max(f => f.Bytes.Length) / 1024} KB, mean {type.Average(f => f.Bytes.Length) / 1024:F0} KB");
            }

            if (only is null or "ingestion")
            {
                foreach (var raw in new[] { false, true })
                {
                    await IngestAsync(app, client, accountId, sittings, pool, raw, args);
                }
            }

            if (only is null or "gallery")
            {
                var gallery = (await EventsBenchmark.RegisterAsync(app.Services, accountId, subject, 1, Proctored))[0];
                await GalleryAsync(app, client, accountId, gallery, pool, args);
            }

            // Stopped before disposal: the hosted services (Quartz among them) end their threads, so the process can exit.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(stopping.Token);
            return 0;
        }
        finally
        {
            BenchWebApp.DeleteTemporary(directory);
        }
    }

    private static void Proctored(Registration registration)
    {
        registration.Status = RegistrationStatus.InProgress;
        registration.StartedAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        registration.ProctoringProfile = ProctoringProfile.Video;
        registration.ProctoringStatus = ProctoringStatus.PendingReview;
    }

    private static async Task IngestAsync(WebApplication app, HttpClient client, int accountId, List<int> sittings, List<Frame> pool, bool raw, string[] args)
    {
        var runs = BenchArgs.Int(args, "--runs", 5);
        var images = BenchArgs.Int(args, "--images", 400);
        var concurrency = BenchArgs.Int(args, "--concurrency", 4);
        var how = raw ? "PUT raw body" : "POST multipart";
        Console.WriteLine();
        Console.WriteLine($"Ingestion ({how}): {images} captures per run, {concurrency} concurrent uploaders, {runs} runs (+1 warm-up)");
        var rates = new List<(double Images, double Megabytes, double CpuImages)>();
        var latencies = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var lanes = Enumerable.Range(0, concurrency).Select(lane => Enumerable.Range(0, images / concurrency)
                .Select(i => (Id: $"{(raw ? "put" : "post")}-{run}-{lane}-{i}", Sitting: sittings[((i * concurrency) + lane) % sittings.Count],
                    Frame: pool[((i * concurrency) + lane + run) % pool.Count], Suspicious: i % 10 == 9))
                .ToList()).ToList();
            var bytes = lanes.Sum(l => l.Sum(u => (long)u.Frame.Bytes.Length));
            var count = lanes.Sum(l => l.Count);
            var times = new List<double>[concurrency];
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(lanes.Select(async (lane, n) =>
            {
                times[n] = [];
                foreach (var upload in lane)
                {
                    var started = Stopwatch.GetTimestamp();
                    await UploadAsync(client, upload.Id, upload.Sitting, upload.Frame, upload.Suspicious, raw);
                    times[n].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }));
            var seconds = watch.Elapsed.TotalSeconds;
            // Client and server share the process: CPU seconds are the cost of both sides.
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"  {(run == 0 ? "warm-up" : $"run {run}")}: {count} captures, {bytes / 1e6:F1} MB in {seconds:F2} s = "
                + $"{count / seconds:F0} images/s, {bytes / 1e6 / seconds:F1} MB/s; {cpuSeconds:F2} CPU s = {count / cpuSeconds:F0} images per CPU second; "
                + $"load average {ProctoringSuite.LoadAverages()}");
            if (run > 0)
            {
                rates.Add((count / seconds, bytes / 1e6 / seconds, count / cpuSeconds));
                latencies.AddRange(times.SelectMany(t => t));
            }
        }

        await VerifyStoredAsync(app, accountId, raw ? "put-" : "post-", (runs + 1) * (images / concurrency * concurrency));
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"Ingestion ({how}): median {Median(rates.Select(r => r.Images)):F0} images/s, {Median(rates.Select(r => r.Megabytes)):F1} MB/s "
            + $"({Median(rates.Select(r => r.CpuImages)):F0} images per CPU second); one upload: median {Timing.Percentile(sorted, 0.5):F1} ms, "
            + $"p95 {Timing.Percentile(sorted, 0.95):F1} ms over {sorted.Length} uploads");
    }

    private static async Task UploadAsync(HttpClient client, string captureId, int registrationId, Frame frame, bool suspicious, bool raw)
    {
        var takenAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var reason = suspicious ? "Gaze off screen" : "";
        using var image = new ByteArrayContent(frame.Bytes);
        image.Headers.ContentType = new MediaTypeHeaderValue(frame.ContentType);
        HttpResponseMessage response;
        if (raw)
        {
            var query = string.Create(CultureInfo.InvariantCulture,
                $"?registrationId={registrationId}&kind={frame.Kind}&takenAt={Uri.EscapeDataString(takenAt)}&suspicious={suspicious}&reason={Uri.EscapeDataString(reason)}");
            response = await client.PutAsync(new Uri($"{CapturesRoute.CapturesRoute}/{captureId}{query}", UriKind.Relative), image);
        }
        else
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(captureId), "captureId" },
                { new StringContent(registrationId.ToString(CultureInfo.InvariantCulture)), "registrationId" },
                { new StringContent(frame.Kind), "kind" },
                { new StringContent(takenAt), "takenAt" },
                { new StringContent(suspicious ? "true" : "false"), "suspicious" },
                { new StringContent(reason), "reason" },
                { image, "image", "capture" },
            };
            response = await client.PostAsync(new Uri(CapturesRoute.CapturesRoute, UriKind.Relative), form);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"{captureId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static async Task VerifyStoredAsync(WebApplication app, int accountId, string prefix, int expected)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Bench");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var stored = await db.ProctoringCaptures.CountAsync(c => c.CaptureId.StartsWith(prefix));
        if (stored != expected)
        {
            throw new InvalidOperationException($"{stored} captures stored for {expected} uploads.");
        }
    }

    /// <summary>
    /// One sitting with <c>--gallery</c> captures (every eighth suspicious): the first opening makes the thumbnails;
    /// the measured openings read the list and every thumbnail's bytes, one after another (the browser asks for them
    /// several at a time: this is the server's whole work for one gallery).
    /// </summary>
    private static async Task GalleryAsync(WebApplication app, HttpClient client, int accountId, int sitting, List<Frame> pool, string[] args)
    {
        var size = BenchArgs.Int(args, "--gallery", 200);
        var iterations = BenchArgs.Int(args, "--iterations", 30);
        for (var i = 0; i < size; i++)
        {
            var frame = pool[i % pool.Count];
            await UploadAsync(client, $"gallery-{i}", sitting, frame, i % 8 == 7, raw: false);
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Bench reviewer");
        var reader = scope.ServiceProvider.GetRequiredService<CaptureReader>();
        long thumbnailBytes = 0;
        var buffer = new byte[64 * 1024];
        async Task OpenAsync(bool suspiciousOnly)
        {
            thumbnailBytes = 0;
            foreach (var capture in await reader.GalleryAsync(sitting, suspiciousOnly, CancellationToken.None))
            {
                // Read to the end, as the endpoint streams it to the response.
                await using var content = (await reader.ThumbnailAsync(capture.Id, CancellationToken.None)).Content;
                int read;
                while ((read = await content.ReadAsync(buffer)) > 0)
                {
                    thumbnailBytes += read;
                }
            }
        }

        var watch = Stopwatch.StartNew();
        await OpenAsync(suspiciousOnly: false);
        Console.WriteLine();
        Console.WriteLine($"Gallery: {size} captures of one sitting; first opening (makes {size} thumbnails) {watch.Elapsed.TotalMilliseconds:F0} ms, "
            + $"thumbnails {thumbnailBytes / 1024} KB in all ({thumbnailBytes / size / 1024.0:F1} KB each)");
        ProctoringSuite.PrintHeader();
        var count = (await reader.GalleryAsync(sitting, false, CancellationToken.None)).Count;
        ProctoringSuite.PrintRow("gallery list query", count, await Timing.MeasureAsync(() => reader.GalleryAsync(sitting, false, CancellationToken.None), iterations), null);
        ProctoringSuite.PrintRow($"gallery: list + {count} thumbnails", count, await Timing.MeasureAsync(() => OpenAsync(false), iterations), null);
        var suspicious = (await reader.GalleryAsync(sitting, true, CancellationToken.None)).Count;
        ProctoringSuite.PrintRow("gallery, suspicious only: list + thumbnails", suspicious, await Timing.MeasureAsync(() => OpenAsync(true), iterations), null);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Timing.Percentile(sorted, 0.5);
    }
}
