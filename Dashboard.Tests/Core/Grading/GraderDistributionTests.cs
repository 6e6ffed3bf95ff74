using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Grading;

public sealed class GraderDistributionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    public static TheoryData<int, int> Combinations()
    {
        var data = new TheoryData<int, int>();
        for (var tests = 1; tests <= 12; tests++)
        {
            for (var graders = 1; graders <= 4; graders++)
            {
                data.Add(tests, graders);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task AssigningSpreadsTheTestsEvenlyAndTheSameWayEveryTime(int testCount, int graderCount)
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        var account = await world.AccountAsync();
        var owner = await people.AdministratorAsync(account, "Owner", Privileges.Owner);
        var graders = new List<Administrator>();
        for (var g = 0; g < graderCount; g++)
        {
            graders.Add(await people.AdministratorAsync(account, $"Grader {g}", Privileges.Grader));
        }

        var subject = await world.SubjectAsync(essays: 1);
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var tests = new List<Registration>();
        for (var t = 0; t < testCount; t++)
        {
            tests.Add(await people.PendingTestAsync(candidate, subject));
        }

        var graderIds = graders.Select(g => g.Id).ToList();
        var testIds = tests.Select(t => t.Id).ToList();
        var random = new Random(testCount * 31 + graderCount);

        var first = await AssignAsync(account, owner, [.. testIds.OrderBy(_ => random.Next())], [.. graderIds.OrderBy(_ => random.Next())]);
        var assigned = await AssignedGradersAsync(account, testIds);
        var second = await AssignAsync(account, owner, [.. testIds.OrderBy(_ => random.Next())], [.. graderIds.OrderBy(_ => random.Next())]);

        var counts = graderIds.Select(id => assigned.Count(a => a.Value == id)).ToList();
        Assert.Equal(testCount, counts.Sum());
        Assert.True(counts.Max() - counts.Min() <= 1, $"counts {string.Join(",", counts)}");
        Assert.Equal(Summary(first), Summary(second));
        Assert.Equal(assigned, await AssignedGradersAsync(account, testIds));
        Assert.Equal(GraderAssignment.ShareCounts(testCount, graderIds), graderIds.ToDictionary(id => id, id => assigned.Count(a => a.Value == id)));
        // Deterministic: tests by Id, round-robin over graders by Id.
        var expected = testIds.Order().Select((id, i) => (id, graderIds.Order().ElementAt(i % graderCount))).ToDictionary(x => x.id, x => (int?)x.Item2);
        Assert.Equal(expected, assigned);
    }

    private async Task<IReadOnlyList<GraderShare>> AssignAsync(Account account, Administrator owner, int[] tests, int[] graders)
    {
        await using var scope = database.CreateScope(account.Id, owner.Id, owner.Privileges);
        return await scope.ServiceProvider.GetRequiredService<GraderAssignment>().AssignAsync(tests, graders, CancellationToken.None);
    }

    private async Task<Dictionary<int, int?>> AssignedGradersAsync(Account account, List<int> testIds)
    {
        await using var db = database.CreateDbContext(account.Id);
        return await db.Registrations.Where(r => testIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.GraderId);
    }

    private static string Summary(IReadOnlyList<GraderShare> shares) =>
        string.Join(";", shares.Select(s => $"{s.GraderId}:{string.Join(",", s.RegistrationIds)}"));
}
