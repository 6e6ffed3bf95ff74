using Dashboard.Core.Data;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>The group choice shared by the Certificates and Sitting attestation lists (their rows come from <see cref="IResultsQuery"/>).</summary>
internal static class RegistrationListFilters
{
    /// <summary>The account's groups for a list's group choice: archived ones only when they are included.</summary>
    public static async Task<IReadOnlyList<Choice>> GroupChoicesAsync(DashboardDbContext db, bool includeArchivedGroups, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new Choice(g.Id, g.Name)).ToListAsync(cancellationToken);
        if (includeArchivedGroups)
        {
            return groups;
        }

        var hidden = (await GroupTree.LoadAsync(db, cancellationToken)).HiddenWhenArchivedAreExcluded().ToHashSet();
        return [.. groups.Where(g => !hidden.Contains(g.Id))];
    }
}
