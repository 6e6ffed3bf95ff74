using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Bulk;

/// <summary>What the dialog asks for.</summary>
public sealed record BulkRequestInput(BulkKind Kind, int GroupId, int SubjectId, string Language, DateOnly From, DateOnly To);

/// <summary>A test (subject) the group took, for the dialog's list.</summary>
public sealed record SubjectTaken(int Id, string Name, int CompletedCount);

/// <summary>A row of the Jobs page.</summary>
public sealed record BulkRequestView(int Id, BulkKind Kind, string GroupName, string SubjectName, string Language,
    DateOnly PeriodFrom, DateOnly PeriodTo, string RequestedByName, BulkStatus Status, int ItemsDone, int ItemsTotal, int ItemsFailed,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? OutputFileName, long? OutputBytes,
    DateTimeOffset? ExpiresAt, string? Error, IReadOnlyList<BulkFailureView> Failures)
{
    public bool CanRetry => Status is BulkStatus.Failed or BulkStatus.CompletedWithFailures;
}

public sealed record BulkFailureView(string ItemName, string Message, int Attempts);

/// <summary>A file ready to stream to its requester.</summary>
public sealed record BulkDownload(string Path, string FileName, string ContentType);

/// <summary>The file existed but expired and was (or will be) deleted: HTTP 410.</summary>
public sealed class BulkFileGoneException(int requestId) : Exception(UserText.Get<BulkErrors>("FileGone", requestId));

