using System.Net;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web.Accounts;

public sealed class SignInTests(TwoTenantsWebFactory factory) : IClassFixture<TwoTenantsWebFactory>
{
    private Task<Administrator> NewAdministratorAsync(Privileges privileges = Privileges.Owner) =>
        AccountsBuilder.CreateAdministratorAsync(factory.Services, factory.A.Account.Id, privileges);

    [Fact]
    public async Task TheRightPasswordSignsInAndOpensTheResults()
    {
        using var client = SignedInClient.Anonymous(factory);

        using var response = await SignedInClient.PostSignInAsync(client, factory.A.Owner.Email!, AccountsBuilder.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/results", response.Headers.Location!.PathAndQuery);
        var page = await client.GetStringAsync(new Uri("/account/access-denied", UriKind.Relative));
        Assert.Contains(factory.A.Owner.DisplayName, page);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWrongPasswordOrUnknownEmailSaysInvalidEmailOrPassword(bool knownEmail)
    {
        using var client = SignedInClient.Anonymous(factory);
        var email = knownEmail ? factory.A.Viewer.Email! : "nobody@example.test";

        using var response = await SignedInClient.PostSignInAsync(client, email, "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Invalid email or password.", SignedInClient.ErrorOf(await response.Content.ReadAsStringAsync()));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FiveFailedAttemptsLockTheAccountForFifteenMinutesEvenForTheRightPassword()
    {
        var admin = await NewAdministratorAsync();
        using var client = SignedInClient.Anonymous(factory);

        var errors = new List<string?>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var failed = await SignedInClient.PostSignInAsync(client, admin.Email!, "Wrong-Password-1");
            errors.Add(SignedInClient.ErrorOf(await failed.Content.ReadAsStringAsync()));
        }

        using var right = await SignedInClient.PostSignInAsync(client, admin.Email!, AccountsBuilder.Password);

        Assert.All(errors.Take(4), e => Assert.Equal("Invalid email or password.", e));
        Assert.Equal("Account locked — try again in 15 minutes.", errors[4]);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("Account locked — try again in 15 minutes.", SignedInClient.ErrorOf(await right.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        using var client = await SignedInClient.SignInAsync(factory, factory.A.Viewer.Email!);

        using var signOut = await SignedInClient.SignOutAsync(client);
        using var after = await client.GetAsync(new Uri("/results", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/login", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SigningOutWithoutTheAntiforgeryTokenIsRefused()
    {
        using var client = await SignedInClient.SignInAsync(factory, factory.A.Viewer.Email!);

        using var empty = new FormUrlEncodedContent([]);
        using var forged = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), empty);
        using var still = await client.GetAsync(new Uri("/account/access-denied", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task SigningInWithoutTheAntiforgeryTokenIsRefused()
    {
        using var client = SignedInClient.Anonymous(factory);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.Email"] = factory.A.Owner.Email!, ["Input.Password"] = AccountsBuilder.Password,
        });

        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/audit?registration=5", "/admin/audit?registration=5")]
    [InlineData("https://evil.test/phish", "/results")]
    [InlineData("//evil.test/phish", "/results")]
    [InlineData("/\\evil.test", "/results")]
    public async Task OnlyALocalReturnUrlIsFollowedAfterSignIn(string returnUrl, string expected)
    {
        using var client = SignedInClient.Anonymous(factory);

        using var response = await SignedInClient.PostSignInAsync(client, factory.A.Owner.Email!, AccountsBuilder.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location!.Host);
        Assert.Equal(expected, response.Headers.Location.PathAndQuery);
    }

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        using var client = SignedInClient.Anonymous(factory);

        using var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));

        var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public async Task TheOwnersPagesAreDeniedToAViewerAndServedToAnOwner()
    {
        using var viewer = await SignedInClient.SignInAsync(factory, factory.A.Viewer.Email!);
        using var owner = await SignedInClient.SignInAsync(factory, factory.A.Owner.Email!);

        foreach (var url in new[] { "/admin/administrators", "/admin/audit" })
        {
            using var denied = await viewer.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Equal("/account/access-denied", denied.Headers.Location!.AbsolutePath);
            using var served = await owner.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var administrators = await owner.GetStringAsync(new Uri("/admin/administrators", UriKind.Relative));
        Assert.Contains(factory.A.Viewer.Email!, administrators);
        Assert.DoesNotContain(factory.B.Owner.Email!, administrators);
    }
}

/// <summary>Security stamps checked on every request, to see a privilege change take effect without waiting a minute.</summary>
public sealed class PrivilegeChangeSessionTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _base = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory = default!;
    private WebTenant _tenant = default!;

    public async Task InitializeAsync()
    {
        _factory = _base.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        _tenant = await WebTenants.CreateAsync(_factory.Services, _base.ConnectionString, "Stamp");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _base.DisposeAsync();
    }

    [Fact]
    public async Task ChangingAnAdministratorsPrivilegesEndsTheirOpenSessions()
    {
        var admin = await AccountsBuilder.CreateAdministratorAsync(_factory.Services, _tenant.Account.Id, Privileges.Grader);
        using var client = await SignedInClient.SignInAsync(_factory, admin.Email!);
        using var before = await client.GetAsync(new Uri("/account/access-denied", UriKind.Relative));

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetAdministrator(_tenant.Account.Id, _tenant.Owner.Id, "Owner", Privileges.Owner);
            await scope.ServiceProvider.GetRequiredService<AdministratorService>().SetPrivilegesAsync(admin.Id, Privileges.Viewer, CancellationToken.None);
        }

        using var after = await client.GetAsync(new Uri("/account/access-denied", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }
}
