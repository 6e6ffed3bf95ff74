using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Core.Sittings;

public sealed class DemoSittingSimulatorTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private WorldBuilder _world = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _world = new WorldBuilder(_database);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task StepsPlaySittingsOfTheFirstAccountThroughToCompletionAndPendingGrading()
    {
        var first = await _world.AccountAsync("First");
        var second = await _world.AccountAsync("Second");
        var subject = await _world.SubjectAsync("Writing", essays: 2);
        var quiz = await _world.SubjectAsync("Excel");
        var candidate = await _world.CandidateAsync(await _world.GroupAsync(first));
        var waiting = new List<Registration>();
        for (var i = 0; i < 12; i++)
        {
            waiting.Add(await _world.RegistrationAsync(candidate, i % 3 == 0 ? subject : quiz, RegistrationStatus.ToBeTaken,
                configure: r => r.ProctoringProfile = i % 2 == 0 ? ProctoringProfile.Video : ProctoringProfile.None));
        }

        var otherAccounts = await _world.RegistrationAsync(await _world.CandidateAsync(await _world.GroupAsync(second)), subject, RegistrationStatus.ToBeTaken);
        var changes = 0;
        using var subscription = _database.Services.GetRequiredService<IResultsFeed>()
            .Subscribe(first.Id, _ => { Interlocked.Increment(ref changes); return Task.CompletedTask; });
        using var simulator = NewSimulator(maxQuestions: 8);

        var events = 0;
        for (var step = 0; step < 40; step++)
        {
            _database.Time.Advance(TimeSpan.FromSeconds(3));
            events += await simulator.StepAsync(CancellationToken.None);
        }

        await using var db = _database.CreateDbContext(first.Id);
        var statuses = await db.Registrations.Where(r => r.CandidateId == candidate.Id).Select(r => r.Status).ToListAsync();
        Assert.Contains(RegistrationStatus.PendingGrading, statuses);
        Assert.Contains(RegistrationStatus.Completed, statuses);
        Assert.True(await db.Responses.CountAsync(r => waiting.Select(w => w.Id).Contains(r.RegistrationId)) > 20);
        Assert.True(await db.Registrations.AnyAsync(r => r.Status == RegistrationStatus.Completed && r.Score != null && r.DurationSeconds > 0));
        Assert.Equal(events, Volatile.Read(ref changes));
        // Twelve waiting registrations for 40 steps: the simulator registered the candidate again once they ran out.
        Assert.True(statuses.Count > waiting.Count);
        await using var other = _database.CreateDbContext(second.Id);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await other.Registrations.SingleAsync(r => r.Id == otherAccounts.Id)).Status);
    }

    [Fact]
    public async Task AStepWithoutAnyAccountDoesNothing()
    {
        using var simulator = NewSimulator(maxQuestions: 5);

        Assert.Equal(0, await simulator.StepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheHostedLoopRunsOnTheTimerAndStopsCleanly()
    {
        var account = await _world.AccountAsync("First");
        var subject = await _world.SubjectAsync();
        var candidate = await _world.CandidateAsync(await _world.GroupAsync(account));
        var registration = await _world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken);
        using var simulator = NewSimulator(maxQuestions: 3, enabled: true);

        await simulator.StartAsync(CancellationToken.None);
        for (var i = 0; i < 50 && await StatusAsync() == RegistrationStatus.ToBeTaken; i++)
        {
            _database.Time.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(50);
        }

        await simulator.StopAsync(CancellationToken.None);
        Assert.NotEqual(RegistrationStatus.ToBeTaken, await StatusAsync());
        Assert.True(simulator.ExecuteTask!.IsCompletedSuccessfully);

        async Task<RegistrationStatus> StatusAsync()
        {
            await using var db = _database.CreateDbContext(account.Id);
            return await db.Registrations.Where(r => r.Id == registration.Id).Select(r => r.Status).SingleAsync();
        }
    }

    private DemoSittingSimulator NewSimulator(int maxQuestions, bool enabled = false) => new(
        _database.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new DemoSimulatorOptions { Enabled = enabled, IntervalSeconds = 3, Seed = 7, MaxQuestionsPerSitting = maxQuestions, MaxConcurrentSittings = 4 }),
        _database.Time,
        NullLogger<DemoSittingSimulator>.Instance);
}