/// <summary>Creates, lists, retries bulk requests and hands out their files. Enforces privileges itself.</summary>
public sealed class BulkRequestService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AccountScope scope,
    AuditLog audit,
    IResultsQuery results,
    IBulkScheduler scheduler,
    IAccountFeed<BulkProgress> feed,
    IOptions<BulkOptions> options,
    TimeProvider time)
{
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    /// <summary>The tests the group (with its sub-groups) actually completed, for the dialog.</summary>
    public async Task<IReadOnlyList<SubjectTaken>> GetSubjectsTakenAsync(int groupId, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groupIds = (await GroupTree.LoadAsync(db, cancellationToken)).WithDescendants(groupId);
        var taken = await db.Registrations.AsNoTracking()
            .Where(r => groupIds.Contains(r.GroupId) && r.Status == RegistrationStatus.Completed)
            .GroupBy(r => r.SubjectId)
            .Select(g => new { SubjectId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ids = taken.Select(t => t.SubjectId).ToList();
        var names = await db.Subjects.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return [.. taken.Select(t => new SubjectTaken(t.SubjectId, names.GetValueOrDefault(t.SubjectId, "?"), t.Count))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Validates, stores the request, audits it and schedules its job. Returns its id.</summary>
    public async Task<int> CreateAsync(BulkRequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        scope.Demand(Privileges.GroupReports);
        if (BulkRequest.IsSendKind(input.Kind))
        {
            scope.Demand(Privileges.SendToCandidates);
        }

        if (!Enum.IsDefined(input.Kind))
        {
            throw new DomainRuleException(UserText.Get<BulkErrors>("ChooseAction"));
        }

        if (!Languages.Contains(input.Language))
        {
            throw new DomainRuleException(UserText.Get<BulkErrors>("ReportLanguage"));
        }

        if (input.From > input.To)
        {
            throw new DomainRuleException(UserText.Get<BulkErrors>("PeriodOrder"));
        }

        var adminId = scope.AdministratorId
            ?? throw new DomainRuleException(UserText.Get<BulkErrors>("RequestedByAdministrator"));
        var accountId = scope.RequireAccountId();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == input.GroupId, cancellationToken)
            ?? throw new DomainRuleException(UserText.Get<BulkErrors>("SelectGroup"));
        var subjects = await GetSubjectsTakenAsync(input.GroupId, cancellationToken);
        var subject = subjects.FirstOrDefault(s => s.Id == input.SubjectId)
            ?? throw new DomainRuleException(UserText.Get<BulkErrors>("GroupDidNotTake", group.Name));
        var admin = await db.Users.AsNoTracking()
            .Where(a => a.Id == adminId && a.AccountId == accountId)
            .Select(a => new { a.Email, a.DisplayName })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(UserText.Get<AccountsErrors>("AdministratorNotFound"));

        var filter = await GroupReportFilter.ForAsync(db, input.GroupId, input.SubjectId, input.From, input.To, cancellationToken);
        if (await results.CountAsync(filter, cancellationToken) == 0)
        {
            throw new DomainRuleException(UserText.Get<BulkErrors>("NoCandidateInPeriod", group.Name, subject.Name, input.From, input.To));
        }

        var request = new BulkRequest
        {
            AccountId = accountId,
            Kind = input.Kind,
            RequestedById = adminId,
            RequestedByEmail = admin.Email ?? "",
            RequestedByName = admin.DisplayName,
            GroupId = group.Id,
            GroupName = group.Name,
            SubjectId = subject.Id,
            SubjectName = subject.Name,
            Language = input.Language,
            PeriodFrom = input.From,
            PeriodTo = input.To,
            Status = BulkStatus.Queued,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, IsSendKindAudit(input.Kind), detail: FormattableString.Invariant(
            $"{input.Kind} request {request.Id}: group {group.Id} \"{group.Name}\", subject {subject.Id}, {input.Language}, {input.From:yyyy-MM-dd}..{input.To:yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);

        await scheduler.ScheduleAsync(request.Id, accountId, cancellationToken);
        feed.Publish(new BulkProgress(accountId, request.Id, request.Status, 0, 0, 0));
        return request.Id;
    }

    private static string IsSendKindAudit(BulkKind kind) =>
        BulkRequest.IsSendKind(kind) ? Accounts.AuditLog.Actions.BulkSend : Accounts.AuditLog.Actions.BulkRequest;

    /// <summary>The requests of the signed-in administrator (or of the whole account), newest first.</summary>
    public async Task<IReadOnlyList<BulkRequestView>> ListAsync(bool wholeAccount = false, int take = 100, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<BulkRequest>().AsNoTracking();
        if (!wholeAccount)
        {
            var adminId = scope.AdministratorId;
            query = query.Where(r => r.RequestedById == adminId);
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take)
            .Include(r => r.Failures)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToView)];
    }

    public async Task<BulkRequestView> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<BulkRequest>().AsNoTracking().Include(r => r.Failures)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException(UserText.Get<BulkErrors>("RequestNotFound"));
        return ToView(request);
    }

    /// <summary>Runs a failed request (or the failed items of a partly failed one) again.</summary>
    public async Task RetryAsync(int id, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<BulkRequest>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<BulkErrors>("RequestNotFound"));
        if (BulkRequest.IsSendKind(request.Kind))
        {
            scope.Demand(Privileges.SendToCandidates);
        }

        if (request.Status is not (BulkStatus.Failed or BulkStatus.CompletedWithFailures))
        {
            throw new DomainRuleException(UserText.Get<BulkErrors>("OnlyFailedRetried"));
        }

        request.Status = BulkStatus.Queued;
        request.Error = null;
        audit.Record(db, IsSendKindAudit(request.Kind), detail: FormattableString.Invariant($"retry of request {request.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        await scheduler.ScheduleAsync(request.Id, request.AccountId, cancellationToken);
        feed.Publish(new BulkProgress(request.AccountId, request.Id, request.Status, request.ItemsDone, request.ItemsTotal, request.ItemsFailed));
    }

    /// <summary>The file of a finished request of this account. Another account's id → NotFound; expired → Gone.</summary>
    public async Task<BulkDownload> GetDownloadAsync(int id, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<BulkRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<BulkErrors>("RequestNotFound"));
        if (request.OutputFileName is null || request.ExpiresAt is null)
        {
            throw new NotFoundException(UserText.Get<BulkErrors>("FileNotFound"));
        }

        if (request.ExpiresAt <= time.GetUtcNow() || request.OutputPath is null || !File.Exists(request.OutputPath))
        {
            throw new BulkFileGoneException(id);
        }

        return new BulkDownload(request.OutputPath, request.OutputFileName, request.OutputContentType ?? "application/octet-stream");
    }

    /// <summary>The absolute link that the email carries and the Jobs page uses.</summary>
    public static string DownloadPath(int requestId) => FormattableString.Invariant($"/download/bulk/{requestId}");

    public string DownloadUrl(int requestId) => options.Value.PublicBaseUrl.TrimEnd('/') + DownloadPath(requestId);

    private static BulkRequestView ToView(BulkRequest r) => new(r.Id, r.Kind, r.GroupName, r.SubjectName, r.Language,
        r.PeriodFrom, r.PeriodTo, r.RequestedByName, r.Status, r.ItemsDone, r.ItemsTotal, r.ItemsFailed, r.CreatedAt, r.StartedAt,
        r.FinishedAt, r.OutputFileName, r.OutputBytes, r.ExpiresAt, r.Error,
        [.. r.Failures.OrderBy(f => f.ItemName, StringComparer.CurrentCulture).Select(f => new BulkFailureView(f.ItemName, f.Message, f.Attempts))]);
}

/// <summary>Puts a request in the job store so it runs (again) in the background.</summary>
public interface IBulkScheduler
{
    Task ScheduleAsync(int requestId, int accountId, CancellationToken cancellationToken = default);
}
