using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Sittings;

namespace Dashboard.Web.Endpoints;

/// <summary>Counts of what a batch did; <see cref="Events"/> reports every event that was not applied, with the reason.</summary>
public sealed record SittingEventsResponse(int Applied, int Duplicates, int Ignored, IReadOnlyList<SittingEventReport> Events);

public sealed record SittingEventReport(string EventId, string Outcome, string? Reason);

/// <summary>
/// <c>POST /api/v1/sitting-events</c>: the test-delivery side reports sittings. Authenticated by a per-account
/// API key (not the sign-in cookie); every refusal is RFC 7807 problem details and changes nothing.
/// </summary>
public static class SittingEventsEndpoints
{
    public const string Route = "/api/v1/sitting-events";
    public const string ApiKeyHeader = "X-Api-Key";
    public const int MaxBodyBytes = 1024 * 1024;

    // Strict numbers: "registrationId": "12" is a wrong type, not a lenient guess; a time without offset is refused too.
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new OffsetRequiredDateTimeOffsetConverter() },
    };

    public static IEndpointRouteBuilder MapSittingEventsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, PostAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("PostSittingEvents");
        return app;
    }

    private static async Task<IResult> PostAsync(
        HttpContext http, ApiKeyService keys, AccountScope scope, SittingRecorder recorder, CancellationToken cancellationToken)
    {
        var identity = await keys.AuthenticateAsync(http.Request.Headers[ApiKeyHeader].ToString(), cancellationToken);
        if (identity is null)
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + ApiKeyHeader + "\"";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or invalid API key",
                detail: $"Send an active API key of your account in the {ApiKeyHeader} header.");
        }

        scope.SetSystem(identity.AccountId, $"API key {identity.Name}");
        if (!http.Request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the batch as application/json.");
        }

        var body = await ReadLimitedAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"A batch is at most {MaxBodyBytes / 1024} KiB and {SittingEventValidator.MaxEventsPerBatch} events; split it.");
        }

        SittingEventBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<SittingEventBatch>(body, JsonOptions);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is null or "$" ? "body" : ex.Path.TrimStart('$', '.');
            var where = string.Create(CultureInfo.InvariantCulture, $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}");
            var message = ex is SittingEventTimeFormatException ? $"{ex.Message} ({where})" : $"Malformed JSON or a value of the wrong type ({where}).";
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [message] },
                title: "The request body is not a valid sitting-event batch.");
        }

        try
        {
            var result = await recorder.RecordAsync(batch ?? new SittingEventBatch(), cancellationToken);
            var reports = result.Outcomes
                .Where(o => o.Outcome != SittingEventOutcomeKind.Applied)
                .Select(o => new SittingEventReport(o.EventId, JsonNamingPolicy.CamelCase.ConvertName(o.Outcome.ToString()), o.Reason))
                .ToList();
            return Results.Ok(new SittingEventsResponse(result.Applied, result.Duplicates, result.Ignored, reports));
        }
        catch (SittingBatchRejectedException ex) when (ex.NotFound)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown registration",
                detail: string.Join(" ", ex.Errors.Values.SelectMany(v => v)),
                extensions: new Dictionary<string, object?> { ["errors"] = ex.Errors });
        }
        catch (SittingBatchRejectedException ex)
        {
            return Results.ValidationProblem(ex.Errors, title: "The sitting-event batch is invalid; nothing was recorded.");
        }
    }

    /// <summary>Reads the body, or returns null as soon as it exceeds <see cref="MaxBodyBytes"/> (whatever Content-Length claims).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
