using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web;

public sealed class ResultsPageTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>The client the pages are requested with; signing in goes here once sign-in exists.</summary>
    private Task<HttpClient> CreateSignedInClientAsync() => Task.FromResult(_factory.CreateClient());

    [Theory]
    [InlineData("/results")]
    [InlineData("/clientadmin/AdminResultsWithTable")]
    [InlineData("/results/today")]
    [InlineData("/results/in-progress")]
    [InlineData("/results?q=%27%22%25*&status=PendingGrading&sort=name&desc=false&page=2&size=50")]
    [InlineData("/results?status=banana&group=abc&page=-3&size=7")]
    public async Task ResultsPagesAnswerWithTheFilterPanelAndGrid(string url)
    {
        using var client = await CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("results-filters", html);
        Assert.Contains("mud-table", html);
    }
}
