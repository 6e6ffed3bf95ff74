using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>The group and free-text criteria shared by the Certificates and Sitting attestation lists.</summary>
internal static class RegistrationListFilters
{
    /// <summary>
    /// The group including its sub-groups; without <paramref name="includeArchivedGroups"/>, never a registration of an
    /// archived group (or of a group under one) — the Results grid's rule.
    /// </summary>
    public static async Task<IQueryable<Registration>> InGroupAsync(IQueryable<Registration> query, DashboardDbContext db, int? groupId,
        bool includeArchivedGroups, CancellationToken cancellationToken)
    {
        if (groupId is null && includeArchivedGroups)
        {
            return query;
        }

        var tree = await GroupTree.LoadAsync(db, cancellationToken);
        if (groupId is { } id)
        {
            var groupIds = tree.WithDescendants(id);
            query = query.Where(r => groupIds.Contains(r.GroupId));
        }

        if (!includeArchivedGroups && tree.HiddenWhenArchivedAreExcluded() is { Count: > 0 } archived)
        {
            query = query.Where(r => !archived.Contains(r.GroupId));
        }

        return query;
    }

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

    /// <summary>Plain-text match (LIKE wildcards escaped) on names, email, test name, or the exact registration ID.</summary>
    public static IQueryable<Registration> Matching(IQueryable<Registration> query, string? search, bool includeCertificateNumber)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return query;
        }

        var term = search.Trim();
        var pattern = $"%{term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
        var id = int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
        return query.Where(r => r.Id == id
            || EF.Functions.Like(r.Candidate!.LastName, pattern, "\\")
            || EF.Functions.Like(r.Candidate.FirstName, pattern, "\\")
            || EF.Functions.Like(r.Candidate.Email, pattern, "\\")
            || EF.Functions.Like(r.Subject!.Name, pattern, "\\")
            || (includeCertificateNumber && EF.Functions.Like(r.CertificateNumber!, pattern, "\\")));
    }
}
