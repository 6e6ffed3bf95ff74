using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Proctoring;

public static class CaptureRules
{
    public const int MaxCaptureIdLength = 100;
    public const int MaxReasonLength = 200;
}

/// <summary>What the upload says about an image (the bytes come separately).</summary>
public sealed record CaptureUpload(string? CaptureId, int? RegistrationId, string? Kind, DateTimeOffset? TakenAt, bool Suspicious, string? Reason);

/// <summary>An incident reported by the proctoring side, with its duration (exit full screen for 74 s).</summary>
public sealed record IncidentUpload(string? IncidentId, int? RegistrationId, string? Kind, DateTimeOffset? OccurredAt, int? DurationSeconds, string? Detail, bool Serious);

public enum UploadOutcome
{
    Stored = 0,
    Duplicate = 1,
}

public sealed record CaptureStored(long Id, string CaptureId, UploadOutcome Outcome, string ContentType, long SizeBytes);

/// <summary>An upload refused with nothing stored; <see cref="Status"/> is the HTTP status the endpoint answers (in English, for the integrator's program: see <see cref="Sittings.SittingEventValidator"/>).</summary>
public sealed class UploadRejectedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>
/// Takes captures and incidents from the proctoring side (API key scope): checks the registration belongs to the
/// key's account, the real image type and the limits, writes the bytes to the blob store and the row in one step.
/// </summary>
public sealed class CaptureIngestion(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, IBlobStore blobs, IOptions<ProctoringOptions> options,
    IAccountFeed<ResultsChange> feed, TimeProvider time)
{
    public async Task<CaptureStored> StoreCaptureAsync(CaptureUpload upload, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var accountId = scope.RequireAccountId();
        var limits = options.Value;
        var captureId = RequireId(upload.CaptureId, "captureId");
        var kind = ParseKind(upload.Kind);
        if (upload.RegistrationId is not { } registrationId)
        {
            throw Invalid("registrationId is required.");
        }

        if (upload.Reason is { Length: > CaptureRules.MaxReasonLength })
        {
            throw Invalid($"reason is at most {CaptureRules.MaxReasonLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.ProctoringCaptures.AsNoTracking().Where(c => c.CaptureId == captureId)
            .Select(c => new { c.Id, c.RegistrationId, c.ContentType, c.SizeBytes }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing.RegistrationId == registrationId
                ? new CaptureStored(existing.Id, captureId, UploadOutcome.Duplicate, existing.ContentType, existing.SizeBytes)
                : throw new UploadRejectedException(409, "Capture id already used",
                    $"The capture id '{captureId}' was already used for another registration; capture ids are unique per account.");
        }

        // Another account's registration answers exactly as a missing one: nothing about other tenants leaks.
        var registration = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new { r.Id, r.ProctoringProfile }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new UploadRejectedException(404, "Unknown registration", $"Registration {registrationId} does not exist in your account.");
        if (registration.ProctoringProfile == ProctoringProfile.None)
        {
            throw new UploadRejectedException(422, "Not a proctored sitting", $"Registration {registrationId} is not taken under proctoring.");
        }

        if (bytes.Length > limits.MaxCaptureBytes)
        {
            throw TooLarge(limits.MaxCaptureBytes);
        }

        var facts = CaptureImages.Inspect(bytes.Span, limits.MaxPixels)
            ?? throw new UploadRejectedException(415, "Unsupported image",
                "The file is not a JPEG, PNG or WebP image (its type is read from its bytes, not its name or Content-Type).");
        var count = await db.ProctoringCaptures.CountAsync(c => c.RegistrationId == registrationId, cancellationToken);
        if (count >= limits.MaxCapturesPerSitting)
        {
            throw new UploadRejectedException(429, "Too many captures",
                $"A sitting stores at most {limits.MaxCapturesPerSitting} captures; this one has {count}.");
        }

        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{accountId}/{registrationId}/{KeyOf(captureId)}.{facts.Extension}");
        await blobs.PutAsync(key, bytes, cancellationToken);
        var capture = new ProctoringCapture
        {
            AccountId = accountId, RegistrationId = registrationId, CaptureId = captureId, Kind = kind,
            TakenAt = upload.TakenAt ?? time.GetUtcNow(), ReceivedAt = time.GetUtcNow(), ContentType = facts.ContentType,
            SizeBytes = bytes.Length, Width = facts.Width, Height = facts.Height, StorageKey = key,
            Suspicious = upload.Suspicious, SuspicionReason = string.IsNullOrWhiteSpace(upload.Reason) ? null : upload.Reason.Trim(),
        };
        db.ProctoringCaptures.Add(capture);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same capture id raced in on another request: that one stored it (same key, same bytes).
            var winner = await db.ProctoringCaptures.AsNoTracking().Where(c => c.CaptureId == captureId)
                .Select(c => new { c.Id, c.ContentType, c.SizeBytes }).FirstOrDefaultAsync(cancellationToken);
            if (winner is null)
            {
                blobs.Delete(key);
                throw;
            }

            return new CaptureStored(winner.Id, captureId, UploadOutcome.Duplicate, winner.ContentType, winner.SizeBytes);
        }

        return new CaptureStored(capture.Id, captureId, UploadOutcome.Stored, capture.ContentType, capture.SizeBytes);
    }

    /// <summary>Records an incident once per incident id; the sitting goes back to review when it had been validated.</summary>
    public async Task<UploadOutcome> RecordIncidentAsync(IncidentUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var accountId = scope.RequireAccountId();
        var incidentId = RequireId(upload.IncidentId, "incidentId");
        var kind = SittingEventValidator.ParseIncidentKind(upload.Kind)
            ?? throw Invalid($"kind must be one of {string.Join(", ", Enum.GetNames<IncidentKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
        if (upload.RegistrationId is not { } registrationId)
        {
            throw Invalid("registrationId is required.");
        }

        if (upload.DurationSeconds is < 0 or > 86_400)
        {
            throw Invalid("durationSeconds must be between 0 and 86400.");
        }

        if (upload.Detail is { Length: > 1000 })
        {
            throw Invalid("detail is at most 1000 characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var eventId = "incident:" + incidentId;
        if (await db.Set<ProcessedSittingEvent>().AnyAsync(e => e.EventId == eventId, cancellationToken))
        {
            return UploadOutcome.Duplicate;
        }

        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken)
            ?? throw new UploadRejectedException(404, "Unknown registration", $"Registration {registrationId} does not exist in your account.");
        if (registration.ProctoringProfile == ProctoringProfile.None)
        {
            throw new UploadRejectedException(422, "Not a proctored sitting", $"Registration {registrationId} is not taken under proctoring.");
        }

        var now = time.GetUtcNow();
        db.ProctoringIncidents.Add(new ProctoringIncident
        {
            RegistrationId = registrationId, Kind = kind, OccurredAt = upload.OccurredAt ?? now, DurationSeconds = upload.DurationSeconds,
            Detail = upload.Detail, IsSerious = ProctoringRules.IsSerious(registration.TestType, kind, upload.DurationSeconds, upload.Serious),
        });
        registration.IncidentCount++;
        if (registration.ProctoringStatus is ProctoringStatus.NotApplicable or ProctoringStatus.Validated)
        {
            registration.ProctoringStatus = ProctoringStatus.PendingReview;
        }

        db.Set<ProcessedSittingEvent>().Add(new ProcessedSittingEvent
        {
            AccountId = accountId, EventId = eventId, RegistrationId = registrationId, Type = "proctoringIncident",
            Outcome = SittingEventOutcomeKind.Applied, ProcessedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        feed.Publish(new ResultsChange(accountId, registrationId, SittingChangeKinds.Incident, now));
        return UploadOutcome.Stored;
    }

    public static UploadRejectedException TooLarge(int maxBytes) => new(413, "Image too large",
        $"A capture is at most {maxBytes / 1024} KiB.");

    private static UploadRejectedException Invalid(string detail) => new(400, "Invalid upload", detail);

    private static string RequireId(string? value, string field)
    {
        var id = value?.Trim() ?? "";
        return id.Length is 0 or > CaptureRules.MaxCaptureIdLength || id.Any(char.IsControl)
            ? throw Invalid($"{field} is required: 1 to {CaptureRules.MaxCaptureIdLength} printable characters.")
            : id;
    }

    private static CaptureKind ParseKind(string? value) =>
        !string.IsNullOrEmpty(value) && char.IsLetter(value[0]) && Enum.TryParse<CaptureKind>(value, ignoreCase: true, out var kind)
            ? kind
            : throw Invalid("kind must be webcam, screen or idDocument.");

    /// <summary>A file name from the uploader's id: hashed, so any id is a safe, fixed-length name.</summary>
    private static string KeyOf(string captureId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(captureId)))[..32];
}
