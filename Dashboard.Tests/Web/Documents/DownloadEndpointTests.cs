using System.IO.Compression;
using System.Net;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Web.Documents;

public sealed class DownloadEndpointTests(DocumentsWebFactory factory) : IClassFixture<DocumentsWebFactory>, IAsyncLifetime
{
    private readonly DocumentsWebFactory _factory = factory;
    private int _accountId;
    private int _otherAccountId;

    public async Task InitializeAsync()
    {
        using var client = _factory.CreateClient(); // starts the app: database created and seeded
        await using var db = _factory.Database(null);
        var accounts = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        (_accountId, _otherAccountId) = (accounts[0], accounts[1]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Registration> CompletedAsync(int accountId)
    {
        await using var db = _factory.Database(accountId);
        return await db.Registrations.Include(r => r.Candidate).Where(r => r.Status == RegistrationStatus.Completed).OrderBy(r => r.Id).FirstAsync();
    }

    /// <summary>A certification of the account, made validated or not here so the test does not depend on the demo mix.</summary>
    private async Task<Registration> CertificationAsync(bool validated)
    {
        await using var db = _factory.Database(_accountId);
        var source = await db.Registrations.Include(r => r.Subject).Where(r => r.Status == RegistrationStatus.Completed && r.TestType != TestType.Certification)
            .OrderByDescending(r => r.Id).FirstAsync();
        source.TestType = TestType.Certification;
        source.Score = validated ? Math.Max(source.Subject!.CertificationThreshold, 1) : source.Subject!.CertificationThreshold - 1;
        source.Level = ScoreCalculator.LevelOn(source.Subject.Scale, source.Score.Value);
        source.ProctoringStatus = ProctoringStatus.Validated;
        // What the sitting recorder or the grading service does on completion: the issuer validates and numbers it.
        CertificateIssuer.Reevaluate(source, source.Subject, source.CompletedAt!.Value);
        Assert.Equal(validated, source.CertificateValidated);
        await db.SaveChangesAsync();
        return source;
    }

    [Fact]
    public async Task IndividualReportIsAPdfNamedAfterTheCandidate()
    {
        var registration = await CompletedAsync(_accountId);
        using var client = _factory.ClientFor(_accountId);

        var response = await client.GetAsync(new Uri($"/download/report/{registration.Id}?lang=fr", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith($"rapport-{registration.Id}-", disposition.FileNameStar);
        Assert.Contains(registration.Candidate!.LastName.Split(' ')[0], disposition.FileNameStar);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Rapport individuel", pdf.GetPage(1).Text);
        Assert.Contains($"{registration.Candidate.FirstName} {registration.Candidate.LastName}", pdf.GetPage(1).Text);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("attestation")]
    [InlineData("progression")]
    [InlineData("certificate")]
    public async Task AnotherAccountsRegistrationIsNotFound(string document)
    {
        var theirs = await CompletedAsync(_otherAccountId);
        using var client = _factory.ClientFor(_accountId);

        var response = await client.GetAsync(new Uri($"/download/{document}/{theirs.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task NonValidatedCertificationHasNoCertificateButAValidatedOneHas()
    {
        var refused = await CertificationAsync(validated: false);
        var granted = await CertificationAsync(validated: true);
        using var client = _factory.ClientFor(_accountId, Privileges.ViewResults | Privileges.ManageCertificates);

        var none = await client.GetAsync(new Uri($"/download/certificate/{refused.Id}", UriKind.Relative));
        var diploma = await client.GetAsync(new Uri($"/download/certificate/{granted.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, diploma.StatusCode);
        Assert.Equal("application/pdf", diploma.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await diploma.Content.ReadAsByteArrayAsync());
        Assert.Contains("CERTIFICATE", pdf.GetPage(1).Text);
    }

    [Fact]
    public async Task ExportContainsExactlyTheFilteredRowsAndNeedsTheExportPrivilege()
    {
        await using var db = _factory.Database(_accountId);
        var groupId = await db.Registrations.GroupBy(r => r.GroupId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var filter = ResultsFilter.Default with { GroupId = groupId, Status = RegistrationStatus.Completed };
        int total;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Dashboard.Core.Accounts.AccountScope>().SetSystem(_accountId);
            total = await scope.ServiceProvider.GetRequiredService<IResultsQuery>().CountAsync(filter);
        }

        using var client = _factory.ClientFor(_accountId);
        var response = await client.GetAsync(new Uri($"/download/export?group={groupId}&status=Completed", UriKind.Relative));
        using var viewer = _factory.ClientFor(_accountId, Privileges.ViewResults);
        var refused = await viewer.GetAsync(new Uri($"/download/export?group={groupId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var content = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = content.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.True(total > 0);
        Assert.Equal(total, rows.Count);
        Assert.All(rows, r => Assert.Equal("Completed", r["Status"]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AttestationsComeAsAZipAndAForeignIdRefusesTheWholeZip()
    {
        await using var db = _factory.Database(_accountId);
        var ids = await db.Registrations.Where(r => r.Status == RegistrationStatus.Completed || r.Status == RegistrationStatus.PendingGrading)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(3).ToListAsync();
        var theirs = await CompletedAsync(_otherAccountId);
        using var client = _factory.ClientFor(_accountId);

        var response = await client.GetAsync(new Uri($"/download/attestations?ids={string.Join(',', ids)}", UriKind.Relative));
        var refused = await client.GetAsync(new Uri($"/download/attestations?ids={ids[0]},{theirs.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(3, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.EndsWith(".pdf", e.Name));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task GroupReportAndSkillsFileNeedTheGroupReportsPrivilege()
    {
        await using var db = _factory.Database(_accountId);
        var pick = await db.Registrations.Where(r => r.Status == RegistrationStatus.Completed)
            .GroupBy(r => new { r.GroupId, r.SubjectId }).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var query = $"group={pick.GroupId}&subject={pick.SubjectId}&from=2025-01-01&to=2026-12-31";
        using var owner = _factory.ClientFor(_accountId);
        using var viewer = _factory.ClientFor(_accountId, Privileges.ViewResults | Privileges.Export);

        var report = await owner.GetAsync(new Uri($"/download/group-report?{query}&lang=fr", UriKind.Relative));
        var skills = await owner.GetAsync(new Uri($"/download/skills?{query}", UriKind.Relative));
        var refused = await viewer.GetAsync(new Uri($"/download/group-report?{query}", UriKind.Relative));
        var incomplete = await owner.GetAsync(new Uri("/download/group-report?subject=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using (var pdf = PdfDocument.Open(await report.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("Rapport de groupe", pdf.GetPage(1).Text);
        }

        Assert.Equal(HttpStatusCode.OK, skills.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", skills.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
    }

    [Fact]
    public async Task AnonymousRequestIsRefused()
    {
        var registration = await CompletedAsync(_accountId);
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri($"/download/report/{registration.Id}", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }
}
