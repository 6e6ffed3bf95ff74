using System.Net.Http.Headers;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Sittings;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Dashboard.Tests.Web.Proctoring;

/// <summary>A tenant with a proctored, certified sitting and an API key, inside a running web factory; real image bytes.</summary>
public sealed class ProctoringWebWorld(DashboardWebFactory factory)
{
    public sealed record Tenant(WebTenant Web, Registration Sitting, string ApiKey);

    public async Task<Tenant> TenantAsync(string name, ProctoringStatus status = ProctoringStatus.PendingReview)
    {
        var web = await WebTenants.CreateAsync(factory, name);
        await using (var db = CreateDbContext(web.Account.Id))
        {
            var sitting = await db.Registrations.FirstAsync(r => r.Id == web.Certified.Id);
            sitting.ProctoringProfile = ProctoringProfile.Video;
            sitting.ProctoringStatus = status;
            sitting.IncidentCount = 1;
            db.ProctoringIncidents.Add(new ProctoringIncident
            {
                RegistrationId = sitting.Id, Kind = IncidentKind.ExitFullScreen, OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-90), DurationSeconds = 74,
                Detail = "Left full screen",
            });
            await db.SaveChangesAsync();
        }

        var key = await new SittingsWebWorld(factory).ApiKeyAsync(web.Account.Id);
        await using var read = CreateDbContext(web.Account.Id);
        return new Tenant(web, await read.Registrations.AsNoTracking().FirstAsync(r => r.Id == web.Certified.Id), key);
    }

    public DashboardDbContext CreateDbContext(int accountId)
    {
        var scope = new AccountScope();
        scope.SetSystem(accountId);
        return new DashboardDbContext(TestProvider.Options(factory.ConnectionString, factory.Provider), scope);
    }

    public string CapturesFolder(int accountId) => Path.Combine(factory.DataDirectory, "captures", accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int StoredFiles(int accountId) =>
        Directory.Exists(CapturesFolder(accountId)) ? Directory.GetFiles(CapturesFolder(accountId), "*", SearchOption.AllDirectories).Length : 0;

    public static HttpClient ApiClient(DashboardWebFactory factory, string? key)
    {
        var client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, int registrationId, string captureId, byte[] bytes,
        string fileName, string kind = "webcam", bool suspicious = false, string? reason = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(captureId), "captureId");
        form.Add(new StringContent(registrationId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "registrationId");
        form.Add(new StringContent(kind), "kind");
        form.Add(new StringContent("2026-11-27T09:15:00Z"), "takenAt");
        form.Add(new StringContent(suspicious ? "true" : "false"), "suspicious");
        if (reason is not null)
        {
            form.Add(new StringContent(reason), "reason");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "image", fileName);
        return await client.PostAsync(new Uri("/api/v1/proctoring/captures", UriKind.Relative), form);
    }

    public static async Task<HttpResponseMessage> PutRawAsync(HttpClient client, int registrationId, string captureId, byte[] bytes, string contentType,
        string kind = "screen")
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PutAsync(new Uri($"/api/v1/proctoring/captures/{Uri.EscapeDataString(captureId)}?registrationId={registrationId}&kind={kind}",
            UriKind.Relative), content);
    }

    /// <summary>A real encoded image: a gradient with a disc, so every format has something to compress.</summary>
    public static byte[] Image(SKEncodedImageFormat format, int width = 160, int height = 120, bool noise = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 90, 160));
            using var paint = new SKPaint { Color = new SKColor(240, 200, 160), IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        if (noise)
        {
            var random = new Random(7);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
