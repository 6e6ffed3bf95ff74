using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web;

public sealed class AppStartTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task MudBlazorStylesAreServed()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/_content/MudBlazor/MudBlazor.min.css", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".mud-", await response.Content.ReadAsStringAsync());
    }
}
