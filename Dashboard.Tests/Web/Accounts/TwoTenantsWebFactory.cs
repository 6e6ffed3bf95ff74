using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web.Accounts;

/// <summary>The app with two accounts of its own (A and B) besides the demo world; shared by a test class.</summary>
public sealed class TwoTenantsWebFactory : DashboardWebFactory, IAsyncLifetime
{
    public WebTenant A { get; private set; } = default!;
    public WebTenant B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        A = await WebTenants.CreateAsync(this, "A");
        B = await WebTenants.CreateAsync(this, "B");
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>Whether the app maps a route like "/grading/{0}" (some routes are built on other branches).</summary>
    public bool MapsRoute(string template)
    {
        var wanted = Normalize(template.Replace("{0}", "{}", StringComparison.Ordinal));
        return Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Any(e => string.Equals(Normalize(e.RoutePattern.RawText ?? ""), wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string route) => "/" + Regex.Replace(route, @"\{[^}]*\}", "{}").Trim('/');
}
