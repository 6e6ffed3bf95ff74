using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Accounts;

public sealed class AuditQueryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);

    private async Task AddAsync(Account account, string actor, string action, int? registrationId, DateTimeOffset at,
        object? before = null, object? after = null)
    {
        await using var db = database.CreateDbContext(account.Id);
        db.AuditEntries.Add(new AuditEntry
        {
            AccountId = account.Id, Actor = actor, Action = action, RegistrationId = registrationId, At = at,
            Before = before is null ? null : System.Text.Json.JsonSerializer.Serialize(before),
            After = after is null ? null : System.Text.Json.JsonSerializer.Serialize(after),
        });
        await db.SaveChangesAsync();
    }

    private async Task<AuditPage> QueryAsync(Account account, AuditFilter filter, int page = 0, int pageSize = 50,
        Privileges privileges = Privileges.Owner)
    {
        await using var scope = database.CreateScope(account.Id, 1, privileges);
        return await scope.ServiceProvider.GetRequiredService<AuditQuery>().QueryAsync(filter, page, pageSize, CancellationToken.None);
    }

    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachFilterKeepsOnlyTheMatchingEntries()
    {
        var account = await _world.AccountAsync();
        await AddAsync(account, "Olivia", AuditLog.Actions.Cancel, 7, Noon);
        await AddAsync(account, "Gaston", AuditLog.Actions.Grade, 8, Noon.AddDays(1));
        await AddAsync(account, "Olivia", AuditLog.Actions.Grade, 9, Noon.AddDays(5));

        Assert.Equal([9, 8], (await QueryAsync(account, new AuditFilter(Action: AuditLog.Actions.Grade))).Rows.Select(r => r.RegistrationId));
        Assert.Equal([9, 7], (await QueryAsync(account, new AuditFilter(Actor: "Olivia"))).Rows.Select(r => r.RegistrationId));
        Assert.Equal([8], (await QueryAsync(account, new AuditFilter(RegistrationId: 8))).Rows.Select(r => r.RegistrationId));
        Assert.Equal([8, 7], (await QueryAsync(account, new AuditFilter(From: new DateOnly(2026, 11, 20), To: new DateOnly(2026, 11, 21))))
            .Rows.Select(r => r.RegistrationId));
    }

    [Fact]
    public async Task DateRangeUsesTheAccountsDaysBothInclusive()
    {
        var account = await _world.AccountAsync(); // Europe/Paris: UTC+1 in November
        await AddAsync(account, "a", AuditLog.Actions.Cancel, 1, new DateTimeOffset(2026, 11, 19, 22, 59, 0, TimeSpan.Zero)); // 19th, 23:59 Paris
        await AddAsync(account, "a", AuditLog.Actions.Cancel, 2, new DateTimeOffset(2026, 11, 19, 23, 0, 0, TimeSpan.Zero)); // 20th, 00:00 Paris
        await AddAsync(account, "a", AuditLog.Actions.Cancel, 3, new DateTimeOffset(2026, 11, 20, 22, 59, 0, TimeSpan.Zero)); // 20th, 23:59 Paris

        var page = await QueryAsync(account, new AuditFilter(From: new DateOnly(2026, 11, 20), To: new DateOnly(2026, 11, 20)));

        Assert.Equal([3, 2], page.Rows.Select(r => r.RegistrationId));
    }

    [Fact]
    public async Task PagesAreNewestFirstWithTheTotalOfAllMatches()
    {
        var account = await _world.AccountAsync();
        for (var i = 1; i <= 5; i++)
        {
            await AddAsync(account, "a", AuditLog.Actions.Cancel, i, Noon.AddMinutes(i));
        }

        var second = await QueryAsync(account, new AuditFilter(), page: 1, pageSize: 2);

        Assert.Equal(5, second.Total);
        Assert.Equal([3, 2], second.Rows.Select(r => r.RegistrationId));
    }

    [Fact]
    public async Task OnlyTheAccountsOwnEntriesAreVisible()
    {
        var mine = await _world.AccountAsync();
        var theirs = await _world.AccountAsync("Globex");
        await AddAsync(mine, "me", AuditLog.Actions.Cancel, 1, Noon);
        await AddAsync(theirs, "them", AuditLog.Actions.Cancel, 2, Noon);

        var page = await QueryAsync(mine, new AuditFilter());

        Assert.Equal("me", Assert.Single(page.Rows).Actor);
        await using var scope = database.CreateScope(mine.Id, 1, Privileges.Owner);
        Assert.Equal(["me"], await scope.ServiceProvider.GetRequiredService<AuditQuery>().ActorsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task BeforeAndAfterAreShownFieldByField()
    {
        var account = await _world.AccountAsync();
        await AddAsync(account, "a", AuditLog.Actions.Cancel, 1, Noon,
            before: new { Status = "ToBeTaken", CreditsRemaining = 4 }, after: new { Status = "Cancelled", CreditsRemaining = 5, Note = "x" });

        var row = Assert.Single((await QueryAsync(account, new AuditFilter())).Rows);

        Assert.Equal(
            [new AuditChange("Status", "ToBeTaken", "Cancelled"), new AuditChange("CreditsRemaining", "4", "5"), new AuditChange("Note", null, "x")],
            row.Changes);
    }

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Owner & ~Privileges.ManageAdministrators)]
    public async Task OnlyOwnersReadTheAuditLog(Privileges privileges)
    {
        var account = await _world.AccountAsync();

        await Assert.ThrowsAsync<PrivilegeException>(() => QueryAsync(account, new AuditFilter(), privileges: privileges));
    }
}
