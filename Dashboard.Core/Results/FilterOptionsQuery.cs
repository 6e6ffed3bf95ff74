using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>A group in the filter list: sub-groups follow their parent with <see cref="Depth"/> 1.</summary>
public sealed record GroupOption(int Id, string Name, int? ParentGroupId, bool IsArchived, int Depth);

public sealed record SessionOption(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn);

public sealed record SubjectOption(int Id, string Name);

/// <summary>The panel's choices, and the account's calendar (for "today").</summary>
public sealed record ResultsFilterOptions(IReadOnlyList<GroupOption> Groups, IReadOnlyList<SessionOption> Sessions, IReadOnlyList<SubjectOption> Subjects,
    AccountCalendar Calendar);

/// <summary>The choices of the Results filter panel for the current account.</summary>
public sealed class FilterOptionsQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    public async Task<ResultsFilterOptions> GetAsync(CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        var accountId = scope.RequireAccountId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await AccountCalendar.LoadAsync(db, accountId, cancellationToken);
        var groups = await db.Groups.AsNoTracking()
            .Select(g => new { g.Id, g.Name, g.ParentGroupId, g.IsArchived })
            .ToListAsync(cancellationToken);
        var sessions = await db.TestSessions.AsNoTracking()
            .OrderByDescending(s => s.StartsOn).ThenBy(s => s.Name)
            .Select(s => new SessionOption(s.Id, s.Name, s.StartsOn, s.EndsOn))
            .ToListAsync(cancellationToken);

        // Subjects are a global catalogue: offer only those the account has registrations for.
        var subjects = await db.Subjects.AsNoTracking()
            .Where(s => db.Registrations.Any(r => r.SubjectId == s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SubjectOption(s.Id, s.Name))
            .ToListAsync(cancellationToken);

        var byParent = groups.ToLookup(g => g.ParentGroupId);
        var ids = groups.Select(g => g.Id).ToHashSet();
        var ordered = new List<GroupOption>(groups.Count);
        void Add(int? parentId, int depth)
        {
            foreach (var g in byParent[parentId].OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase))
            {
                ordered.Add(new GroupOption(g.Id, g.Name, g.ParentGroupId, g.IsArchived, depth));
                Add(g.Id, depth + 1);
            }
        }

        Add(null, 0);

        // A group whose parent is not visible (should not happen) is still listed, at the top level.
        foreach (var g in groups.Where(g => g.ParentGroupId is { } p && !ids.Contains(p)))
        {
            ordered.Add(new GroupOption(g.Id, g.Name, g.ParentGroupId, g.IsArchived, 0));
            Add(g.Id, 1);
        }

        return new ResultsFilterOptions(ordered, sessions, subjects, calendar);
    }
}
