using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Core.Documents;

/// <summary>The certificate: issued once with its number, kept, never written by a download.</summary>
public sealed class CertificateTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    [Fact]
    public async Task ValidatedCertificationGetsALandscapeDiplomaWithANumberThatIsKept()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account), "Åsa", "Ødegård-Łukasiewicz");
        var subject = await _world.World.SubjectAsync("Certified Excel", threshold: 551);
        var registration = await _world.CertificationAsync(candidate, subject, i => i < 5); // 5/6 → 834 Advanced
        await _world.IssueAsync(registration);

        await using var scope = database.CreateScope(account.Id);
        var documents = DocumentWorld.Documents(scope);
        var first = await documents.CertificateAsync(registration.Id, "en");
        var second = await documents.CertificateAsync(registration.Id, "fr");
        DocumentWorld.Keep("certificate-en.pdf", first.Content);
        DocumentWorld.Keep("certificate-fr.pdf", second.Content);

        await using var db = database.CreateDbContext(account.Id);
        var stored = await db.Registrations.SingleAsync(r => r.Id == registration.Id);
        Assert.Matches(@"^RD-2026-\d{7}$", stored.CertificateNumber);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", stored.CertificateVerificationCode);

        using var pdf = PdfDocument.Open(first.Content);
        var page = pdf.GetPage(1);
        Assert.Equal(1, pdf.NumberOfPages);
        Assert.True(page.Width > page.Height, "landscape");
        var english = page.Text;
        Assert.Contains("CERTIFICATE", english);
        Assert.Contains("Åsa Ødegård-Łukasiewicz", english);
        Assert.Contains("Certified Excel", english);
        Assert.Equal(834, registration.Score); // 1 + 999 × 5/6, rounded
        Assert.Contains("834", english);
        Assert.Contains("Advanced", english);
        Assert.Contains(stored.CertificateNumber!, english);
        Assert.Contains(stored.CertificateVerificationCode!, english);

        var french = DocumentWorld.PdfText(second.Content);
        Assert.Contains("CERTIFICAT", french);
        Assert.Contains("Nous certifions que", french);
        Assert.Contains("Avancé", french);
        Assert.Contains("Délivré le 27 novembre 2026", french);
        Assert.Contains(stored.CertificateNumber!, french); // same number the second time
    }

    [Theory]
    [InlineData("below threshold")]
    [InlineData("invalid sitting")]
    [InlineData("not validated")]
    [InlineData("evaluation")]
    public async Task CertificationThatIsNotValidatedHasNoCertificate(string why)
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account));
        var subject = await _world.World.SubjectAsync(threshold: 551);
        var registration = why switch
        {
            "below threshold" => await _world.CertificationAsync(candidate, subject, i => i < 2),
            "invalid sitting" => await _world.CertificationAsync(candidate, subject, _ => true, proctoring: ProctoringStatus.Invalid),
            "not validated" => await _world.CertificationAsync(candidate, subject, _ => true, validated: false),
            _ => await _world.SittingAsync(candidate, subject, _ => true, configure: r => r.CertificateValidated = true),
        };

        await using var scope = database.CreateScope(account.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => DocumentWorld.Documents(scope).CertificateAsync(registration.Id, "en"));
        await using var db = database.CreateDbContext(account.Id);
        Assert.Null((await db.Registrations.SingleAsync(r => r.Id == registration.Id)).CertificateNumber);
    }

    [Fact]
    public async Task DownloadingACertificateNeverWritesToTheRegistration()
    {
        var account = await _world.World.AccountAsync();
        var subject = await _world.World.SubjectAsync(threshold: 551);
        var issued = await _world.CertificationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject, _ => true);
        await _world.IssueAsync(issued);
        // A validated certification left without a number by an old version (it numbered on first download).
        var unnumbered = await _world.CertificationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject, _ => true);
        await using var before = database.CreateDbContext(account.Id);
        var versions = await before.Registrations.Where(r => r.Id == issued.Id || r.Id == unnumbered.Id).ToDictionaryAsync(r => r.Id, r => r.Version);

        await using var scope = database.CreateScope(account.Id);
        var documents = DocumentWorld.Documents(scope);
        var diploma = await documents.CertificateAsync(issued.Id, "en");
        await Assert.ThrowsAsync<NotFoundException>(() => documents.CertificateAsync(unnumbered.Id, "en"));

        await using var after = database.CreateDbContext(account.Id);
        var rows = await after.Registrations.Where(r => r.Id == issued.Id || r.Id == unnumbered.Id).ToDictionaryAsync(r => r.Id);
        Assert.Equal(versions[issued.Id], rows[issued.Id].Version);
        Assert.Equal(versions[unnumbered.Id], rows[unnumbered.Id].Version);
        Assert.Null(rows[unnumbered.Id].CertificateNumber);
        Assert.Contains(rows[issued.Id].CertificateNumber!, DocumentWorld.PdfText(diploma.Content));
    }

    [Fact]
    public async Task StartUpNumbersAValidatedCertificationLeftWithoutANumberOnce()
    {
        var account = await _world.World.AccountAsync();
        var subject = await _world.World.SubjectAsync(threshold: 551);
        var unnumbered = await _world.CertificationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject, _ => true,
            completedAt: new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero));
        var below = await _world.CertificationAsync(await _world.World.CandidateAsync(await _world.World.GroupAsync(account)), subject, i => i < 2);

        await using (var db = database.CreateDbContext(null))
        {
            await DatabaseInitializer.InitializeAsync(db); // what the app runs at every start
        }

        string first;
        await using (var db = database.CreateDbContext(account.Id))
        {
            var numbered = await db.Registrations.SingleAsync(r => r.Id == unnumbered.Id);
            first = numbered.CertificateNumber!;
            Assert.Equal($"RD-2025-{unnumbered.Id:D7}", first);
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", numbered.CertificateVerificationCode);
            Assert.Null((await db.Registrations.SingleAsync(r => r.Id == below.Id)).CertificateNumber);
        }

        await using (var db = database.CreateDbContext(null))
        {
            await DatabaseInitializer.InitializeAsync(db);
        }

        await using (var db = database.CreateDbContext(account.Id))
        {
            Assert.Equal(first, (await db.Registrations.SingleAsync(r => r.Id == unnumbered.Id)).CertificateNumber);
        }

        await using var scope = database.CreateScope(account.Id);
        Assert.Contains(first, DocumentWorld.PdfText((await DocumentWorld.Documents(scope).CertificateAsync(unnumbered.Id, "en")).Content));
    }
}
