using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Accounts;

public sealed class RegistrationCancellationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);
    private readonly AccountsBuilder _accounts = new(database);

    private sealed record Setup(Account Account, Administrator Owner, CreditPack Pack, Registration Registration);

    private async Task<Setup> SetupAsync(RegistrationStatus status = RegistrationStatus.ToBeTaken, int remaining = 4)
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        var pack = await _accounts.CreditPackAsync(account, remaining: remaining);
        var subject = await _world.SubjectAsync();
        var candidate = await _world.CandidateAsync(await _world.GroupAsync(account));
        var registration = await _world.RegistrationAsync(candidate, subject, status, configure: r => r.CreditPackId = pack.Id);
        return new Setup(account, owner, pack, registration);
    }

    private async Task CancelAsync(Setup setup, Privileges privileges = Privileges.Owner, int? registrationId = null)
    {
        await using var scope = database.CreateScope(setup.Account.Id, setup.Owner.Id, privileges, "Olivia Owner");
        await scope.ServiceProvider.GetRequiredService<RegistrationCancellation>()
            .CancelAsync(registrationId ?? setup.Registration.Id, CancellationToken.None);
    }

    private async Task<(RegistrationStatus Status, int Remaining, int AuditEntries)> StateAsync(Setup setup)
    {
        await using var db = database.CreateDbContext(setup.Account.Id);
        var status = await db.Registrations.Where(r => r.Id == setup.Registration.Id).Select(r => r.Status).SingleAsync();
        var remaining = await db.CreditPacks.Where(p => p.Id == setup.Pack.Id).Select(p => p.RemainingQuantity).SingleAsync();
        var audits = await db.AuditEntries.CountAsync(e => e.RegistrationId == setup.Registration.Id && e.Action == AuditLog.Actions.Cancel);
        return (status, remaining, audits);
    }

    [Fact]
    public async Task CancellingATestNotYetTakenCancelsItAndRefundsOneCreditToItsPack()
    {
        var setup = await SetupAsync(remaining: 4);

        await CancelAsync(setup);

        var state = await StateAsync(setup);
        Assert.Equal(RegistrationStatus.Cancelled, state.Status);
        Assert.Equal(5, state.Remaining);
    }

    [Fact]
    public async Task CancellingTwiceIsRefusedWithAClearMessageAndRefundsOnlyOnce()
    {
        var setup = await SetupAsync(remaining: 4);
        await CancelAsync(setup);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => CancelAsync(setup));

        Assert.Equal("This registration is already cancelled.", error.Message);
        var state = await StateAsync(setup);
        Assert.Equal(5, state.Remaining);
        Assert.Equal(1, state.AuditEntries);
    }

    [Theory]
    [InlineData(RegistrationStatus.InProgress, "This test has already started")]
    [InlineData(RegistrationStatus.Completed, "This test has already been taken")]
    [InlineData(RegistrationStatus.PendingGrading, "This test has already been taken")]
    public async Task CancellingAStartedTestIsRefusedAndChangesNothing(RegistrationStatus status, string message)
    {
        var setup = await SetupAsync(status, remaining: 4);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => CancelAsync(setup));

        Assert.StartsWith(message, error.Message);
        Assert.Equal((status, 4, 0), await StateAsync(setup));
    }

    [Fact]
    public async Task ConcurrentDoubleCancelRefundsExactlyOnce()
    {
        var setup = await SetupAsync(remaining: 4);
        using var start = new ManualResetEventSlim();

        // Two scopes (two contexts, two connections) racing for the same registration.
        var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await CancelAsync(setup);
                return (Exception?)null;
            }
            catch (DomainRuleException e)
            {
                return e;
            }
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(racers);

        Assert.Single(outcomes, e => e is null);
        Assert.Single(outcomes, e => e is DomainRuleException);
        var state = await StateAsync(setup);
        Assert.Equal(RegistrationStatus.Cancelled, state.Status);
        Assert.Equal(5, state.Remaining);
        Assert.Equal(1, state.AuditEntries);
    }

    [Fact]
    public async Task AStaleCopyOfTheRegistrationIsRefusedByItsConcurrencyToken()
    {
        var setup = await SetupAsync();
        await using var stale = database.CreateDbContext(setup.Account.Id);
        var copy = await stale.Registrations.SingleAsync(r => r.Id == setup.Registration.Id);

        await CancelAsync(setup);
        copy.AdminComment = "edited from an old screen";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }

    [Fact]
    public async Task TheStatusChangeAndTheRefundCommitTogether()
    {
        var setup = await SetupAsync(remaining: 4);
        // The refund fails inside the database: the status change saved just before it must be rolled back.
        var (refuse, allow) = TestProvider.IsPostgres
            ? ("""
               CREATE FUNCTION refuse_refund() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refund refused'; END $$;
               CREATE TRIGGER refuse_refund BEFORE UPDATE OF "RemainingQuantity" ON "CreditPacks" FOR EACH ROW EXECUTE FUNCTION refuse_refund();
               """,
                """DROP TRIGGER refuse_refund ON "CreditPacks"; DROP FUNCTION refuse_refund();""")
            : ("CREATE TRIGGER refuse_refund BEFORE UPDATE OF RemainingQuantity ON CreditPacks BEGIN SELECT RAISE(ABORT, 'refund refused'); END;",
                "DROP TRIGGER refuse_refund;");
        await using (var db = database.CreateDbContext(null))
        {
            await db.Database.ExecuteSqlRawAsync(refuse);
        }

        try
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => CancelAsync(setup));
            Assert.Equal((RegistrationStatus.ToBeTaken, 4, 0), await StateAsync(setup));
        }
        finally
        {
            await using var db = database.CreateDbContext(null);
            await db.Database.ExecuteSqlRawAsync(allow);
        }
    }

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Grader)]
    [InlineData(Privileges.Owner & ~Privileges.CancelRegistrations)]
    public async Task AnAdministratorWithoutTheCancelPrivilegeCannotCancel(Privileges privileges)
    {
        var setup = await SetupAsync(remaining: 4);

        await Assert.ThrowsAsync<PrivilegeException>(() => CancelAsync(setup, privileges));

        Assert.Equal((RegistrationStatus.ToBeTaken, 4, 0), await StateAsync(setup));
    }

    [Fact]
    public async Task AnotherAccountsRegistrationIsNotFoundAndStaysUntouched()
    {
        var mine = await SetupAsync();
        var theirs = await SetupAsync(remaining: 4);

        await Assert.ThrowsAsync<NotFoundException>(() => CancelAsync(mine, registrationId: theirs.Registration.Id));

        Assert.Equal((RegistrationStatus.ToBeTaken, 4, 0), await StateAsync(theirs));
    }

    [Fact]
    public async Task CancellationIsAuditedWithWhoWhenAndBeforeAfter()
    {
        var setup = await SetupAsync(remaining: 4);

        await CancelAsync(setup);

        await using var db = database.CreateDbContext(setup.Account.Id);
        var entry = await db.AuditEntries.SingleAsync(e => e.RegistrationId == setup.Registration.Id);
        Assert.Equal(AuditLog.Actions.Cancel, entry.Action);
        Assert.Equal(setup.Owner.Id, entry.AdministratorId);
        Assert.Equal("Olivia Owner", entry.Actor);
        Assert.Equal(database.Time.GetUtcNow(), entry.At);
        var changes = AuditQuery.Changes(entry.Before, entry.After);
        Assert.Contains(new AuditChange("Status", "ToBeTaken", "Cancelled"), changes);
        Assert.Contains(new AuditChange("CreditsRemaining", "4", "5"), changes);
    }

    [Fact]
    public async Task CancellationIsPublishedToTheResultsFeedOfTheAccount()
    {
        var setup = await SetupAsync();
        var feed = database.Services.GetRequiredService<IAccountFeed<ResultsChange>>();
        var received = new TaskCompletionSource<ResultsChange>();
        using var subscription = feed.Subscribe(setup.Account.Id, change =>
        {
            received.TrySetResult(change);
            return Task.CompletedTask;
        });

        await CancelAsync(setup);

        var published = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(setup.Registration.Id, published.RegistrationId);
        Assert.Equal("cancelled", published.Kind);
    }

    [Fact]
    public async Task ARegistrationWithoutCreditPackIsCancelledWithoutRefund()
    {
        var setup = await SetupAsync(remaining: 4);
        await using (var db = database.CreateDbContext(setup.Account.Id))
        {
            await db.Registrations.Where(r => r.Id == setup.Registration.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreditPackId, (int?)null));
        }

        await CancelAsync(setup);

        Assert.Equal((RegistrationStatus.Cancelled, 4, 1), await StateAsync(setup));
    }
}
