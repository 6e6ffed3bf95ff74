using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Proctoring;
using Dashboard.Core.Sittings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Endpoints;

public sealed record CaptureUploadResponse(long Id, string CaptureId, string Outcome, string ContentType, long SizeBytes);

public sealed record IncidentUploadResponse(string IncidentId, string Outcome);

/// <summary>
/// Proctoring: the upload API of the proctoring side (captures, ID document, incidents; the sitting-event API's
/// <c>X-Api-Key</c>, problem details for every refusal, idempotent by id) and the reviewers' image downloads
/// (signed-in, <c>ReviewProctoring</c>, current account only: another account's id is 404).
/// </summary>
public static class ProctoringEndpoints
{
    public const string CapturesRoute = "/api/v1/proctoring/captures";
    public const string IncidentsRoute = "/api/v1/proctoring/incidents";

    public static IEndpointRouteBuilder MapProctoringEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("").AllowAnonymous().DisableAntiforgery();
        api.MapPost(CapturesRoute, PostMultipartAsync).WithName("PostProctoringCapture");
        api.MapPut(CapturesRoute + "/{captureId}", PutRawAsync).WithName("PutProctoringCapture");
        api.MapPost(IncidentsRoute, PostIncidentAsync).WithName("PostProctoringIncident");

        var images = app.MapGroup("/proctoring/images").DisableAntiforgery();
        images.MapGet("/{id:long}", async (long id, CaptureReader captures, CancellationToken ct) =>
            Image(await captures.OriginalAsync(id, ct)));
        images.MapGet("/{id:long}/thumbnail", async (long id, CaptureReader captures, CancellationToken ct) =>
            Image(await captures.ThumbnailAsync(id, ct)));
        images.MapGet("/id-document/{registrationId:int}", async (int registrationId, CaptureReader captures, CancellationToken ct) =>
            await captures.IdDocumentAsync(registrationId, ct) is { } document
                ? Image(await captures.OriginalAsync(document.Id, ct))
                : Results.NotFound());
        return app;
    }

    public static string ImageUrl(long captureId) => string.Create(CultureInfo.InvariantCulture, $"/proctoring/images/{captureId}");

    public static string ThumbnailUrl(long captureId) => ImageUrl(captureId) + "/thumbnail";

    public static string IdDocumentUrl(int registrationId) => string.Create(CultureInfo.InvariantCulture, $"/proctoring/images/id-document/{registrationId}");

    /// <summary>
    /// Put on the certificate download: a certificate whose sitting was invalidated answers 410 with the reason,
    /// instead of the 404 of a certificate that never existed.
    /// </summary>
    public static async ValueTask<object?> RefuseRevokedCertificateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (int.TryParse(http.Request.RouteValues["id"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await http.RequestServices.GetRequiredService<ProctoringReviewService>().IsCertificateRevokedAsync(id, http.RequestAborted))
        {
            return Problem(StatusCodes.Status410Gone, "Certificate revoked",
                "This certificate was revoked: the sitting was invalidated after proctoring review.");
        }

        return await next(context);
    }

    // Private images: never kept by shared caches, and never sniffed into something else by the browser.
    private static PrivateImage Image(CaptureImage image) =>
        new(Results.Stream(image.Content, image.ContentType, enableRangeProcessing: false));

    private sealed class PrivateImage(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "private, max-age=3600";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static async Task<IResult> PostMultipartAsync(HttpContext http, ApiKeyService keys, AccountScope scope, CaptureIngestion ingestion,
        IOptions<ProctoringOptions> options, CancellationToken cancellationToken)
    {
        if (await AuthenticateAsync(http, keys, scope, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!http.Request.HasFormContentType)
        {
            return Problem(415, "Unsupported media type", "Send multipart/form-data with the image in the 'image' part, or PUT the raw image to "
                + CapturesRoute + "/{captureId}.");
        }

        var max = options.Value.MaxCaptureBytes;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + (64 * 1024) }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Refusal(CaptureIngestion.TooLarge(max));
        }

        var file = form.Files["image"];
        if (file is null)
        {
            return Problem(400, "Invalid upload", "The 'image' part is missing.");
        }

        if (file.Length > max)
        {
            return Refusal(CaptureIngestion.TooLarge(max));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var upload = new CaptureUpload(form["captureId"], ParseInt(form["registrationId"]), form["kind"], ParseTime(form["takenAt"]),
            ParseBool(form["suspicious"]), form["reason"]);
        return await StoreAsync(ingestion, upload, bytes, cancellationToken);
    }

    private static async Task<IResult> PutRawAsync(string captureId, HttpContext http, ApiKeyService keys, AccountScope scope, CaptureIngestion ingestion,
        IOptions<ProctoringOptions> options, CancellationToken cancellationToken)
    {
        if (await AuthenticateAsync(http, keys, scope, cancellationToken) is { } refused)
        {
            return refused;
        }

        var max = options.Value.MaxCaptureBytes;
        var bytes = await ReadLimitedAsync(http.Request, max, cancellationToken);
        if (bytes is null)
        {
            return Refusal(CaptureIngestion.TooLarge(max));
        }

        var query = http.Request.Query;
        var upload = new CaptureUpload(captureId, ParseInt(query["registrationId"]), query["kind"], ParseTime(query["takenAt"]),
            ParseBool(query["suspicious"]), query["reason"]);
        return await StoreAsync(ingestion, upload, bytes, cancellationToken);
    }

    private static async Task<IResult> PostIncidentAsync(HttpContext http, ApiKeyService keys, AccountScope scope, CaptureIngestion ingestion,
        CancellationToken cancellationToken)
    {
        if (await AuthenticateAsync(http, keys, scope, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!http.Request.HasJsonContentType())
        {
            return Problem(415, "Unsupported media type", "Send the incident as application/json.");
        }

        IncidentUpload? incident;
        try
        {
            incident = await http.Request.ReadFromJsonAsync<IncidentUpload>(SittingEventsEndpoints.JsonOptions, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return Problem(400, "Invalid incident", "Malformed JSON or a value of the wrong type.");
        }

        try
        {
            var outcome = await ingestion.RecordIncidentAsync(incident ?? new IncidentUpload(null, null, null, null, null, null, false), cancellationToken);
            return Results.Ok(new IncidentUploadResponse(incident!.IncidentId!.Trim(), Camel(outcome)));
        }
        catch (UploadRejectedException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult> StoreAsync(CaptureIngestion ingestion, CaptureUpload upload, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await ingestion.StoreCaptureAsync(upload, bytes, cancellationToken);
            var body = new CaptureUploadResponse(stored.Id, stored.CaptureId, Camel(stored.Outcome), stored.ContentType, stored.SizeBytes);
            return stored.Outcome == UploadOutcome.Stored ? Results.Created(ImageUrl(stored.Id), body) : Results.Ok(body);
        }
        catch (UploadRejectedException e)
        {
            return Refusal(e);
        }
    }

    private static async Task<IResult?> AuthenticateAsync(HttpContext http, ApiKeyService keys, AccountScope scope, CancellationToken cancellationToken)
    {
        var identity = await keys.AuthenticateAsync(http.Request.Headers[SittingEventsEndpoints.ApiKeyHeader].ToString(), cancellationToken);
        if (identity is null)
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + SittingEventsEndpoints.ApiKeyHeader + "\"";
            return Problem(401, "Missing or invalid API key",
                $"Send an active API key of your account in the {SittingEventsEndpoints.ApiKeyHeader} header.");
        }

        scope.SetSystem(identity.AccountId, $"API key {identity.Name}");
        return null;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Refusal(UploadRejectedException e) => Problem(e.Status, e.Title, e.Message);

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    private static string Camel(UploadOutcome outcome) => outcome == UploadOutcome.Stored ? "stored" : "duplicate";

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static bool ParseBool(string? value) => bool.TryParse(value, out var b) && b;
}
