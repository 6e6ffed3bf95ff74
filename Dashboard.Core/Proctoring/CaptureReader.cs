using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Proctoring;

/// <summary>
/// The reviewer's view of captures (privilege <see cref="Privileges.ReviewProctoring"/>, current account only: another
/// account's id is not found). Thumbnails are made on first request and kept beside the original.
/// </summary>
public sealed class CaptureReader(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, IBlobStore blobs)
{
    public const string ThumbnailType = "image/jpeg";

    public async Task<IReadOnlyList<CaptureSummary>> GalleryAsync(int registrationId, bool suspiciousOnly, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Registrations.AnyAsync(r => r.Id == registrationId, cancellationToken))
        {
            throw new NotFoundException(UserText.Get<ProctoringErrors>("SittingNotFound", registrationId));
        }

        var query = db.ProctoringCaptures.AsNoTracking()
            .Where(c => c.RegistrationId == registrationId && (c.Kind == CaptureKind.Webcam || c.Kind == CaptureKind.Screen));
        if (suspiciousOnly)
        {
            query = query.Where(c => c.Suspicious);
        }

        return await query.OrderBy(c => c.TakenAt).ThenBy(c => c.Id)
            .Select(c => new CaptureSummary(c.Id, c.Kind, c.TakenAt, c.Suspicious, c.SuspicionReason, c.Width, c.Height))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The latest ID-document photo of the sitting, or null when none was uploaded.</summary>
    public async Task<CaptureSummary?> IdDocumentAsync(int registrationId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Registrations.AnyAsync(r => r.Id == registrationId, cancellationToken))
        {
            throw new NotFoundException(UserText.Get<ProctoringErrors>("SittingNotFound", registrationId));
        }

        return await db.ProctoringCaptures.AsNoTracking()
            .Where(c => c.RegistrationId == registrationId && c.Kind == CaptureKind.IdDocument)
            .OrderByDescending(c => c.TakenAt).ThenByDescending(c => c.Id)
            .Select(c => new CaptureSummary(c.Id, c.Kind, c.TakenAt, c.Suspicious, c.SuspicionReason, c.Width, c.Height))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The original bytes, exactly as uploaded.</summary>
    public async Task<CaptureImage> OriginalAsync(long captureId, CancellationToken cancellationToken)
    {
        var capture = await FindAsync(captureId, cancellationToken);
        var stream = blobs.OpenRead(capture.StorageKey) ?? throw new NotFoundException(UserText.Get<ProctoringErrors>("CaptureNotFound", captureId));
        return new CaptureImage(stream, capture.ContentType);
    }

    public async Task<CaptureImage> ThumbnailAsync(long captureId, CancellationToken cancellationToken)
    {
        var capture = await FindAsync(captureId, cancellationToken);
        var key = capture.StorageKey + ".thumb.jpg";
        if (blobs.OpenRead(key) is { } existing)
        {
            return new CaptureImage(existing, ThumbnailType);
        }

        await using var original = blobs.OpenRead(capture.StorageKey) ?? throw new NotFoundException(UserText.Get<ProctoringErrors>("CaptureNotFound", captureId));
        using var buffer = new MemoryStream();
        await original.CopyToAsync(buffer, cancellationToken);
        var thumbnail = CaptureImages.Thumbnail(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw new NotFoundException(UserText.Get<ProctoringErrors>("CaptureNotFound", captureId));
        // Two first requests at once both write the same bytes; the store's atomic replace keeps either.
        await blobs.PutAsync(key, thumbnail, cancellationToken);
        return new CaptureImage(new MemoryStream(thumbnail, writable: false), ThumbnailType);
    }

    private async Task<ProctoringCapture> FindAsync(long captureId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ProctoringCaptures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == captureId, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<ProctoringErrors>("CaptureNotFound", captureId));
    }
}
