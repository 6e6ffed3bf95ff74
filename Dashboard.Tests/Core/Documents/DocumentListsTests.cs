using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Documents;

/// <summary>The Certificates and Sitting attestation lists select like the Results grid: its search, its archiving rule.</summary>
public sealed class DocumentListsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    [Theory]
    [InlineData("helene")]
    [InlineData("HELENE dupre")]
    [InlineData("Hélène")]
    public async Task CertificateSearchFindsANameWhateverItsAccents(string search)
    {
        var (account, helene, _) = await TwoCertifiedAsync();

        var names = await CertificateNamesAsync(account.Id, new CertificateListRequest(Search: search));

        Assert.Equal([$"{helene.FirstName} {helene.LastName}"], names);
    }

    [Fact]
    public async Task AttestationSearchFindsANameWhateverItsAccents()
    {
        var (account, helene, _) = await TwoCertifiedAsync();

        await using var scope = database.CreateScope(account.Id);
        var page = await scope.ServiceProvider.GetRequiredService<AttestationList>().ListAsync(new AttestationListRequest(Search: "helene"));

        Assert.Equal([$"{helene.FirstName} {helene.LastName}"], page.Rows.Select(r => $"{r.FirstName} {r.LastName}"));
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task ACertificateIsFoundByItsNumber()
    {
        var (account, _, other) = await TwoCertifiedAsync();
        await using (var db = database.CreateDbContext(account.Id))
        {
            var registration = await db.Registrations.SingleAsync(r => r.CandidateId == other.Id);
            registration.CertificateNumber = "RD-2026-0424242";
            await db.SaveChangesAsync();
        }

        var names = await CertificateNamesAsync(account.Id, new CertificateListRequest(Search: "rd-2026-04242"));

        Assert.Equal([$"{other.FirstName} {other.LastName}"], names);
    }

    [Fact]
    public async Task ArchivedGroupsAreHiddenFromBothListsUntilTheToggleIncludesThem()
    {
        var account = await _world.World.AccountAsync();
        var subject = await _world.World.SubjectAsync("Excel", skills: 1, questionsPerSkill: 2);
        var current = await _world.World.CandidateAsync(await _world.World.GroupAsync(account, "Current"), "Alice", "Actuelle");
        var archived = await _world.World.GroupAsync(account, "Old", archived: true);
        var gone = await _world.World.CandidateAsync(await _world.World.GroupAsync(account, "Old north", archived), "Bruno", "Ancien");
        await _world.CertificationAsync(current, subject, _ => true);
        await _world.CertificationAsync(gone, subject, _ => true);

        await using var scope = database.CreateScope(account.Id);
        var attestations = scope.ServiceProvider.GetRequiredService<AttestationList>();

        Assert.Equal(["Alice Actuelle"], await CertificateNamesAsync(account.Id, new CertificateListRequest()));
        Assert.Equal(["Alice Actuelle", "Bruno Ancien"], (await CertificateNamesAsync(account.Id, new CertificateListRequest(IncludeArchivedGroups: true))).Order());
        Assert.Equal(["Alice Actuelle"], (await attestations.ListAsync(new AttestationListRequest())).Rows.Select(r => $"{r.FirstName} {r.LastName}"));
        Assert.Equal(2, (await attestations.ListAsync(new AttestationListRequest(IncludeArchivedGroups: true))).TotalCount);
    }

    private async Task<(Account Account, Candidate Helene, Candidate Other)> TwoCertifiedAsync()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Ventes");
        var subject = await _world.World.SubjectAsync("Excel", skills: 1, questionsPerSkill: 2);
        var helene = await _world.World.CandidateAsync(group, "Hélène", "Dupré", email: "h.d@example.test"); // the email does not spell the name
        var other = await _world.World.CandidateAsync(group, "Marc", "Martin");
        await _world.CertificationAsync(helene, subject, _ => true);
        await _world.CertificationAsync(other, subject, _ => true);
        return (account, helene, other);
    }

    private async Task<List<string>> CertificateNamesAsync(int accountId, CertificateListRequest request)
    {
        await using var scope = database.CreateScope(accountId);
        var page = await scope.ServiceProvider.GetRequiredService<CertificateList>().ListAsync(request);
        Assert.Equal(page.Rows.Count, page.TotalCount);
        return [.. page.Rows.Select(r => $"{r.FirstName} {r.LastName}")];
    }
}
