using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Core.Domain;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Browser.Bulk;

/// <summary>
/// The owner selects a group on the Results page and sends each candidate their report; every message is read back
/// from the SMTP server the app (real host on Kestrel, real Quartz) sent it to.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class SendReportsJourneyTests(TestDatabase database, BrowserFixture browser, SmtpServerFixture smtp)
    : IClassFixture<TestDatabase>, IClassFixture<BrowserFixture>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private readonly DashboardWebFactory _app = new();

    public Task InitializeAsync()
    {
        smtp.Reset();
        _app.UseDatabase(database).UseSmtp(smtp).StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheOwnerSendsEachCandidateOfAGroupTheirReportAndIsToldWhenItIsDone()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync("Journey");
        var groupName = "Trésorerie " + Guid.NewGuid().ToString("N")[..5];
        var group = await world.GroupAsync(account, groupName);
        var otherGroup = await world.GroupAsync(account, "Ventes");
        var subject = await world.SubjectAsync("Excel " + Guid.NewGuid().ToString("N")[..6]);
        foreach (var (first, last) in new[] { ("Anne", "Martin"), ("Benoît", "Lefèvre"), ("Gaëlle", "O'Neil") })
        {
            var candidate = await world.CandidateAsync(group, first, last);
            await world.RegistrationAsync(candidate, subject, score: 640, completedAt: DateTimeOffset.UtcNow.AddDays(-2));
        }

        var outsider = await world.CandidateAsync(otherGroup, "Hugo", "Outside");
        await world.RegistrationAsync(outsider, subject, score: 640, completedAt: DateTimeOffset.UtcNow.AddDays(-2));
        var owner = await AccountsBuilder.CreateAdministratorAsync(_app.Services, account.Id, Privileges.Owner, name: "Claire Owner");

        var page = await browser.NewPageAsync(_app.BaseAddress);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync("/results");
        await signIn.SignInAsync(owner.Email!, AccountsBuilder.Password);
        // Rows come over the live circuit only: after them, clicks are not lost. Timeouts are generous: the machine is shared.
        await Assertions.Expect(page.GetByText(TotalText())).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var groupFilter = page.GetByRole(AriaRole.Combobox, new() { Name = "Group", Exact = true });
        await groupFilter.ClickAsync();
        await groupFilter.PressSequentiallyAsync(groupName[..9]);
        await page.GetByRole(AriaRole.Option, new() { Name = groupName, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"group={group.Id}"), new() { Timeout = 30_000 });

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Group reports" });
        await Assertions.Expect(menu).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Send each candidate their report" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        // The group's only test is chosen already.
        await Assertions.Expect(dialog.GetByTestId("bulk-test")).ToContainTextAsync(subject.Name, new() { Timeout = 30_000 });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your request has been registered.")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // My requests follows the job to its end (Quartz in the host, then the SMTP batch).
        await page.GetByRole(AriaRole.Link, new() { Name = "My requests" }).ClickAsync();
        var jobs = new JobsPage(page);
        await Assertions.Expect(jobs.FirstStatus).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(jobs.FirstProgress).ToHaveTextAsync("3 / 3 (100%)", new() { Timeout = 30_000 });

        await using var db = database.CreateDbContext(account.Id);
        var expected = await db.Candidates.Where(c => c.GroupId == group.Id).ToListAsync();
        var messages = await smtp.WaitForAsync(expected.Count + 1);
        var toCandidates = messages.Where(m => Recipient(m) != owner.Email).ToList();
        Assert.Equal(expected.Select(c => c.Email).Order(), toCandidates.Select(Recipient).Order());
        foreach (var message in toCandidates)
        {
            var candidate = expected.Single(c => c.Email == Recipient(message));
            Assert.Equal($"Your {subject.Name} results report", message.Subject);
            Assert.Contains($"Hello {candidate.FirstName} {candidate.LastName}", WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
            var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
            Assert.Equal("application/pdf", attachment.ContentType.MimeType);
            using var bytes = new MemoryStream();
            await attachment.Content!.DecodeToAsync(bytes);
            using var pdf = PdfDocument.Open(bytes.ToArray());
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains(candidate.LastName, text, StringComparison.Ordinal);
            Assert.Contains(candidate.FirstName, text, StringComparison.Ordinal);
        }

        var notification = Assert.Single(messages, m => Recipient(m) == owner.Email);
        Assert.Equal($"Your request is ready: Send each candidate their report – {groupName}", notification.Subject);
        var body = WebUtility.HtmlDecode(notification.HtmlBody);
        Assert.Contains("Hello Claire Owner", body, StringComparison.Ordinal);
        Assert.Contains("3 of 3 item(s) done.", body, StringComparison.Ordinal);
    }

    private static string Recipient(MimeMessage message) => message.To.Mailboxes.Single().Address;

    [GeneratedRegex("^[\\d,]+ results?$")]
    private static partial Regex TotalText();
}
