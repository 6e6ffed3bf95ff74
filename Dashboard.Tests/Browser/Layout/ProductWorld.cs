using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Browser.Layout;

/// <summary>
/// The real app on a real port with the demo world, made harder to lay out: every candidate of the demo account has a
/// long name, one group a long name, a few pending tests are assigned to the owner (their grading queue) and the owner has
/// a finished request under My requests.
/// </summary>
public sealed class ProductWorld : IAsyncLifetime
{
    public const string Password = "Demo-2026!";
    public const string OwnerEmail = "owner@acme.test";
    public const string ViewerEmail = "viewer@acme.test";
    public const string LongNameSuffix = "-Wolfeschlegelsteinhausen-Montmorency";
    public const string LongGroupName = "Sales North — Regional key accounts and strategic partnerships";

    public DashboardWebFactory Factory { get; } = new();

    /// <summary>A group with tests pending grading (for the toolbar's "Assign to graders" with rows selected).</summary>
    public int PendingGroupId { get; private set; }

    /// <summary>A completed registration (its analysis page).</summary>
    public int CompletedRegistrationId { get; private set; }

    /// <summary>A pending test assigned to the owner (the grading screen).</summary>
    public int OwnersPendingRegistrationId { get; private set; }

    public async Task InitializeAsync()
    {
        Factory.StartKestrel();
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(1);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

        await db.Candidates.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.LastName, c => c.LastName + LongNameSuffix)
            .SetProperty(c => c.FirstName, c => c.FirstName + "-Marie-Alexandrine"));
        await db.Groups.Where(g => g.Name == "Sales North").ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, LongGroupName));

        var owner = await db.Users.AsNoTracking().SingleAsync(u => u.Email == OwnerEmail);
        var pending = await db.Registrations.Where(r => r.Status == RegistrationStatus.PendingGrading)
            .OrderByDescending(r => r.Id).Select(r => new { r.Id, r.GroupId }).ToListAsync();
        PendingGroupId = pending.GroupBy(r => r.GroupId).OrderByDescending(g => g.Count()).First().Key;
        var mine = pending.Take(3).Select(r => r.Id).ToList();
        await db.Registrations.Where(r => mine.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.GraderId, owner.Id));
        OwnersPendingRegistrationId = mine[0];
        CompletedRegistrationId = await db.Registrations.Where(r => r.Status == RegistrationStatus.Completed && r.Score != null)
            .OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();

        var group = await db.Groups.AsNoTracking().FirstAsync(g => g.Id == PendingGroupId);
        var subject = await db.Subjects.AsNoTracking().OrderBy(s => s.Id).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        db.Add(new BulkRequest
        {
            AccountId = 1, Kind = BulkKind.GroupReport, RequestedById = owner.Id, RequestedByEmail = OwnerEmail,
            RequestedByName = owner.DisplayName, GroupId = group.Id, GroupName = group.Name, SubjectId = subject.Id,
            SubjectName = subject.Name, Language = "en", PeriodFrom = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-1),
            PeriodTo = DateOnly.FromDateTime(now.UtcDateTime), Status = BulkStatus.Completed, ItemsTotal = 12, ItemsDone = 12,
            OutputFileName = "group-report.pdf", OutputContentType = "application/pdf", OutputBytes = 1024,
            ExpiresAt = now.AddDays(7), CreatedAt = now.AddMinutes(-5), StartedAt = now.AddMinutes(-5), FinishedAt = now.AddMinutes(-4),
            RunCount = 1,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Every page of the product a signed-in owner can open, with this world's ids where a page needs one.</summary>
    public IReadOnlyList<string> EveryPage() =>
    [
        "/results", "/results/today", "/results/in-progress", "/results/dashboard",
        string.Create(CultureInfo.InvariantCulture, $"/results/analysis/{CompletedRegistrationId}"),
        "/results/certificates", "/results/attestations", "/grading",
        string.Create(CultureInfo.InvariantCulture, $"/grading/{OwnersPendingRegistrationId}"),
        "/jobs", "/admin/administrators", "/admin/audit", "/admin/api-keys", "/proctoring",
    ];

    public async Task<int> GroupIdAsync(string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(1);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
