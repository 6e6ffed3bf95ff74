using System.IO.Compression;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Documents;

/// <summary>The sitting attestation, alone or in a zip, and the privilege both documents need.</summary>
public sealed class AttestationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    [Fact]
    public async Task AttestationShowsIdentityTestSessionTimesDurationAndProctoring()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account, "Compta"), "Benoît", "Ødegård");
        var subject = await _world.World.SubjectAsync("Word");
        var session = await _world.World.SessionAsync(account, "Session de novembre");
        var registration = await _world.World.RegistrationAsync(candidate, subject, session: session,
            completedAt: new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            configure: r => r.ProctoringProfile = ProctoringProfile.SecureBrowser);

        await using var scope = database.CreateScope(account.Id);
        var documents = DocumentWorld.Documents(scope);
        var english = DocumentWorld.PdfText((await documents.AttestationAsync(registration.Id, "en")).Content);
        var frenchFile = await documents.AttestationAsync(registration.Id, "fr");
        DocumentWorld.Keep("attestation-fr.pdf", frenchFile.Content);
        var french = DocumentWorld.PdfText(frenchFile.Content);

        Assert.Contains("Sitting attestation", english);
        Assert.Contains("Benoît Ødegård", english);
        Assert.Contains("Word", english);
        Assert.Contains("Session de novembre", english);
        Assert.Contains("20 November 2026, 09:35 (Europe/Paris)", english); // started 25 min before 10:00 Paris time
        Assert.Contains("20 November 2026, 10:00 (Europe/Paris)", english);
        Assert.Contains("25 min 00 s", english);
        Assert.Contains("Secure browser", english);

        Assert.Contains("Attestation de passage", french);
        Assert.Contains("20 novembre 2026 à 09:35 (Europe/Paris)", french);
        Assert.Contains("Navigateur sécurisé", french);
        Assert.Contains("MODE DE SURVEILLANCE", french);
    }

    [Theory]
    [InlineData(RegistrationStatus.ToBeTaken)]
    [InlineData(RegistrationStatus.InProgress)]
    [InlineData(RegistrationStatus.Cancelled)]
    public async Task SittingNotTakenHasNoAttestationAloneOrInAZip(RegistrationStatus status)
    {
        var account = await _world.World.AccountAsync();
        var subject = await _world.World.SubjectAsync();
        var registration = await _world.World.RegistrationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject, status);
        var taken = await _world.World.RegistrationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject);

        await using var scope = database.CreateScope(account.Id);
        var documents = DocumentWorld.Documents(scope);
        await Assert.ThrowsAsync<NotFoundException>(() => documents.AttestationAsync(registration.Id, "en"));
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<NotFoundException>(() => documents.AttestationsZipAsync([taken.Id, registration.Id], "en", output));
        Assert.Equal(0, output.Length);
        var list = await scope.ServiceProvider.GetRequiredService<AttestationList>().ListAsync(new AttestationListRequest(PageSize: 1000));
        Assert.DoesNotContain(list.Rows, r => r.RegistrationId == registration.Id);
        Assert.Contains(list.Rows, r => r.RegistrationId == taken.Id);
    }

    [Fact]
    public async Task SubmittedSittingPendingGradingHasAnAttestation()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account), "Léa", "Submitted");
        var registration = await _world.World.RegistrationAsync(candidate, await _world.World.SubjectAsync(), RegistrationStatus.PendingGrading);

        await using var scope = database.CreateScope(account.Id);
        var text = DocumentWorld.PdfText((await DocumentWorld.Documents(scope).AttestationAsync(registration.Id, "en")).Content);
        Assert.Contains("Léa Submitted", text);
        Assert.DoesNotContain("Not finished", text);
    }

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Grader)]
    [InlineData(Privileges.Owner & ~Privileges.ManageCertificates)]
    public async Task CertificatesAndAttestationsNeedTheManageCertificatesPrivilege(Privileges privileges)
    {
        var account = await _world.World.AccountAsync();
        var subject = await _world.World.SubjectAsync(threshold: 551);
        var registration = await _world.CertificationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject, _ => true);
        await _world.IssueAsync(registration);

        await using var scope = database.CreateScope(account.Id, 1, privileges);
        var documents = DocumentWorld.Documents(scope);
        await Assert.ThrowsAsync<PrivilegeException>(() => documents.CertificateAsync(registration.Id, "en"));
        await Assert.ThrowsAsync<PrivilegeException>(() => documents.AttestationAsync(registration.Id, "en"));
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<PrivilegeException>(() => documents.AttestationsZipAsync([registration.Id], "en", output));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task AttestationZipHasOnePdfPerSelectedSitting()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account);
        var subject = await _world.World.SubjectAsync();
        var ids = new List<int>();
        foreach (var (first, last) in new[] { ("Anne", "Martin"), ("Łukasz", "Nowak"), ("Chloé", "Dupré") })
        {
            var candidate = await _world.World.CandidateAsync(group, first, last);
            ids.Add((await _world.World.RegistrationAsync(candidate, subject, ids.Count == 0 ? RegistrationStatus.PendingGrading : RegistrationStatus.Completed)).Id);
        }

        await using var scope = database.CreateScope(account.Id);
        using var output = new MemoryStream();
        await DocumentWorld.Documents(scope).AttestationsZipAsync(ids, "en", output);

        output.Position = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Read);
        Assert.Equal(3, zip.Entries.Count);
        var names = new List<string>();
        foreach (var entry in zip.Entries)
        {
            using var buffer = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(buffer);
            }

            names.Add(DocumentWorld.PdfText(buffer.ToArray()));
        }

        Assert.Contains(names, t => t.Contains("Łukasz Nowak"));
        Assert.Contains(names, t => t.Contains("Chloé Dupré"));
        Assert.Contains(zip.Entries, e => e.Name.Contains("Nowak-Łukasz"));
    }

    [Fact]
    public async Task AttestationZipWithAnotherAccountsSittingIsRefusedBeforeWritingAnything()
    {
        var account = await _world.World.AccountAsync();
        var other = await _world.World.AccountAsync("Other");
        var subject = await _world.World.SubjectAsync();
        var mine = await _world.World.RegistrationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject);
        var theirs = await _world.World.RegistrationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(other)), subject);

        await using var scope = database.CreateScope(account.Id);
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<NotFoundException>(() => DocumentWorld.Documents(scope).AttestationsZipAsync([mine.Id, theirs.Id], "en", output));
        Assert.Equal(0, output.Length);
    }
}
