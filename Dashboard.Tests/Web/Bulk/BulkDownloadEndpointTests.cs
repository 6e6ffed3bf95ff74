using System.Net;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Accounts;

namespace Dashboard.Tests.Web.Bulk;

/// <summary>GET /download/bulk/{id}: the file to its account's administrators, 404 to others, 410 once expired.</summary>
public sealed class BulkDownloadEndpointTests(TwoTenantsWebFactory factory) : IClassFixture<TwoTenantsWebFactory>
{
    [Fact]
    public async Task TheFileIsServedToItsAccountNotFoundForAnotherAndGoneOnceExpired()
    {
        var content = "%PDF-1.4 group report"u8.ToArray();
        var ready = await RequestWithFileAsync(factory.A, content, DateTimeOffset.UtcNow.AddHours(1));
        var expired = await RequestWithFileAsync(factory.A, content, DateTimeOffset.UtcNow.AddHours(-1));

        using (var owner = await SignedInClient.SignInAsync(factory, factory.A.Owner.Email!))
        {
            using var response = await owner.GetAsync(new Uri($"/download/bulk/{ready}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("Group report.pdf", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);

            using var gone = await owner.GetAsync(new Uri($"/download/bulk/{expired}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        }

        using (var stranger = await SignedInClient.SignInAsync(factory, factory.B.Owner.Email!))
        {
            using var response = await stranger.GetAsync(new Uri($"/download/bulk/{ready}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var signedOut = await anonymous.GetAsync(new Uri($"/download/bulk/{ready}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.True(signedOut.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, signedOut.StatusCode.ToString());
    }

    private async Task<int> RequestWithFileAsync(WebTenant tenant, byte[] content, DateTimeOffset expiresAt)
    {
        var path = Path.Combine(factory.DataDirectory, "bulk-endpoint", $"{Guid.NewGuid():N}.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        var scope = new AccountScope();
        scope.SetSystem(tenant.Account.Id);
        await using var db = new DashboardDbContext(TestProvider.Options(factory.ConnectionString), scope);
        var request = new BulkRequest
        {
            AccountId = tenant.Account.Id, Kind = BulkKind.GroupReport, RequestedById = tenant.Owner.Id, RequestedByEmail = tenant.Owner.Email!,
            RequestedByName = tenant.Owner.DisplayName, GroupId = tenant.ToBeTaken.GroupId, GroupName = "Sales", SubjectId = tenant.ToBeTaken.SubjectId,
            SubjectName = "Excel", Language = "en", PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 12, 31),
            Status = BulkStatus.Completed, ItemsTotal = 1, ItemsDone = 1, OutputPath = path, OutputFileName = "Group report.pdf",
            OutputContentType = "application/pdf", OutputBytes = content.Length, ExpiresAt = expiresAt, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }
}
