using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Results;

/// <summary>
/// What a group report selects: the completed sittings of a group (with its sub-groups) on one test, over days of the
/// account's calendar. The group PDFs, the group bulk jobs and the Dashboard all select through it.
/// </summary>
public static class GroupReportFilter
{
    public static async Task<ResultsFilter> ForAsync(DashboardDbContext db, int groupId, int subjectId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var calendar = await AccountCalendar.LoadAsync(db, db.CurrentAccountId ?? 0, cancellationToken);
        var groups = await GroupTree.LoadAsync(db, cancellationToken);
        return Completed(OfGroup(groups, groupId) with { SubjectId = subjectId }, calendar, from, to);
    }

    /// <summary>
    /// A group with its sub-groups. A group chosen although archived (the Results page turns "Include archived
    /// groups" on for it) keeps its archived sub-groups, as the grid shows it; otherwise archived sub-groups are left out.
    /// </summary>
    internal static ResultsFilter OfGroup(GroupTree groups, int groupId) =>
        new() { GroupId = groupId, IncludeArchivedGroups = groups.IsUnderArchive(groupId) };

    /// <summary>Completed on the days <paramref name="from"/> to <paramref name="to"/> of the account.</summary>
    internal static ResultsFilter Completed(ResultsFilter filter, AccountCalendar calendar, DateOnly from, DateOnly to)
    {
        var (start, end) = calendar.Period(from, to);
        return filter with { Status = RegistrationStatus.Completed, CompletedFrom = start, CompletedTo = end };
    }
}
