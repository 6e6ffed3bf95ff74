using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web.Accounts;

/// <summary>Signed in as account A, nothing of account B can be reached by its id; signed out, nothing at all.</summary>
public sealed class TenantIsolationTests(TwoTenantsWebFactory factory) : IClassFixture<TwoTenantsWebFactory>
{
    /// <summary>Every route and endpoint that takes a registration id (fixed in the common brief).</summary>
    public static TheoryData<string> RegistrationRoutes =>
    [
        "/results/analysis/{0}",
        "/grading/{0}",
        "/download/report/{0}",
        "/download/certificate/{0}",
        "/download/attestation/{0}",
    ];

    public static TheoryData<string> ProtectedPages =>
    [
        "/", "/results", "/clientadmin/AdminResultsWithTable", "/results/today", "/results/in-progress", "/results/dashboard",
        "/results/certificates", "/results/attestations", "/grading", "/jobs", "/admin/administrators", "/admin/audit",
        "/admin/api-keys", "/results/analysis/1", "/grading/1", "/download/report/1", "/download/certificate/1",
        "/download/attestation/1", "/account/access-denied",
    ];

    [Theory]
    [MemberData(nameof(RegistrationRoutes))]
    public async Task AnotherAccountsRegistrationIsNotFoundThroughEveryRoute(string route)
    {
        using var client = await SignedInClient.SignInAsync(factory, factory.A.Owner.Email!);

        foreach (var foreign in new[] { factory.B.ToBeTaken, factory.B.Certified })
        {
            using var response = await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, foreign.Id), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // Where the route exists, the same request for A's own registration is served: the 404 above is the tenant filter's.
        if (factory.MapsRoute(route))
        {
            using var own = await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, factory.A.Certified.Id), UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.NotFound, own.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task AnUnauthenticatedRequestIsSentToSignIn(string url)
    {
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheRouteCheckSeesTheAppsPagesAndEndpoints()
    {
        Assert.True(factory.MapsRoute("/admin/audit"));
        Assert.True(factory.MapsRoute("/account/logout"));
        Assert.False(factory.MapsRoute("/no/such/{0}"));
    }
}
