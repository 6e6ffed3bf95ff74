using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>The group and free-text criteria shared by the Certificates and Sitting attestation lists.</summary>
internal static class RegistrationListFilters
{
    /// <summary>The group including its sub-groups.</summary>
    public static async Task<IQueryable<Registration>> InGroupAsync(IQueryable<Registration> query, DashboardDbContext db, int? groupId,
        CancellationToken cancellationToken)
    {
        if (groupId is not { } id)
        {
            return query;
        }

        var groupIds = (await GroupTree.LoadAsync(db, cancellationToken)).WithDescendants(id);
        return query.Where(r => groupIds.Contains(r.GroupId));
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
