using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Proctoring;

/// <summary>
/// The proctoring grid's query gives the rows a plain reading of the filter gives, in date order and by page: a guard
/// for its index-driven form (the incident filter as "Id IN (incidents of the kind)").
/// </summary>
public sealed class ProctoringGridQueryTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly ProctoringProfile[] Profiles = [ProctoringProfile.Video, ProctoringProfile.FullScreen, ProctoringProfile.RoomScan];
    private static readonly ProctoringStatus[] Statuses =
        [ProctoringStatus.PendingReview, ProctoringStatus.AwaitingDetails, ProctoringStatus.Validated, ProctoringStatus.Invalid];

    private readonly List<(Registration Sitting, List<IncidentKind> Kinds)> _sittings = [];
    private Account _account = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        _account = await world.AccountAsync();
        var subject = await world.SubjectAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(_account));
        var start = database.Time.GetUtcNow().AddDays(-5);
        for (var i = 0; i < 36; i++)
        {
            // 0 to 3 incidents; with 3 the first kind comes twice (one row all the same). Every fifth pair shares a start time.
            var kinds = Enumerable.Range(0, i % 4).Select(k => (IncidentKind)((i + (k % 2 * 3)) % 5)).ToList();
            var sitting = await world.RegistrationAsync(candidate, subject, configure: r =>
            {
                r.StartedAt = start.AddHours(i % 5 == 0 ? i + 1 : i);
                r.ProctoringProfile = Profiles[i % Profiles.Length];
                r.ProctoringStatus = Statuses[i % Statuses.Length];
                r.IncidentCount = kinds.Count;
            });
            await AddIncidentsAsync(_account.Id, sitting.Id, kinds);
            _sittings.Add((sitting, kinds));
        }

        // Incidents the grid must never show: a sitting not under proctoring, one not taken yet, another account's.
        var plain = await world.RegistrationAsync(candidate, subject, configure: r => r.IncidentCount = 1);
        await AddIncidentsAsync(_account.Id, plain.Id, [IncidentKind.SecondPerson]);
        var notTaken = await world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken, configure: r =>
        {
            r.ProctoringProfile = ProctoringProfile.Video;
            r.IncidentCount = 1;
        });
        await AddIncidentsAsync(_account.Id, notTaken.Id, [IncidentKind.SecondPerson]);
        var other = await world.AccountAsync("Other");
        var foreign = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(other)), subject, configure: r =>
        {
            r.ProctoringProfile = ProctoringProfile.Video;
            r.ProctoringStatus = ProctoringStatus.PendingReview;
            r.IncidentCount = 1;
        });
        await AddIncidentsAsync(other.Id, foreign.Id, [IncidentKind.SecondPerson]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<ProctoringFilter> Filters()
    {
        var filters = new TheoryData<ProctoringFilter> { new ProctoringFilter() };
        foreach (var kind in Enum.GetValues<IncidentKind>())
        {
            filters.Add(new ProctoringFilter(Incident: kind));
            filters.Add(new ProctoringFilter(Status: ProctoringStatus.PendingReview, Incident: kind));
            filters.Add(new ProctoringFilter(Profile: ProctoringProfile.Video, Incident: kind));
            filters.Add(new ProctoringFilter(ProctoringProfile.RoomScan, ProctoringStatus.Validated, kind));
        }

        filters.Add(new ProctoringFilter(Profile: ProctoringProfile.FullScreen));
        filters.Add(new ProctoringFilter(Status: ProctoringStatus.Invalid));
        return filters;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryPageInBothOrdersHoldsTheSittingsTheFilterDescribes(ProctoringFilter filter)
    {
        var expected = _sittings
            .Where(s => filter.Profile is not { } p || s.Sitting.ProctoringProfile == p)
            .Where(s => filter.Status is not { } st || s.Sitting.ProctoringStatus == st)
            .Where(s => filter.Incident is not { } k || s.Kinds.Contains(k))
            .Select(s => s.Sitting).ToList();
        var newestFirst = expected.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
        var oldestFirst = expected.OrderBy(r => r.StartedAt).ThenBy(r => r.Id).Select(r => r.Id).ToList();
        await using var scope = database.CreateScope(_account.Id, 7, Privileges.ViewResults | Privileges.ReviewProctoring);
        var service = scope.ServiceProvider.GetRequiredService<ProctoringReviewService>();

        foreach (var (order, oldest) in new[] { (newestFirst, false), (oldestFirst, true) })
        {
            var read = new List<int>();
            for (var skip = 0; skip <= expected.Count; skip += 4)
            {
                var page = await service.QueryAsync(filter, skip, 4, oldest, CancellationToken.None);
                Assert.Equal(expected.Count, page.Total);
                read.AddRange(page.Rows.Select(r => r.Id));
            }

            Assert.Equal(order, read);
        }

        var matching = await service.MatchingAsync(filter, CancellationToken.None);
        Assert.Equal(newestFirst, matching.Select(m => m.RegistrationId));
    }

    [Fact]
    public async Task ASittingWithTheSameKindTwiceIsOneRowThatListsTheKindOnce()
    {
        var twice = _sittings.First(s => s.Kinds.Count(k => k == IncidentKind.ExitFullScreen) == 2).Sitting;
        await using var scope = database.CreateScope(_account.Id, 7, Privileges.ViewResults | Privileges.ReviewProctoring);
        var page = await scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .QueryAsync(new ProctoringFilter(Incident: IncidentKind.ExitFullScreen), 0, 200, false, CancellationToken.None);

        Assert.Single(page.Rows, r => r.Id == twice.Id);
        Assert.Equal(1, page.Rows.Single(r => r.Id == twice.Id).IncidentKinds.Count(k => k == IncidentKind.ExitFullScreen));
        Assert.Equal(page.Rows.Count, page.Total);
    }

    private async Task AddIncidentsAsync(int accountId, int registrationId, IEnumerable<IncidentKind> kinds)
    {
        await using var db = database.CreateDbContext(accountId);
        db.ProctoringIncidents.AddRange(kinds.Select((kind, n) => new ProctoringIncident
        {
            RegistrationId = registrationId, Kind = kind, OccurredAt = database.Time.GetUtcNow().AddMinutes(-n),
        }));
        await db.SaveChangesAsync();
    }
}
