using System.Net;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Web.Documents;

/// <summary>Certificates and attestations through the real host, signed in through the real form as each role.</summary>
public sealed class CertificateDownloadTests(ActingWebFactory factory) : IClassFixture<ActingWebFactory>, IAsyncLifetime
{
    private int _accountId;
    private int _otherAccountId;

    public async Task InitializeAsync()
    {
        using var client = factory.CreateClient(); // starts the app: database created and the demo world seeded
        await using var db = Database(null);
        var accounts = await db.Accounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        (_accountId, _otherAccountId) = (accounts[0], accounts[1]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DashboardDbContext Database(int? accountId)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(TestProvider.Options(factory.ConnectionString, factory.Provider), scope);
    }

    private async Task<HttpClient> SignedInAsync(int accountId, Privileges privileges)
    {
        var admin = await AccountsBuilder.CreateAdministratorAsync(factory.Services, accountId, privileges);
        return await SignedInClient.SignInAsync(factory, admin.Email!);
    }

    private async Task<int> CertifiedAsync(int accountId)
    {
        await using var db = Database(accountId);
        return await db.Registrations.Where(r => r.CertificateValidated && r.CertificateNumber != null).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
    }

    private static Uri[] Downloads(int id) =>
    [
        new($"/download/certificate/{id}", UriKind.Relative),
        new($"/download/attestation/{id}", UriKind.Relative),
        new($"/download/attestations?ids={id}", UriKind.Relative),
    ];

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Grader)]
    public async Task AnAdministratorWithoutManageCertificatesIsRefusedEveryCertificateAndAttestation(Privileges role)
    {
        var id = await CertifiedAsync(_accountId);
        using var client = await SignedInAsync(_accountId, role);

        foreach (var url in Downloads(id))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode} to a {role}");
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task AnOwnerDownloadsThemAndAnotherAccountsIdStaysNotFound()
    {
        var mine = await CertifiedAsync(_accountId);
        var theirs = await CertifiedAsync(_otherAccountId);
        using var owner = await SignedInAsync(_accountId, Privileges.Owner);

        foreach (var url in Downloads(mine))
        {
            var response = await owner.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode} to the owner");
        }

        foreach (var url in Downloads(theirs))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task DownloadingACertificateChangesNothingInTheDatabase()
    {
        var id = await CertifiedAsync(_accountId);
        Registration before;
        await using (var db = Database(_accountId))
        {
            before = await db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id);
        }

        using var owner = await SignedInAsync(_accountId, Privileges.Owner);
        var response = await owner.GetAsync(new Uri($"/download/certificate/{id}?lang=fr", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var after = Database(_accountId);
        var stored = await after.Registrations.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(before.Version, stored.Version);
        Assert.Equal(before.CertificateNumber, stored.CertificateNumber);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(before.CertificateNumber!, pdf.GetPage(1).Text);
    }

    [Fact]
    public async Task EveryDemoCertificateNumberHasTheIssuersSingleFormat()
    {
        await using var db = Database(null);
        var certificates = await db.Registrations.IgnoreQueryFilters().Where(r => r.CertificateValidated)
            .Select(r => new { r.Id, r.CompletedAt, r.CertificateNumber, r.CertificateVerificationCode }).ToListAsync();

        Assert.NotEmpty(certificates);
        Assert.All(certificates, c =>
        {
            Assert.Equal(CertificateIssuer.Number(c.CompletedAt!.Value.Year, c.Id), c.CertificateNumber);
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", c.CertificateVerificationCode);
        });
    }
}
