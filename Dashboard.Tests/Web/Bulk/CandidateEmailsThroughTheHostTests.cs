using System.Net;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Web.Bulk;

/// <summary>
/// Group emails through the app as Program.cs builds it (Development: scopes validated), with real Quartz firing the
/// job and a real SMTP server on loopback receiving every message.
/// </summary>
public sealed class CandidateEmailsThroughTheHostTests(TestDatabase database, SmtpServerFixture smtp) : IClassFixture<TestDatabase>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private readonly ActingWebFactory _app = new();

    public Task InitializeAsync()
    {
        smtp.Reset();
        _app.UseDatabase(database).UseSmtp(smtp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void TheTestHostValidatesScopesAndEveryRegistrationAtBuild()
    {
        // A scoped service asked of the root provider is refused, as in the app started with `dotnet run`.
        var scoped = Assert.Throws<InvalidOperationException>(() => _app.Services.GetRequiredService<AccountScope>());
        Assert.Contains("from root provider", scoped.Message, StringComparison.Ordinal);

        // A singleton that needs a scoped service stops the host at build time (ValidateOnBuild).
        using var broken = new ActingWebFactory().UseDatabase(database);
        broken.TestServices.Add(services => services.AddSingleton<CapturesAScopedService>());
        var build = Assert.ThrowsAny<Exception>(() => broken.Services);
        Assert.Contains(nameof(CapturesAScopedService), build.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingEachCandidateTheirCertificateDeliversItToEveryCertifiedCandidateAndTellsTheRequester()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync("Mailing");
        var group = await world.GroupAsync(account, "Comptabilité");
        var subject = await world.SubjectAsync("Excel " + Guid.NewGuid().ToString("N")[..6]);
        foreach (var (first, last) in new[] { ("Anne", "Martin"), ("Benoît", "Lefèvre"), ("Inès", "Ødegård") })
        {
            var candidate = await world.CandidateAsync(group, first, last);
            await world.RegistrationAsync(candidate, subject, type: TestType.Certification, score: 720, configure: r =>
                {
                    r.CertificateValidated = true;
                    r.CertificateNumber = $"C-{Guid.NewGuid():N}"[..12];
                    r.CertificateVerificationCode = Guid.NewGuid().ToString("N")[..12];
                });
        }

        var failing = await world.CandidateAsync(group, "Zoé", "Failing");
        await world.RegistrationAsync(failing, subject, type: TestType.Certification, score: 300);
        var owner = await AccountsBuilder.CreateAdministratorAsync(_app.Services, account.Id, Privileges.Owner, name: "Claire Owner");

        int id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetAdministrator(account.Id, owner.Id, owner.DisplayName, owner.Privileges);
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(
                new BulkRequestInput(BulkKind.SendCertificatesToCandidates, group.Id, subject.Id, "en", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        }

        // Quartz runs the request in the host; the requester's notification is the last message.
        var request = await WaitUntilFinishedAsync(account.Id, id);
        await using var db = database.CreateDbContext(account.Id);
        var certified = await db.Registrations.Where(r => r.GroupId == group.Id && r.CertificateValidated)
            .Select(r => r.Candidate!).ToListAsync();
        var messages = await smtp.WaitForAsync(certified.Count + 1);
        Assert.True(request.Status == BulkStatus.Completed, $"{request.Status}: {request.Error} {string.Join(" | ", request.Failures.Select(f => f.Message))}");

        var toCandidates = messages.Where(m => Recipient(m) != owner.Email).ToList();
        Assert.Equal(certified.Select(c => c.Email).Order(), toCandidates.Select(Recipient).Order());
        foreach (var message in toCandidates)
        {
            var candidate = certified.Single(c => c.Email == Recipient(message));
            Assert.Equal($"Your {subject.Name} certificate", message.Subject);
            var text = await PdfTextAsync(Assert.Single(message.Attachments.OfType<MimePart>()));
            Assert.Contains(candidate.LastName, text, StringComparison.Ordinal);
            Assert.Contains($"Hello {candidate.FirstName} {candidate.LastName}", WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        }

        var notification = Assert.Single(messages, m => Recipient(m) == owner.Email);
        Assert.Equal("Your request is ready: Send each candidate their certificate – Comptabilité", notification.Subject);
        Assert.Contains($"{certified.Count} of {certified.Count} item(s) done", WebUtility.HtmlDecode(notification.HtmlBody), StringComparison.Ordinal);

        // The owner's My requests page (served by the host) shows the request completed.
        using var client = await SignedInClient.SignInAsync(_app, owner.Email!);
        var jobs = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/jobs", UriKind.Relative)));
        Assert.Contains("Send each candidate their certificate", jobs, StringComparison.Ordinal);
        Assert.Contains("Completed", jobs, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", jobs, StringComparison.Ordinal);
    }

    private static string Recipient(MimeMessage message) => message.To.Mailboxes.Single().Address;

    private static async Task<string> PdfTextAsync(MimePart attachment)
    {
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        using var pdf = PdfDocument.Open(bytes.ToArray());
        return string.Join(" ", pdf.GetPages().Select(p => p.Text));
    }

    private async Task<BulkRequest> WaitUntilFinishedAsync(int accountId, int id)
    {
        // Polls the database until the job ends (or gives up after a minute and lets the assertions report the state).
        for (var i = 0; i < 600; i++)
        {
            await using var db = database.CreateDbContext(accountId);
            var request = await db.Set<BulkRequest>().AsNoTracking().Include(r => r.Failures).SingleAsync(r => r.Id == id);
            if (request.IsFinished)
            {
                return request;
            }

            await Task.Delay(100);
        }

        await using var last = database.CreateDbContext(accountId);
        return await last.Set<BulkRequest>().AsNoTracking().Include(r => r.Failures).SingleAsync(r => r.Id == id);
    }

    private sealed class CapturesAScopedService(AccountScope scope)
    {
        public AccountScope Scope { get; } = scope;
    }
}
