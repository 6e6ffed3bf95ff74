using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Proctoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;

namespace Dashboard.Tests.Browser.Proctoring;

[Trait("Category", "Browser")]
public sealed class ProctoringBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ReviewerInvalidatesASittingAndAnOpenResultsPageShowsInvalidLive()
    {
        var (sitting, lastName) = await ProctoredSittingOfTheDemoOwnerAsync();

        // The Results page is already open on that candidate.
        var results = await browser.NewPageAsync(_factory.BaseAddress);
        await SignInAsync(results, $"/results?q={lastName}");
        var protocol = results.Locator(".results-grid tbody tr", new() { HasText = lastName }).Locator("[data-indicator=integrity]");
        await Assertions.Expect(protocol).ToHaveTextAsync("Awaiting details");

        var review = await browser.NewPageAsync(_factory.BaseAddress);
        await SignInAsync(review, "/proctoring");
        // Rows come from the circuit only: once the sitting shows, clicks count.
        await Assertions.Expect(review.Locator("tr", new() { HasText = lastName })).ToBeVisibleAsync();
        var everyone = await review.GetByTestId("proctoring-total").InnerTextAsync();
        await review.Locator("div.mud-select").Filter(new() { HasText = "Validation status" }).First.Locator(".mud-input-control").First.ClickAsync();
        await review.GetByRole(AriaRole.Option, new() { Name = "Awaiting details", Exact = true }).ClickAsync();
        await Assertions.Expect(review).ToHaveURLAsync(new Regex("status=AwaitingDetails"));
        // The list closes with a fading overlay that would take the next click.
        await Assertions.Expect(review.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Assertions.Expect(review.Locator(".mud-overlay")).ToHaveCountAsync(0);
        // The filtered reload has landed (its rows replace the ones a click could otherwise hit while detached).
        await Assertions.Expect(review.GetByTestId("proctoring-total")).Not.ToHaveTextAsync(everyone);
        var row = review.Locator("tr", new() { HasText = lastName });
        await Assertions.Expect(row.GetByTestId("row-status")).ToHaveTextAsync("Awaiting details");

        await row.GetByRole(AriaRole.Button, new() { Name = "Photos" }).ClickAsync();
        try
        {
            await Assertions.Expect(review.GetByTestId("photo-count")).ToHaveTextAsync("3 images");
        }
        catch (PlaywrightException)
        {
            await review.ScreenshotAsync(new() { Path = "/tmp/proctor-journey-fail.png" });
            throw;
        }
        await review.GetByText("Show only suspicious images").ClickAsync();
        await Assertions.Expect(review.GetByTestId("photo-count")).ToHaveTextAsync("1 image");
        await Assertions.Expect(review.Locator("[data-testid=gallery] img")).ToHaveCountAsync(1);
        await review.Locator("[data-testid=gallery] button").First.ClickAsync();
        await Assertions.Expect(review.GetByTestId("viewer-caption")).ToContainTextAsync("Another person");
        // The viewer takes the keyboard focus once rendered (a round trip after its caption shows): keys go to it then.
        await Assertions.Expect(review.GetByTestId("viewer")).ToBeFocusedAsync();
        await review.Keyboard.PressAsync("Escape");
        await Assertions.Expect(review.GetByTestId("viewer")).ToHaveCountAsync(0);
        await review.GetByTestId("close-photos").ClickAsync();

        await Assertions.Expect(review.GetByTestId("gallery")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = "Invalidate" }).ClickAsync();
        await Assertions.Expect(review.GetByTestId("decision-title")).ToContainTextAsync($"Invalidate the sitting of Yannick {lastName}?");
        await review.GetByTestId("confirm-decision").ClickAsync();
        await Assertions.Expect(review.GetByText("1 sitting invalidated; 1 certificate(s) revoked.")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        // The Results page, not reloaded, shows it; the diploma is no longer downloadable.
        await Assertions.Expect(protocol).ToHaveTextAsync("Invalid");
        var download = await results.APIRequest.GetAsync($"/download/certificate/{sitting}");
        Assert.Equal(410, download.Status);
        Assert.Contains("revoked", await download.TextAsync(), StringComparison.Ordinal);
    }

    private static async Task SignInAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        if (page.Url.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
        {
            await new SignInPage(page).SignInAsync(SignInPage.DemoOwnerEmail, SignInPage.DemoPassword);
        }

        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A certified sitting awaiting details in the demo owner's account, started now (top of the grid), with 3 captures, 1 suspicious.</summary>
    private async Task<(int Id, string LastName)> ProctoredSittingOfTheDemoOwnerAsync()
    {
        var lastName = "Zwolinski" + Guid.NewGuid().ToString("N")[..6];
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(_factory.ConnectionString).Options;
        int accountId;
        await using (var all = new DashboardDbContext(options, new AccountScope()))
        {
            accountId = await all.Users.Where(u => u.NormalizedEmail == "OWNER@ACME.TEST").Select(u => u.AccountId).FirstAsync();
        }

        var scope = new AccountScope();
        scope.SetSystem(accountId);
        await using var db = new DashboardDbContext(options, scope);
        var template = await db.Registrations.AsNoTracking().FirstAsync(r => r.TestType == TestType.Certification && r.Status == RegistrationStatus.Completed);
        var candidate = new Candidate { AccountId = accountId, GroupId = template.GroupId, FirstName = "Yannick", LastName = lastName, Email = $"{lastName}@example.test" };
        db.Candidates.Add(candidate);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var registration = new Registration
        {
            AccountId = accountId, CandidateId = candidate.Id, GroupId = template.GroupId, SubjectId = template.SubjectId, TestType = TestType.Certification,
            Status = RegistrationStatus.Completed, RegisteredAt = now.AddDays(-1), StartedAt = now.AddMinutes(1), CompletedAt = now.AddMinutes(2),
            DurationSeconds = 1500, Score = 990, Level = ScoreLevel.Expert, SortName = Dashboard.Core.Results.TextFold.SortName(lastName, "Yannick"),
            ProctoringProfile = ProctoringProfile.Video, ProctoringStatus = ProctoringStatus.AwaitingDetails, IncidentCount = 1,
            CertificateValidated = true, CertificateNumber = "RD-J-" + Guid.NewGuid().ToString("N")[..10], CertificateVerificationCode = "JRNY-TEST",
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        db.ProctoringIncidents.Add(new ProctoringIncident { RegistrationId = registration.Id, Kind = IncidentKind.SecondPerson, OccurredAt = now, IsSerious = true });
        await db.SaveChangesAsync();

        await using var services = _factory.Services.CreateAsyncScope();
        services.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Journey");
        var ingestion = services.ServiceProvider.GetRequiredService<CaptureIngestion>();
        for (var i = 0; i < 3; i++)
        {
            await ingestion.StoreCaptureAsync(new CaptureUpload($"journey-{registration.Id}-{i}", registration.Id, "webcam", now.AddMinutes(i), i == 1, i == 1 ? "Another person" : null),
                ProctoringWebWorld.Image(SKEncodedImageFormat.Jpeg), CancellationToken.None);
        }

        return (registration.Id, lastName);
    }
}
