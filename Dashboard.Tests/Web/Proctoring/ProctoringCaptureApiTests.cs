using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Dashboard.Tests.Web.Proctoring;

public sealed class ProctoringCaptureApiTests : IClassFixture<DashboardWebFactory>
{
    private const int MaxBytes = 300_000;
    private readonly DashboardWebFactory _factory;
    private readonly ProctoringWebWorld _world;

    public ProctoringCaptureApiTests(DashboardWebFactory factory)
    {
        _factory = factory;
        // A small per-account limit, so an oversize image is quick to make.
        factory.Settings["Proctoring:MaxCaptureBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _world = new ProctoringWebWorld(factory);
    }

    [Fact]
    public async Task JpegPngAndWebpAreStoredAndServedBackByteIdentical()
    {
        var tenant = await _world.TenantAsync("Bytes");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        var images = new[]
        {
            (Bytes: ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg), Type: "image/jpeg"),
            (Bytes: ProctoringWebWorld.Image(SKEncodedImageFormat.Png), Type: "image/png"),
            (Bytes: ProctoringWebWorld.Image(SKEncodedImageFormat.Webp), Type: "image/webp"),
        };
        var jpeg = await ProctoringWebWorld.PostMultipartAsync(api, tenant.Sitting.Id, "cam-1", images[0].Bytes, "cam-1.jpg", suspicious: true, reason: "Another person");
        var png = await ProctoringWebWorld.PutRawAsync(api, tenant.Sitting.Id, "screen-1", images[1].Bytes, "image/png");
        var webp = await ProctoringWebWorld.PutRawAsync(api, tenant.Sitting.Id, "id-1", images[2].Bytes, "application/octet-stream", kind: "idDocument");

        using var reviewer = await SignedInClient.SignInAsync(_factory, tenant.Web.Owner.Email!);
        var uploads = new[] { jpeg, png, webp };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, uploads[i].StatusCode);
            var body = await uploads[i].Content.ReadFromJsonAsync<Dashboard.Web.Endpoints.CaptureUploadResponse>();
            Assert.Equal(images[i].Type, body!.ContentType);
            var served = await reviewer.GetAsync(new Uri($"/proctoring/images/{body.Id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(images[i].Type, served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(images[i].Bytes, await served.Content.ReadAsByteArrayAsync());

            var thumbnail = await reviewer.GetAsync(new Uri($"/proctoring/images/{body.Id}/thumbnail", UriKind.Relative));
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            using var decoded = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
            Assert.True(decoded.Width is > 0 and <= 320);
        }

        var idDocument = await reviewer.GetByteArrayAsync(new Uri($"/proctoring/images/id-document/{tenant.Sitting.Id}", UriKind.Relative));
        Assert.Equal(images[2].Bytes, idDocument);

        await using var db = _world.CreateDbContext(tenant.Web.Account.Id);
        var flagged = await db.ProctoringCaptures.AsNoTracking().SingleAsync(c => c.CaptureId == "cam-1");
        Assert.True(flagged.Suspicious);
        Assert.Equal("Another person", flagged.SuspicionReason);
        if (!OperatingSystem.IsWindows())
        {
            var file = Directory.GetFiles(_world.CapturesFolder(tenant.Web.Account.Id), "*.jpg", SearchOption.AllDirectories)[0];
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(_world.CapturesFolder(tenant.Web.Account.Id)));
        }
    }

    [Fact]
    public async Task TheSameCaptureIdTwiceIsStoredOnce()
    {
        var tenant = await _world.TenantAsync("Twice");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        var bytes = ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg);
        var first = await ProctoringWebWorld.PostMultipartAsync(api, tenant.Sitting.Id, "cam-7", bytes, "a.jpg");
        var second = await ProctoringWebWorld.PostMultipartAsync(api, tenant.Sitting.Id, "cam-7", bytes, "a.jpg");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", (await second.Content.ReadFromJsonAsync<Dashboard.Web.Endpoints.CaptureUploadResponse>())!.Outcome);
        await using var db = _world.CreateDbContext(tenant.Web.Account.Id);
        Assert.Equal(1, await db.ProctoringCaptures.CountAsync(c => c.RegistrationId == tenant.Sitting.Id));
        Assert.Equal(1, _world.StoredFiles(tenant.Web.Account.Id));
    }

    [Fact]
    public async Task ATextFileRenamedJpgIsRefusedAndNothingIsStored()
    {
        var tenant = await _world.TenantAsync("Text");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        var response = await ProctoringWebWorld.PostMultipartAsync(api, tenant.Sitting.Id, "fake-1", "This is not a picture."u8.ToArray(), "photo.jpg");

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "JPEG, PNG or WebP", tenant);
    }

    [Fact]
    public async Task AFileWithAJpegHeaderButNoImageIsRefused()
    {
        var tenant = await _world.TenantAsync("Header");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        byte[] bytes = [0xFF, 0xD8, 0xFF, .. "not really a jpeg at all"u8.ToArray()];
        var response = await ProctoringWebWorld.PutRawAsync(api, tenant.Sitting.Id, "fake-2", bytes, "image/jpeg");

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "JPEG, PNG or WebP", tenant);
    }

    [Fact]
    public async Task AnOversizeImageIsRefusedAndNothingIsStored()
    {
        var tenant = await _world.TenantAsync("Big");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        var big = ProctoringWebWorld.Image(SKEncodedImageFormat.Png, 400, 400, noise: true);
        Assert.True(big.Length > MaxBytes);
        var multipart = await ProctoringWebWorld.PostMultipartAsync(api, tenant.Sitting.Id, "big-1", big, "big.png");
        var raw = await ProctoringWebWorld.PutRawAsync(api, tenant.Sitting.Id, "big-2", big, "image/png");

        await AssertRefusedAsync(multipart, HttpStatusCode.RequestEntityTooLarge, "at most", tenant);
        await AssertRefusedAsync(raw, HttpStatusCode.RequestEntityTooLarge, "at most", tenant);
    }

    [Fact]
    public async Task ACaptureForAnotherAccountsRegistrationIsRefusedAndNothingIsStored()
    {
        var mine = await _world.TenantAsync("Mine");
        var theirs = await _world.TenantAsync("Theirs");
        using var api = ProctoringWebWorld.ApiClient(_factory, mine.ApiKey);
        var response = await ProctoringWebWorld.PostMultipartAsync(api, theirs.Sitting.Id, "cross-1", ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg), "a.jpg");

        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "does not exist in your account", theirs);
        Assert.Equal(0, _world.StoredFiles(mine.Web.Account.Id));
    }

    [Fact]
    public async Task AMissingKeyIsRefusedAndNothingIsStored()
    {
        var tenant = await _world.TenantAsync("NoKey");
        using var api = ProctoringWebWorld.ApiClient(_factory, key: null);
        var response = await ProctoringWebWorld.PostMultipartAsync(api, tenant.Sitting.Id, "anon-1", ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg), "a.jpg");

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "X-Api-Key", tenant);
    }

    [Fact]
    public async Task AnotherAccountsCaptureThumbnailAndIdDocumentAnswer404()
    {
        var owner = await _world.TenantAsync("Owner");
        var stranger = await _world.TenantAsync("Stranger");
        using var api = ProctoringWebWorld.ApiClient(_factory, owner.ApiKey);
        var stored = await (await ProctoringWebWorld.PutRawAsync(api, owner.Sitting.Id, "id-9", ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg), "image/jpeg", "idDocument"))
            .Content.ReadFromJsonAsync<Dashboard.Web.Endpoints.CaptureUploadResponse>();

        using var client = await SignedInClient.SignInAsync(_factory, stranger.Web.Owner.Email!);
        foreach (var url in new[] { $"/proctoring/images/{stored!.Id}", $"/proctoring/images/{stored.Id}/thumbnail", $"/proctoring/images/id-document/{owner.Sitting.Id}" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AViewerGets403ForCaptures()
    {
        var tenant = await _world.TenantAsync("Viewer");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        var stored = await (await ProctoringWebWorld.PutRawAsync(api, tenant.Sitting.Id, "v-1", ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg), "image/jpeg"))
            .Content.ReadFromJsonAsync<Dashboard.Web.Endpoints.CaptureUploadResponse>();

        using var viewer = await SignedInClient.SignInAsync(_factory, tenant.Web.Viewer.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(new Uri($"/proctoring/images/{stored!.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(new Uri($"/proctoring/images/{stored.Id}/thumbnail", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(new Uri($"/proctoring/images/id-document/{tenant.Sitting.Id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AnIncidentWithItsDurationIsRecordedOnceAndALongFullScreenExitIsSerious()
    {
        var tenant = await _world.TenantAsync("Incident");
        using var api = ProctoringWebWorld.ApiClient(_factory, tenant.ApiKey);
        var incident = new { incidentId = "inc-1", registrationId = tenant.Sitting.Id, kind = "exitFullScreen", occurredAt = "2026-11-27T09:20:00Z", durationSeconds = 74 };
        var first = await api.PostAsJsonAsync(new Uri("/api/v1/proctoring/incidents", UriKind.Relative), incident);
        var again = await api.PostAsJsonAsync(new Uri("/api/v1/proctoring/incidents", UriKind.Relative), incident);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = _world.CreateDbContext(tenant.Web.Account.Id);
        var recorded = await db.ProctoringIncidents.AsNoTracking().SingleAsync(i => i.RegistrationId == tenant.Sitting.Id && i.DurationSeconds == 74 && i.Detail == null);
        Assert.True(recorded.IsSerious);
        Assert.Equal(2, (await db.Registrations.AsNoTracking().FirstAsync(r => r.Id == tenant.Sitting.Id)).IncidentCount);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string detail, ProctoringWebWorld.Tenant tenant)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = _world.CreateDbContext(tenant.Web.Account.Id);
        Assert.Equal(0, await db.ProctoringCaptures.CountAsync(c => c.RegistrationId == tenant.Sitting.Id));
        Assert.Equal(0, _world.StoredFiles(tenant.Web.Account.Id));
    }
}
