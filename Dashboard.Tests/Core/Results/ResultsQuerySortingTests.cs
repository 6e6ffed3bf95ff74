using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

public sealed class ResultsQuerySortingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private Account _account = null!;
    private readonly List<int> _all = [];

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var subjects = new[] { await world.SubjectAsync("Word"), await world.SubjectAsync("Excel"), await world.SubjectAsync("Word") };
        _account = await world.AccountAsync();
        var groups = new[] { await world.GroupAsync(_account, "Sales"), await world.GroupAsync(_account, "Finance"), await world.GroupAsync(_account, "Sales") };
        var names = new[] { ("Zoé", "Martin"), ("Anne", "Martin"), ("Émile", "Abadie"), ("Anne", "Martin") };
        var statuses = Enum.GetValues<RegistrationStatus>();
        var now = database.Time.GetUtcNow();
        for (var i = 0; i < 23; i++)
        {
            var (first, last) = names[i % names.Length];
            var candidate = await world.CandidateAsync(groups[i % groups.Length], first, last);
            var status = statuses[i % statuses.Length];
            var completed = now.AddHours(-(i % 4));
            // Ties everywhere: equal scores, equal dates, nulls for unfinished sittings.
            var registration = await world.RegistrationAsync(candidate, subjects[i % subjects.Length], status,
                score: 400 + (100 * (i % 3)), completedAt: completed);
            _all.Add(registration.Id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Filters whose totals come from the tallies and filters that need the registrations (search, session, period).</summary>
    public static TheoryData<string, bool, string> SortKeysUnderFilters()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (var key in ResultsSortKeys.All)
        {
            foreach (var filter in new[] { "status", "search", "period" })
            {
                data.Add(key, key.Length % 2 == 0, filter);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SortKeysUnderFilters))]
    public async Task PagesUnderAFilterHoldExactlyTheFilteredRowsInOrder(string key, bool descending, string filterName)
    {
        var filter = filterName switch
        {
            "status" => new ResultsFilter { Status = RegistrationStatus.Completed },
            "search" => new ResultsFilter { Search = "martin" },
            _ => new ResultsFilter { CompletedFrom = database.Time.GetUtcNow().AddHours(-2.5) },
        };
        var expected = await PageAsync(key, descending, 0, 1000, filter);
        Assert.InRange(expected.TotalCount, 2, _all.Count - 1);

        var rows = new List<ResultRow>();
        for (var page = 0; page * 3 < expected.TotalCount + 3; page++)
        {
            var result = await PageAsync(key, descending, page, 3, filter);
            Assert.Equal(expected.TotalCount, result.TotalCount);
            rows.AddRange(result.Rows);
        }

        Assert.Equal(expected.Rows.Select(r => r.Id), rows.Select(r => r.Id));
        Assert.Equal(expected.TotalCount, rows.Count);
    }

    [Fact]
    public async Task GroupSortKeepsGroupsOfTheSameNameTogetherOrderedById()
    {
        var page = await PageAsync(ResultsSortKeys.Group, descending: false, 0, 1000);

        var names = page.Rows.Select(r => r.GroupName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var sales = page.Rows.Where(r => r.GroupName == "Sales").Select(r => r.Id).ToList();
        Assert.Equal(sales.Order(), sales);
        Assert.Equal(2, page.Rows.Where(r => r.GroupName == "Sales").Select(r => r.GroupId).Distinct().Count());
    }

    private async Task<ResultsPage> PageAsync(string? sort, bool descending, int page, int pageSize, ResultsFilter? filter = null)
    {
        await using var scope = database.CreateScope(_account.Id);
        return await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(filter ?? ResultsFilter.Default, sort, descending, page, pageSize));
    }

    public static TheoryData<string, bool> SortKeys()
    {
        var data = new TheoryData<string, bool>();
        foreach (var key in ResultsSortKeys.All)
        {
            data.Add(key, false);
            data.Add(key, true);
        }

        return data;
    }

    private static IComparable? KeyOf(ResultRow row, string key) => key switch
    {
        ResultsSortKeys.Id => row.Id,
        ResultsSortKeys.Group => row.GroupName,
        ResultsSortKeys.Name => TextFold.SortName(row.LastName, row.FirstName),
        ResultsSortKeys.Test => row.SubjectName,
        ResultsSortKeys.Result => row.Score,
        ResultsSortKeys.Status => row.Status,
        ResultsSortKeys.StartedAt => row.StartedAt,
        ResultsSortKeys.CompletedAt => row.CompletedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static int Compare(IComparable? a, IComparable? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a is string s ? string.CompareOrdinal(s, (string)b) : a.CompareTo(b);

    [Theory]
    [MemberData(nameof(SortKeys))]
    public async Task PagesOfEverySortKeyConcatenateToEveryRowExactlyOnceInOrder(string key, bool descending)
    {
        var rows = new List<ResultRow>();
        for (var page = 0; ; page++)
        {
            var result = await PageAsync(key, descending, page, pageSize: 4);
            Assert.Equal(_all.Count, result.TotalCount);
            if (result.Rows.Count == 0)
            {
                break;
            }

            rows.AddRange(result.Rows);
        }

        Assert.Equal(_all.Order(), rows.Select(r => r.Id).Order());
        var sign = descending ? -1 : 1;
        for (var i = 1; i < rows.Count; i++)
        {
            var byKey = sign * Compare(KeyOf(rows[i - 1], key), KeyOf(rows[i], key));
            Assert.True(byKey < 0 || (byKey == 0 && sign * rows[i - 1].Id.CompareTo(rows[i].Id) < 0),
                $"{key} rows {rows[i - 1].Id} then {rows[i].Id} out of order");
        }
    }

    [Fact]
    public async Task UnknownSortKeySortsById()
    {
        var page = await PageAsync("LastName; DROP TABLE Registrations", descending: false, 0, 100);

        Assert.Equal(_all.Order(), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task PageBeyondTheEndIsEmptyWithTheTotal()
    {
        var page = await PageAsync(ResultsSortKeys.Name, descending: false, page: 50, pageSize: 10);

        Assert.Empty(page.Rows);
        Assert.Equal(_all.Count, page.TotalCount);
    }

    [Fact]
    public async Task LastPageHoldsTheRemainder()
    {
        var page = await PageAsync(ResultsSortKeys.Id, descending: false, page: 2, pageSize: 10);

        Assert.Equal(_all.Order().Skip(20), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task NegativePageAndTinyPageSizeAreClamped()
    {
        var page = await PageAsync(ResultsSortKeys.Id, descending: true, page: -3, pageSize: 0);

        Assert.Equal([_all.Max()], page.Rows.Select(r => r.Id));
        Assert.Equal(_all.Count, page.TotalCount);
    }

    [Fact]
    public async Task EmptyFilterResultHasNoRowsAndZeroTotal()
    {
        var page = await PageAsync(null, descending: true, 0, 25, new ResultsFilter { Search = "nobody-called-this" });

        Assert.Empty(page.Rows);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task DefaultRequestIsNewestRegistrationFirst()
    {
        await using var scope = database.CreateScope(_account.Id);
        var page = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(ResultsFilter.Default));

        Assert.Equal(_all.OrderDescending(), page.Rows.Select(r => r.Id));
    }
}
