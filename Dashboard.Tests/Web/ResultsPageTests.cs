using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web;

public sealed class ResultsPageTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>The client the pages are requested with: the demo owner, signed in through the real form.</summary>
    private Task<HttpClient> CreateSignedInClientAsync() => SignedInClient.SignInAsync(_factory, "owner@acme.test", "Demo-2026!");

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

    /// <summary>
    /// The theme is written once into the document's head by the static render (the sign-in page and every interactive
    /// page alike), not by a MudThemeProvider that each open page's circuit would hold; the app bar drawn as markup keeps
    /// what MudBlazor's components showed.
    /// </summary>
    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/results", true)]
    public async Task TheThemeIsInTheHeadOnceAndTheBarIsWhole(string url, bool signedIn)
    {
        using var client = signedIn ? await CreateSignedInClientAsync() : _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));

        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(html, "--mud-palette-primary:"));
        Assert.Contains("--mud-palette-primary: rgba(31,95,168,1);", head);
        Assert.Contains("""<h6 class="mud-typography mud-typography-h6""", html);
        if (signedIn)
        {
            Assert.Matches("""<button type="button" class="mud-button-root mud-icon-button[^"]*mud-icon-button-edge-start[^"]*" aria-label="Toggle menu" aria-controls="app-drawer" aria-expanded="true"><span class="mud-icon-button-label"><svg""", html);
            Assert.Matches("""<p class="mud-typography mud-typography-body2[^"]*" data-testid="signed-in-name">Claire Fontaine</p>""", html);
            Assert.Matches("""<button type="submit" class="mud-button-root mud-button mud-button-text[^"]*"><span class="mud-button-label"><span class="mud-button-icon-start[^"]*"><svg[^>]*>[^<]*<path[\s\S]*?</svg></span>Sign out</span></button>""", html);
            Assert.Contains("""<div class="mud-main-content app-main"><main><div class="mud-container mud-container-maxwidth-false mud-container--gutters pa-4">""", html);
            Assert.Matches("""<h1 class="mud-typography mud-typography-h5"[^>]*>Results</h1>""", html);
        }
    }
}
