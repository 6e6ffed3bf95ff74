using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>The account's groups (a few hundred at most), loaded once per query to expand sub-groups and archiving.</summary>
internal sealed class GroupTree
{
    private readonly Dictionary<int, (int? ParentId, bool IsArchived)> _groups;
    private readonly ILookup<int, int> _children;

    private GroupTree(List<(int Id, string Name, int? ParentId, bool IsArchived)> groups)
    {
        _groups = groups.ToDictionary(g => g.Id, g => (g.ParentId, g.IsArchived));
        _children = groups.Where(g => g.ParentId is not null).ToLookup(g => g.ParentId!.Value, g => g.Id);
        Names = groups.ToDictionary(g => g.Id, g => g.Name);
    }

    public IReadOnlyDictionary<int, string> Names { get; }

    public static async Task<GroupTree> LoadAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Groups.AsNoTracking()
            .Select(g => new { g.Id, g.Name, g.ParentGroupId, g.IsArchived })
            .ToListAsync(cancellationToken);
        return new GroupTree(rows.Select(g => (g.Id, g.Name, g.ParentGroupId, g.IsArchived)).ToList());
    }

    /// <summary>The group and all its sub-groups, at any depth (an unknown id gives just itself: no rows).</summary>
    public List<int> WithDescendants(int groupId)
    {
        var result = new List<int> { groupId };
        var seen = new HashSet<int> { groupId };
        for (var i = 0; i < result.Count; i++)
        {
            foreach (var child in _children[result[i]])
            {
                if (seen.Add(child))
                {
                    result.Add(child);
                }
            }
        }

        return result;
    }

    /// <summary>Groups whose registrations are hidden by default: archived, or under an archived ancestor.</summary>
    public List<int> HiddenWhenArchivedAreExcluded() =>
        _groups.Keys.Where(IsUnderArchive).Order().ToList();

    /// <summary>Archived, or under an archived ancestor: hidden unless archived groups are included.</summary>
    public bool IsUnderArchive(int groupId)
    {
        var seen = new HashSet<int>();
        int? current = groupId;
        while (current is { } id && seen.Add(id) && _groups.TryGetValue(id, out var group))
        {
            if (group.IsArchived)
            {
                return true;
            }

            current = group.ParentId;
        }

        return false;
    }
}
