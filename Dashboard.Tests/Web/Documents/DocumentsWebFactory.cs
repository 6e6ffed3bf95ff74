using System.Globalization;
using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web.Documents;

/// <summary>
/// The real app (seeded demo world) where a request can act as an administrator through test headers
/// (X-Test-Account, X-Test-Privileges): a test-only middleware puts the claims the sign-in cookie would carry
/// on the request before the app's own pipeline reads them.
/// </summary>
public sealed class DocumentsWebFactory : DashboardWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestUserStartupFilter>());
    }

    public DashboardDbContext Database(int? accountId)
    {
        var scope = new AccountScope();
        if (accountId is { } id)
        {
            scope.SetSystem(id);
        }

        return new DashboardDbContext(TestProvider.Options(ConnectionString), scope);
    }

    public HttpClient ClientFor(int accountId, Privileges privileges = Privileges.Owner)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Account", accountId.ToString(CultureInfo.InvariantCulture));
        client.DefaultRequestHeaders.Add("X-Test-Privileges", ((int)privileges).ToString(CultureInfo.InvariantCulture));
        return client;
    }

    private sealed class TestUserStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Account", out var account))
                {
                    var identity = new ClaimsIdentity(
                    [
                        new Claim(DashboardClaims.AccountId, account.ToString()),
                        new Claim(DashboardClaims.AdministratorId, "1"),
                        new Claim(DashboardClaims.DisplayName, "Test admin"),
                        new Claim(DashboardClaims.Privileges, context.Request.Headers["X-Test-Privileges"].ToString()),
                    ], authenticationType: "Test");
                    context.User = new ClaimsPrincipal(identity);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
