using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web.Proctoring;

public sealed partial class CandidateExplanationTests(SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();
    private ProctoringWebWorld _world = default!;

    public Task InitializeAsync()
    {
        _factory.Settings["Smtp:Host"] = "127.0.0.1";
        _factory.Settings["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        _factory.Settings["Smtp:From"] = "Results Dashboard <results@example.test>";
        _world = new ProctoringWebWorld(_factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TheCandidateOpensTheEmailedLinkAndExplainsOnce()
    {
        var tenant = await _world.TenantAsync("Explain");
        await AskAsync(tenant);

        await using (var db = _world.CreateDbContext(tenant.Web.Account.Id))
        {
            Assert.Equal(ProctoringStatus.AwaitingDetails, (await db.Registrations.AsNoTracking().FirstAsync(r => r.Id == tenant.Sitting.Id)).ProctoringStatus);
            var asked = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.RegistrationId == tenant.Sitting.Id && a.Action == ProctoringReviewService.Actions.ExplanationRequest);
            Assert.Equal(tenant.Web.Owner.DisplayName, asked.Actor);
        }

        var email = smtp.Messages.Single(m => m.To.Mailboxes.Any(x => x.Address == CandidateEmail(tenant)));
        Assert.Equal("Your Excel Explain test: please tell us what happened", email.Subject);
        Assert.Contains("Exit full screen (74 s)", WebUtility.HtmlDecode(email.HtmlBody), StringComparison.Ordinal);
        var link = LinkOf(email.HtmlBody);

        using var candidate = SignedInClient.Anonymous(_factory);
        var page = await PageAsync(candidate, link);
        Assert.Contains("Zoé TenantExplain", page, StringComparison.Ordinal);
        Assert.Contains("Exit full screen (74 s)", page, StringComparison.Ordinal);

        var sent = await SubmitAsync(candidate, link, page, "My little brother came in; I asked him to leave.");
        Assert.Contains("Your explanation was sent", sent, StringComparison.Ordinal);
        await using (var db = _world.CreateDbContext(tenant.Web.Account.Id))
        {
            Assert.Equal(ProctoringStatus.DetailUnderReview, (await db.Registrations.AsNoTracking().FirstAsync(r => r.Id == tenant.Sitting.Id)).ProctoringStatus);
            var review = await db.ProctoringReviews.AsNoTracking().SingleAsync(r => r.RegistrationId == tenant.Sitting.Id);
            Assert.Equal("My little brother came in; I asked him to leave.", review.CandidateExplanation);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.RegistrationId == tenant.Sitting.Id && a.Action == ProctoringReviewService.Actions.ExplanationReceived
                && a.Actor == "Candidate Zoé TenantExplain"));
        }

        // The same link again: the page says it was given, and a second submission is refused and changes nothing.
        var again = await PageAsync(candidate, link);
        Assert.Contains("already sent", again, StringComparison.Ordinal);
        var second = await SubmitAsync(candidate, link, again, "Actually, something else.");
        Assert.Contains("already sent", second, StringComparison.Ordinal);
        await using (var db = _world.CreateDbContext(tenant.Web.Account.Id))
        {
            Assert.Equal("My little brother came in; I asked him to leave.",
                (await db.ProctoringReviews.AsNoTracking().SingleAsync(r => r.RegistrationId == tenant.Sitting.Id)).CandidateExplanation);
        }
    }

    [Fact]
    public async Task ATamperedOrExpiredLinkIsRefused()
    {
        var tenant = await _world.TenantAsync("Tamper");
        await AskAsync(tenant);
        var link = LinkOf(smtp.Messages.Single(m => m.To.Mailboxes.Any(x => x.Address == CandidateEmail(tenant))).HtmlBody);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];

        string expired;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await using var db = _world.CreateDbContext(tenant.Web.Account.Id);
            var requestId = (await db.ProctoringReviews.AsNoTracking().SingleAsync(r => r.RegistrationId == tenant.Sitting.Id)).ExplanationRequestId!.Value;
            expired = scope.ServiceProvider.GetRequiredService<CandidateExplanations>()
                .CreateToken(tenant.Web.Account.Id, tenant.Sitting.Id, requestId, DateTimeOffset.UtcNow.AddMinutes(-1));
        }

        using var candidate = SignedInClient.Anonymous(_factory);
        foreach (var bad in new[] { tampered, expired })
        {
            var url = "/proctoring/explain?token=" + Uri.EscapeDataString(bad);
            var page = await PageAsync(candidate, url);
            Assert.Contains("not valid or has expired", page, StringComparison.Ordinal);
            var posted = await SubmitAsync(candidate, url, page, "Let me in");
            Assert.Contains("not valid or has expired", posted, StringComparison.Ordinal);
        }

        await using var check = _world.CreateDbContext(tenant.Web.Account.Id);
        Assert.Equal(ProctoringStatus.AwaitingDetails, (await check.Registrations.AsNoTracking().FirstAsync(r => r.Id == tenant.Sitting.Id)).ProctoringStatus);
        Assert.Null((await check.ProctoringReviews.AsNoTracking().SingleAsync(r => r.RegistrationId == tenant.Sitting.Id)).CandidateExplanation);
    }

    [Theory]
    [InlineData("fr-FR,fr;q=0.9", "Votre explication", "Lien non valide", "Ce lien n'est pas valide", "Your explanation", "Link not valid", "This link is not valid")]
    [InlineData("en-GB,en;q=0.9", "Your explanation", "Link not valid", "This link is not valid", "Votre explication", "Lien non valide", "Ce lien n'est pas valide")]
    public async Task ALinkOfAnUnknownCandidateSpeaksTheBrowsersLanguage(
        string acceptLanguage, string title, string heading, string message, string otherTitle, string otherHeading, string otherMessage)
    {
        using var browser = SignedInClient.Anonymous(_factory);
        browser.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await PageAsync(browser, "/proctoring/explain?token=bad");

        Assert.Contains($"<title>{title} — ResultsDashboard</title>", page, StringComparison.Ordinal);
        Assert.Contains($">{heading}</h1>", page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain(otherTitle, page, StringComparison.Ordinal);
        Assert.DoesNotContain(otherHeading, page, StringComparison.Ordinal);
        Assert.DoesNotContain(otherMessage, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFrenchCandidateIsAskedInFrench()
    {
        var tenant = await _world.TenantAsync("Francais");
        await using (var db = _world.CreateDbContext(tenant.Web.Account.Id))
        {
            var candidate = await db.Candidates.FirstAsync(c => c.Id == tenant.Sitting.CandidateId);
            candidate.PreferredLanguage = "fr";
            await db.SaveChangesAsync();
        }

        await AskAsync(tenant);
        var email = smtp.Messages.Single(m => m.To.Mailboxes.Any(x => x.Address == CandidateEmail(tenant)));
        Assert.Equal("Votre test Excel Francais : merci de nous apporter des précisions", email.Subject);
        Assert.Contains("Sortie du plein écran (74 s)", WebUtility.HtmlDecode(email.HtmlBody), StringComparison.Ordinal);
        using var client = SignedInClient.Anonymous(_factory);
        var page = await PageAsync(client, LinkOf(email.HtmlBody));
        Assert.Contains("Envoyer mon explication", page, StringComparison.Ordinal);
    }

    private async Task AskAsync(ProctoringWebWorld.Tenant tenant)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>()
            .SetAdministrator(tenant.Web.Account.Id, tenant.Web.Owner.Id, tenant.Web.Owner.DisplayName, Privileges.Owner);
        await scope.ServiceProvider.GetRequiredService<CandidateExplanations>()
            .RequestAsync(new SittingVersion(tenant.Sitting.Id, tenant.Sitting.Version), CancellationToken.None);
    }

    private string CandidateEmail(ProctoringWebWorld.Tenant tenant)
    {
        using var db = _world.CreateDbContext(tenant.Web.Account.Id);
        return db.Candidates.AsNoTracking().Where(c => c.Id == tenant.Sitting.CandidateId).Select(c => c.Email).Single();
    }

    /// <summary>The explanation page's path and query from the email's button.</summary>
    private static string LinkOf(string? html)
    {
        var match = LinkPattern().Match(html ?? "");
        Assert.True(match.Success, "The email has no explanation link.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<string> PageAsync(HttpClient client, string url) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(url, UriKind.Relative)));

    private static async Task<string> SubmitAsync(HttpClient client, string url, string page, string text)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "explanation",
            ["__RequestVerificationToken"] = SignedInClient.AntiforgeryToken(page),
            ["Input.Text"] = text,
        });
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("href=\"https?://[^/\"]+(/proctoring/explain\\?token=[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
