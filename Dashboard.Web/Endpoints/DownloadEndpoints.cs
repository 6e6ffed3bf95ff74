using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents;
using Dashboard.Core.Results;

namespace Dashboard.Web.Endpoints;

/// <summary>
/// Every file download. Core services enforce privileges and the account scope; this layer maps their
/// refusals to HTTP (another account's id or no document → 404, missing privilege → 403) and names the files.
/// </summary>
public static class DownloadEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string ZipType = "application/zip";

    public static IServiceCollection AddDownloads(this IServiceCollection services)
    {
        services.AddSingleton<PreparedDownloads>();
        return services;
    }

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Sign-in is required by the fallback policy (Hosting/DashboardPolicies); the services check privileges and the account.
        var downloads = app.MapGroup("/download")
            .AddEndpointFilter(MapRefusalsAsync)
            .DisableAntiforgery();

        downloads.MapGet("/report/{id:int}", async (int id, string? lang, IDocumentService documents, CancellationToken ct) =>
            FileOf(await documents.IndividualReportAsync(id, Language(lang), ct)));
        downloads.MapGet("/progression/{id:int}", async (int id, string? lang, IDocumentService documents, CancellationToken ct) =>
            FileOf(await documents.ProgressionReportForRegistrationAsync(id, Language(lang), ct)));
        downloads.MapGet("/certificate/{id:int}", async (int id, string? lang, IDocumentService documents, CancellationToken ct) =>
            FileOf(await documents.CertificateAsync(id, Language(lang), ct)))
            .AddEndpointFilter(ProctoringEndpoints.RefuseRevokedCertificateAsync);
        downloads.MapGet("/attestation/{id:int}", async (int id, string? lang, IDocumentService documents, CancellationToken ct) =>
            FileOf(await documents.AttestationAsync(id, Language(lang), ct)));
        downloads.MapGet("/attestations", AttestationsAsync);
        downloads.MapGet("/export", ExportAsync);
        downloads.MapGet("/group-report", async (HttpRequest request, IDocumentService documents, TimeProvider time, CancellationToken ct) =>
            GroupRequest(request, time) is { } r ? FileOf(await documents.GroupReportAsync(r, ct)) : MissingGroup());
        downloads.MapGet("/group-progression", async (HttpRequest request, IDocumentService documents, TimeProvider time, CancellationToken ct) =>
            GroupRequest(request, time) is { } r ? FileOf(await documents.GroupProgressionReportAsync(r, ct)) : MissingGroup());
        downloads.MapGet("/skills", async (HttpRequest request, IDocumentService documents, TimeProvider time, CancellationToken ct) =>
            GroupRequest(request, time) is { } r ? FileOf(await documents.SkillsFileAsync(r, ct)) : MissingGroup());
        downloads.MapGet("/prepared/{token}", (string token, PreparedDownloads prepared, AccountScope scope) =>
            prepared.Take(token, scope) is { } file ? Results.File(file.Content, file.ContentType, file.FileName) : Results.NotFound());
        return app;
    }

    private static async ValueTask<object?> MapRefusalsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (PrivilegeException)
        {
            var scope = context.HttpContext.RequestServices.GetRequiredService<AccountScope>();
            return scope.IsSet ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.Unauthorized();
        }
        catch (DomainRuleException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> AttestationsAsync(string? ids, string? lang, IDocumentService documents, DocumentTempFiles temp, CancellationToken ct)
    {
        var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .ToList();
        if (list.Count == 0 || list.Contains(-1) || list.Count > 1000)
        {
            return Results.Problem("ids must be 1 to 1000 registration ids separated by commas.", statusCode: StatusCodes.Status400BadRequest);
        }

        var language = Language(lang);
        var file = temp.CreateScratch();
        try
        {
            await documents.AttestationsZipAsync(list, language, file, ct);
            file.Position = 0;
            var name = DocumentFileNames.Compose(Core.Documents.Localization.DocumentText.For(language)["File.Attestations"], list.Count) + ".zip";
            return Results.File(file, ZipType, name);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the workbook in an owner-only temporary file under the data folder (flat memory, a clean 404/403 before any byte is sent), then streams it.</summary>
    private static async Task<IResult> ExportAsync(HttpRequest request, string? lang, IDocumentService documents, DocumentTempFiles temp, TimeProvider time,
        CancellationToken ct)
    {
        var view = ResultsUrl.Parse(request.Query);
        var language = Language(lang);
        var file = temp.CreateScratch();
        try
        {
            await documents.ExportResultsAsync(view.Filter, language, file, view.Position.SortKey, view.Position.Descending, ct);
            file.Position = 0;
            return Results.File(file, XlsxType, ExportFileName(language, time));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public static string ExportFileName(string language, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var text = Core.Documents.Localization.DocumentText.For(language);
        return DocumentFileNames.Compose(text["File.Results"], time.GetUtcNow().ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)) + ".xlsx";
    }

    private static GroupReportRequest? GroupRequest(HttpRequest request, TimeProvider time)
    {
        var query = request.Query;
        if (!int.TryParse(query["group"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            || !int.TryParse(query["subject"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var subject))
        {
            return null;
        }

        // Default period: the last twelve months, as on the Dashboard page.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = DateOnly.TryParseExact(query["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : today.AddYears(-1);
        var to = DateOnly.TryParseExact(query["to"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : today;
        return new GroupReportRequest(group, subject, from, to, Language(query["lang"]));
    }

    private static IResult MissingGroup() =>
        Results.Problem("group and subject are required (from and to as yyyy-MM-dd are optional).", statusCode: StatusCodes.Status400BadRequest);

    private static IResult FileOf(GeneratedFile file) => Results.File(file.Content, file.ContentType, file.FileName);

    private static string Language(string? lang) => lang is "fr" ? "fr" : "en";
}
