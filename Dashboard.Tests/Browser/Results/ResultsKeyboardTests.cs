using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser.Results;

/// <summary>
/// Every action of the Results page is reached with Tab (or Shift+Tab) and shows a visible focus: the filters, the
/// toolbar's Group reports and Export, each kind of row action, the pager; Enter works the reached action.
/// "Visible" is measured: the control's outline, box-shadow or border (or its field's border) differs from unfocused.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ResultsKeyboardTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    // One stop of the walk: what the focused control is, and whether its focus shows.
    private sealed record Stop(string Action, string Name, bool Filter, bool Pager, bool Visible);

    private const string ReadFocus = """
        () => {
            const el = document.activeElement;
            if (!el || el === document.body) { return null; }
            const look = () => {
                const parts = [el, el.parentElement, el.closest('.mud-input-control'), el.closest('.mud-input')?.querySelector('.mud-input-outlined-border')];
                return parts.filter(Boolean).map(p => { const c = getComputedStyle(p);
                    return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow, c.borderTopColor, c.borderTopWidth].join('|'); }).join(';');
            };
            const focused = look();
            el.blur();
            const unfocused = look();
            el.focus();
            return JSON.stringify({ action: el.getAttribute('data-action') ?? '',
                     name: (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim().slice(0, 60),
                     filter: !!el.closest('.results-layout-filters'), pager: !!el.closest('.mud-table-pagination'),
                     visible: focused !== unfocused });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly BrowserFixture _browser;
    private readonly DashboardWebFactory _factory = new();

    public ResultsKeyboardTests(BrowserFixture browser) => _browser = browser;

    public Task InitializeAsync()
    {
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TabReachesEveryResultsActionWithAVisibleFocusAndEnterWorksIt()
    {
        var (certificate, toBeTaken, pending, group) = await PickRowsAsync();
        var page = await _browser.NewPageAsync(_factory.BaseAddress);
        var results = new ResultsPageObject(page);

        // Filters and toolbar: a group chosen (Group reports needs one), walked forward from the top.
        await results.OpenAsync($"/results?group={group}");
        await NoTransitionsAsync(page);
        var top = await WalkAsync(page, "Tab", s => s.Any(x => x.Name.StartsWith("Export", StringComparison.Ordinal)));
        AssertReachedAndVisible(top, s => s.Name == "Group reports", "Group reports");
        AssertReachedAndVisible(top, s => s.Name.StartsWith("Export", StringComparison.Ordinal), "Export to Excel");
        Assert.True(top.Count(s => s.Filter) >= 3, $"Only {top.Count(s => s.Filter)} filter controls reached: {Describe(top)}");
        Assert.All(top.Where(s => s.Filter), s => Assert.True(s.Visible, $"No visible focus on the filter \"{s.Name}\""));

        // The pager, last on the page: Shift+Tab from the top goes round to it.
        await results.OpenAsync("/results");
        await NoTransitionsAsync(page);
        var bottom = await WalkAsync(page, "Shift+Tab", s => s.Count(x => x.Pager) >= 2);
        Assert.True(bottom.Count(s => s.Pager) >= 2, $"The pager was not reached: {Describe(bottom)}");
        Assert.All(bottom.Where(s => s.Pager), s => Assert.True(s.Visible, $"No visible focus on the pager's \"{s.Name}\""));

        // Each kind of row action, on a row that offers it.
        foreach (var (id, actions) in new[] { (certificate, new[] { "analysis", "certificate" }), (toBeTaken, new[] { "cancel" }), (pending, new[] { "grade", "assign" }) })
        {
            await results.OpenAsync($"/results?q={id}");
            await NoTransitionsAsync(page);
            var walk = await WalkAsync(page, "Tab", s => actions.All(a => s.Any(x => x.Action == a)));
            foreach (var action in actions)
            {
                AssertReachedAndVisible(walk, s => s.Action == action, $"row action {action} of test {id}");
            }
        }

        // Enter on the reached Assign button opens its dialog, as a click would.
        Assert.Equal("assign", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-action')"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("to graders");
    }

    private static async Task<IReadOnlyList<Stop>> WalkAsync(IPage page, string key, Func<IReadOnlyList<Stop>, bool> done)
    {
        var stops = new List<Stop>();
        for (var i = 0; i < 200 && !done(stops); i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await page.EvaluateAsync<string?>(ReadFocus) is { } json && JsonSerializer.Deserialize<Stop>(json, Json) is { } stop)
            {
                stops.Add(stop);
            }
        }

        return stops;
    }

    private static void AssertReachedAndVisible(IReadOnlyList<Stop> stops, Func<Stop, bool> which, string what)
    {
        var reached = stops.Where(which).ToList();
        Assert.True(reached.Count > 0, $"Tab never reached {what}: {Describe(stops)}");
        Assert.All(reached, s => Assert.True(s.Visible, $"No visible focus on {what}"));
    }

    private static string Describe(IEnumerable<Stop> stops) => string.Join(", ", stops.Select(s => s.Action.Length > 0 ? s.Action : s.Name));

    // Mud's colour transitions would make the unfocused look read mid-way; the comparison wants the settled styles.
    private static async Task NoTransitionsAsync(IPage page) =>
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });

    /// <summary>A validated certificate, a test to be taken, a test pending grading (given to the owner to grade) and a group.</summary>
    private async Task<(int Certificate, int ToBeTaken, int Pending, int Group)> PickRowsAsync()
    {
        await using var db = new DashboardDbContext(TestProvider.Options(_factory.ConnectionString), new AccountScope());
        var owner = await db.Users.IgnoreQueryFilters().SingleAsync(a => a.Email == "owner@acme.test");
        var mine = db.Registrations.IgnoreQueryFilters().Where(r => r.AccountId == owner.AccountId).OrderBy(r => r.Id);
        var certificate = await mine.FirstAsync(r => r.Status == RegistrationStatus.Completed && r.TestType == TestType.Certification && r.CertificateValidated);
        var toBeTaken = await mine.FirstAsync(r => r.Status == RegistrationStatus.ToBeTaken);
        var pending = await mine.FirstAsync(r => r.Status == RegistrationStatus.PendingGrading);
        pending.GraderId = owner.Id;
        pending.GraderAssignedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        return (certificate.Id, toBeTaken.Id, pending.Id, certificate.GroupId);
    }
}
