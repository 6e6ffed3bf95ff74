using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>A group and all its sub-groups (any depth), within the current account.</summary>
internal static class GroupTree
{
    public static async Task<List<int>> WithDescendantsAsync(DashboardDbContext db, int groupId, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().Select(g => new { g.Id, g.ParentGroupId }).ToListAsync(cancellationToken);
        var children = groups.Where(g => g.ParentGroupId is not null).ToLookup(g => g.ParentGroupId!.Value, g => g.Id);
        var result = new HashSet<int>();
        if (groups.Any(g => g.Id == groupId))
        {
            var pending = new Queue<int>([groupId]);
            result.Add(groupId);
            while (pending.TryDequeue(out var id))
            {
                foreach (var child in children[id].Where(result.Add))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return [.. result];
    }
}
