using Dashboard.Core.Data;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Results;

/// <summary>
/// The registrations of a <see cref="ResultsFilter"/> as a query to aggregate in the database (the Dashboard's GROUP BYs):
/// the same filter expression the grid pages through, never a copy of it.
/// </summary>
internal static class ResultsSelection
{
    public static async Task<IQueryable<Registration>> QueryAsync(DashboardDbContext db, ResultsFilter filter, CancellationToken cancellationToken) =>
        (await FilteredRegistrations.ApplyAsync(db, filter, await GroupTree.LoadAsync(db, cancellationToken), cancellationToken)).Rows;
}
