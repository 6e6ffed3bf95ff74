using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Core.Data;

public sealed class TenantFilterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task ContextSeesOnlyItsOwnAccountsRegistrations()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var a = await world.AccountAsync("A");
        var b = await world.AccountAsync("B");
        var mine = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(a)), subject);
        var theirs = await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(b)), subject);

        await using var db = database.CreateDbContext(a.Id);
        var ids = await db.Registrations.Select(r => r.Id).ToListAsync();

        Assert.Contains(mine.Id, ids);
        Assert.DoesNotContain(theirs.Id, ids);
        Assert.Null(await db.Registrations.FirstOrDefaultAsync(r => r.Id == theirs.Id));
    }

    [Fact]
    public async Task ContextWithoutAccountSeesNothing()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var a = await world.AccountAsync();
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(a)), subject);

        await using var db = database.CreateDbContext(null);

        Assert.Empty(await db.Registrations.ToListAsync());
        Assert.Empty(await db.Candidates.ToListAsync());
    }
}
