using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>The load balancer's probes, asked without a sign-in, on whichever provider the suite runs.</summary>
public sealed class HealthEndpointsTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task LiveAnswersHealthyWithoutSignIn()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadyAnswersHealthyWhenTheDatabaseAndTheSchedulerRun()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
