using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Core.Sittings;

/// <summary>The simulator plays the first account of the whole database: each test opens a fresh one of its own.</summary>
public sealed class DemoSittingSimulatorTests
{
    [Fact]
    public async Task StepsPlaySittingsOfTheFirstAccountThroughToCompletionAndPendingGrading()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = new WorldBuilder(database);
        var first = await world.AccountAsync("First");
        var second = await world.AccountAsync("Second");
        var subject = await world.SubjectAsync("Writing", essays: 2);
        var quiz = await world.SubjectAsync("Excel");
        var candidate = await world.CandidateAsync(await world.GroupAsync(first));
        var waiting = new List<Registration>();
        for (var i = 0; i < 12; i++)
        {
            waiting.Add(await world.RegistrationAsync(candidate, i % 3 == 0 ? subject : quiz, RegistrationStatus.ToBeTaken,
                configure: r => r.ProctoringProfile = i % 2 == 0 ? ProctoringProfile.Video : ProctoringProfile.None));
        }

        var otherAccounts = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(second)), subject, RegistrationStatus.ToBeTaken);
        var changes = 0;
        using var subscription = database.Services.GetRequiredService<IAccountFeed<ResultsChange>>()
            .Subscribe(first.Id, _ => { Interlocked.Increment(ref changes); return Task.CompletedTask; });
        using var simulator = NewSimulator(database, maxQuestions: 8);

        var events = 0;
        for (var step = 0; step < 40; step++)
        {
            database.Time.Advance(TimeSpan.FromSeconds(3));
            events += await simulator.StepAsync(CancellationToken.None);
        }

        await using var db = database.CreateDbContext(first.Id);
        var statuses = await db.Registrations.Where(r => r.CandidateId == candidate.Id).Select(r => r.Status).ToListAsync();
        Assert.Contains(RegistrationStatus.PendingGrading, statuses);
        Assert.Contains(RegistrationStatus.Completed, statuses);
        Assert.True(await db.Responses.CountAsync(r => waiting.Select(w => w.Id).Contains(r.RegistrationId)) > 20);
        Assert.True(await db.Registrations.AnyAsync(r => r.Status == RegistrationStatus.Completed && r.Score != null && r.DurationSeconds > 0));
        Assert.Equal(events, Volatile.Read(ref changes));
        // Twelve waiting registrations for 40 steps: the simulator registered new candidates to keep a stock.
        Assert.True(await db.Registrations.CountAsync(r => r.CandidateId != candidate.Id) > 0);
        await using var other = database.CreateDbContext(second.Id);
        Assert.Equal(RegistrationStatus.ToBeTaken, (await other.Registrations.SingleAsync(r => r.Id == otherAccounts.Id)).Status);
    }

    [Fact]
    public async Task ManyStepsKeepAStockToBeTakenSpendOneCreditPerRegistrationAndNeverExhaustThePacks()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = new WorldBuilder(database);
        const int floor = 10;
        var account = await world.AccountAsync("Demo");
        var subject = await world.SubjectAsync("Excel");
        var group = await world.GroupAsync(account);
        var candidate = await world.CandidateAsync(group);
        var initial = new List<int>();
        for (var i = 0; i < floor + 2; i++)
        {
            initial.Add((await world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken)).Id);
        }

        var credits = new AccountsBuilder(database);
        await credits.CreditPackAsync(account, TestType.Evaluation, initial: 30, remaining: 30);
        await credits.CreditPackAsync(account, TestType.Certification, initial: 3, remaining: 3);
        using var simulator = NewSimulator(database, maxQuestions: 4, floor: floor, lowCredits: 5, packSize: 20);

        for (var step = 0; step < 300; step++)
        {
            database.Time.Advance(TimeSpan.FromSeconds(3));
            await simulator.StepAsync(CancellationToken.None);

            await using var db = database.CreateDbContext(account.Id);
            var toBeTaken = await db.Registrations.CountAsync(r => r.Status == RegistrationStatus.ToBeTaken);
            Assert.True(toBeTaken >= floor, $"step {step}: {toBeTaken} to be taken, below the floor of {floor}");
            Assert.True(await db.CreditPacks.AllAsync(p => p.RemainingQuantity >= 0), $"step {step}: a pack went negative");
        }

        await using var after = database.CreateDbContext(account.Id);
        var registered = await after.Registrations.Where(r => !initial.Contains(r.Id)).Select(r => new { r.CreditPackId, r.CandidateId }).ToListAsync();
        var packs = await after.CreditPacks.Select(p => new { p.Id, p.InitialQuantity, p.RemainingQuantity }).ToListAsync();
        // 300 steps start far more sittings than the 12 waiting and the 33 credits bought at first: new candidates and packs came.
        Assert.True(registered.Count > 50, $"{registered.Count} registered");
        Assert.True(registered.Select(r => r.CandidateId).Distinct().Count() > 50);
        Assert.DoesNotContain(registered, r => r.CandidateId == candidate.Id);
        Assert.All(registered, r => Assert.NotNull(r.CreditPackId));
        Assert.True(packs.Count > 2, "no pack was bought");
        Assert.All(packs, p => Assert.Equal(p.InitialQuantity - p.RemainingQuantity, registered.Count(r => r.CreditPackId == p.Id)));
        Assert.All(packs, p => Assert.InRange(p.RemainingQuantity, 0, p.InitialQuantity));
    }

    [Fact]
    public async Task AStepWithoutAnyAccountDoesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var simulator = NewSimulator(database, maxQuestions: 5);

        Assert.Equal(0, await simulator.StepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheHostedLoopRunsOnTheTimerAndStopsCleanly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync("First");
        var subject = await world.SubjectAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var registration = await world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken);
        using var simulator = NewSimulator(database, maxQuestions: 3, enabled: true);

        await simulator.StartAsync(CancellationToken.None);
        for (var i = 0; i < 50 && await StatusAsync() == RegistrationStatus.ToBeTaken; i++)
        {
            database.Time.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(50);
        }

        await simulator.StopAsync(CancellationToken.None);
        Assert.NotEqual(RegistrationStatus.ToBeTaken, await StatusAsync());
        Assert.True(simulator.ExecuteTask!.IsCompletedSuccessfully);

        async Task<RegistrationStatus> StatusAsync()
        {
            await using var db = database.CreateDbContext(account.Id);
            return await db.Registrations.Where(r => r.Id == registration.Id).Select(r => r.Status).SingleAsync();
        }
    }

    private static DemoSittingSimulator NewSimulator(TestDatabase database, int maxQuestions, bool enabled = false, int floor = 40, int lowCredits = 25, int packSize = 250) => new(
        database.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new DemoSimulatorOptions
        {
            Enabled = enabled, IntervalSeconds = 3, Seed = 7, MaxQuestionsPerSitting = maxQuestions, MaxConcurrentSittings = 4,
            ToBeTakenFloor = floor, LowCreditThreshold = lowCredits, PackSize = packSize,
        }),
        database.Time,
        NullLogger<DemoSittingSimulator>.Instance);
}
