using System.Text.RegularExpressions;
using Dashboard.Core.Bulk;
using Dashboard.Core.Documents;
using Dashboard.Core.Email;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>Sending to candidates and to the requester, against a real SMTP server on loopback.</summary>
public sealed partial class BulkEmailTests(TestDatabase database, SmtpServerFixture smtp) : IClassFixture<TestDatabase>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        smtp.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SendingEachCandidateTheirReportDeliversExactlyOneMessagePerCandidateWithTheirOwnPdf()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 6);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates));
        }

        await context.RunAsync(world.Account.Id, id);

        var messages = await smtp.WaitForAsync(world.Candidates.Count + 1);
        var toCandidates = messages.Where(m => m.To.Mailboxes.Single().Address != world.Admin.Email).ToList();
        Assert.Equal(world.Candidates.Count, toCandidates.Count);
        Assert.Equal(world.Candidates.Select(c => c.Email).Order(), toCandidates.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var message in toCandidates)
        {
            var candidate = world.Candidates.Single(c => c.Email == message.To.Mailboxes.Single().Address);
            var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
            Assert.Equal("application/pdf", attachment.ContentType.MimeType);
            using var pdfBytes = new MemoryStream();
            await attachment.Content!.DecodeToAsync(pdfBytes);
            using var pdf = PdfDocument.Open(pdfBytes.ToArray());
            var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
            Assert.Contains(candidate.LastName, text, StringComparison.Ordinal);
            Assert.Contains(candidate.FirstName, System.Net.WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        }

        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.Completed, request.Status);
        Assert.Equal(world.Candidates.Count, request.ItemsDone);
        Assert.Equal(world.Candidates.Count, request.ItemsTotal);
        // One connection for the candidates' batch, one for the requester's notification.
        Assert.Equal(2, smtp.Sessions);
        await using var db = database.CreateDbContext(world.Account.Id);
        Assert.Equal(world.Candidates.Count, await db.Set<EmailSend>().CountAsync(e => e.BulkRequestId == id && e.Status == EmailSendStatus.Sent));
    }

    [Fact]
    public async Task CandidateEmailsAreWrittenInTheRequestLanguage()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates, "fr"));
        }

        await context.RunAsync(world.Account.Id, id);

        var messages = await smtp.WaitForAsync(3);
        var candidateMessage = messages.First(m => m.To.Mailboxes.Single().Address == world.Candidates[0].Email);
        Assert.StartsWith("Votre rapport de résultats", candidateMessage.Subject, StringComparison.Ordinal);
        Assert.Contains("Vous trouverez ci-joint votre rapport", candidateMessage.HtmlBody, StringComparison.Ordinal);
        var requesterMessage = messages.Single(m => m.To.Mailboxes.Single().Address == world.Admin.Email);
        Assert.StartsWith("Votre demande est prête", requesterMessage.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRequesterReceivesACompletionEmailWithAWorkingDownloadLinkAndTheFileAttached()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 3);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.GroupReport));
        }

        await context.RunAsync(world.Account.Id, id);

        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(world.Admin.Email, message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Your request is ready: Group report", message.Subject, StringComparison.Ordinal);
        var link = LinkPattern().Match(message.HtmlBody ?? "");
        Assert.True(link.Success, message.HtmlBody);
        Assert.Equal(FormattableString.Invariant($"http://dashboard.test:5088/download/bulk/{id}"), link.Value);

        // The link's endpoint serves the same file to an administrator of the account.
        await using var scope2 = context.AsAdministrator(world.Admin);
        var download = await scope2.ServiceProvider.GetRequiredService<BulkRequestService>().GetDownloadAsync(id);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        using var attached = new MemoryStream();
        await attachment.Content!.DecodeToAsync(attached);
        Assert.Equal(await File.ReadAllBytesAsync(download.Path), attached.ToArray());
        using var pdf = PdfDocument.Open(attached.ToArray());
        Assert.True(pdf.NumberOfPages >= 1);
    }

    [Fact]
    public async Task ARefusedAddressIsRetriedThenReportedWithoutStoppingTheOthers()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 4);
        var refused = world.Candidates[1].Email;
        smtp.Refuse = address => address == refused;
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates));
        }

        await context.RunAsync(world.Account.Id, id);

        var messages = await smtp.WaitForAsync(world.Candidates.Count);
        Assert.Equal(3, messages.Count(m => m.To.Mailboxes.Single().Address != world.Admin.Email));
        Assert.DoesNotContain(messages, m => m.To.Mailboxes.Single().Address == refused);
        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.CompletedWithFailures, request.Status);
        var failure = Assert.Single(request.Failures);
        Assert.Equal(3, failure.Attempts);
        // A sentence for the administrator, not the SMTP client's exception text.
        Assert.Equal($"The mail server refused the address {refused} (3 attempt(s)).", failure.Message);
        Assert.Contains(refused, failure.ItemName, StringComparison.Ordinal);
        await using var db = database.CreateDbContext(world.Account.Id);
        var send = await db.Set<EmailSend>().SingleAsync(e => e.Recipient == refused);
        Assert.Equal(EmailSendStatus.Failed, send.Status);

        // Retry after the address is fixed on the server side: only the failed one is sent.
        smtp.Refuse = _ => false;
        smtp.Reset();
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            await scope.ServiceProvider.GetRequiredService<BulkRequestService>().RetryAsync(id);
        }

        await context.RunAsync(world.Account.Id, id);
        var retried = await smtp.WaitForAsync(2);
        Assert.Equal([refused], retried.Select(m => m.To.Mailboxes.Single().Address).Where(a => a != world.Admin.Email));
        Assert.Equal(BulkStatus.Completed, (await context.LoadAsync(world.Account.Id, id)).Status);
    }

    [Fact]
    public async Task AFrenchRequestReportsItsFailuresInFrenchSentences()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);
        var refused = world.Candidates[0].Email;
        smtp.Refuse = address => address == refused;
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates, "fr"));
        }

        await context.RunAsync(world.Account.Id, id);

        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.CompletedWithFailures, request.Status);
        Assert.Equal($"Le serveur de messagerie a refusé l'adresse {refused} (3 tentative(s)).", Assert.Single(request.Failures).Message);
    }

    [Fact]
    public async Task ADocumentThatCannotBeProducedIsReportedAsASentenceNotAsTheExceptionText()
    {
        var calls = 0;
        await using var context = new BulkTestContext(database, smtp, services =>
            services.AddScoped<IDocumentService>(sp => BulkZipTests.ObservedDocuments.Create(
                ActivatorUtilities.CreateInstance<DocumentService>(sp), () =>
                {
                    // The first report fails as a full disk would; the others are produced.
                    if (Interlocked.Increment(ref calls) == 1)
                    {
                        throw new IOException("No space left on device : '/tmp/dashboard-4f2a.tmp'");
                    }
                })));
        var world = await BulkWorld.CreateAsync(database, context, candidates: 3);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates));
        }

        await context.RunAsync(world.Account.Id, id);

        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.CompletedWithFailures, request.Status);
        var failure = Assert.Single(request.Failures);
        Assert.Equal("Their report could not be produced; the error has been recorded. Try again with Retry.", failure.Message);
        Assert.Equal(2, (await smtp.WaitForAsync(3)).Count(m => m.To.Mailboxes.Single().Address != world.Admin.Email));
    }

    [Fact]
    public async Task ARunStoppedPartwayIsCompletedByTheNextRunWithoutSendingAnyoneTwice()
    {
        using var stop = new CancellationTokenSource();
        var sent = 0;
        const int stopAfter = 3;
        await using var context = new BulkTestContext(database, smtp, services =>
            services.AddSingleton<IEmailSender>(sp => new CountingSender(
                ActivatorUtilities.CreateInstance<MailKitEmailSender>(sp), () =>
                {
                    // The "crash": after k accepted messages the host is shutting down.
                    if (Interlocked.Increment(ref sent) == stopAfter)
                    {
                        stop.Cancel();
                    }
                })));
        var world = await BulkWorld.CreateAsync(database, context, candidates: 8);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates));
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.RunAsync(world.Account.Id, id, stop.Token));
        var interrupted = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.Running, interrupted.Status);
        Assert.Equal(stopAfter, (await smtp.WaitForAsync(stopAfter)).Count);

        await context.RunAsync(world.Account.Id, id);

        var messages = await smtp.WaitForAsync(world.Candidates.Count + 1);
        var toCandidates = messages.Select(m => m.To.Mailboxes.Single().Address).Where(a => a != world.Admin.Email).ToList();
        Assert.Equal(world.Candidates.Count, toCandidates.Count);
        Assert.Equal(world.Candidates.Count, toCandidates.Distinct().Count());
        var done = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.Completed, done.Status);
        Assert.Equal(2, done.RunCount);
    }

    [Fact]
    public async Task AnEmailWhoseDeliveryIsUnknownAfterACrashIsNotSentAgainButReported()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 3);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates));
        }

        // A previous run stored the key as Pending and died before learning whether SMTP accepted the message.
        var unknown = world.Candidates[0];
        await using (var db = database.CreateDbContext(world.Account.Id))
        {
            var request = await db.Set<BulkRequest>().SingleAsync(r => r.Id == id);
            request.Status = BulkStatus.Running;
            db.Add(new EmailSend
            {
                AccountId = world.Account.Id, BulkRequestId = id, CandidateId = unknown.Id, RegistrationId = 0,
                IdempotencyKey = EmailSend.KeyFor(id, unknown.Id, BulkKind.SendReportsToCandidates), Recipient = unknown.Email,
                Status = EmailSendStatus.Pending, Attempts = 1, CreatedAt = database.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        await context.RunAsync(world.Account.Id, id);

        var messages = await smtp.WaitForAsync(3);
        Assert.DoesNotContain(messages, m => m.To.Mailboxes.Single().Address == unknown.Email);
        Assert.Equal(2, messages.Count(m => m.To.Mailboxes.Single().Address != world.Admin.Email));
        var done = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal(BulkStatus.CompletedWithFailures, done.Status);
        Assert.StartsWith($"Delivery to {unknown.Email} is unknown", Assert.Single(done.Failures).Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("http://dashboard\\.test:5088/download/bulk/\\d+")]
    private static partial Regex LinkPattern();

    private sealed class CountingSender(IEmailSender inner, Action afterEachSend) : IEmailSender
    {
        public async Task<IEmailBatch> OpenBatchAsync(CancellationToken cancellationToken = default) =>
            new Batch(await inner.OpenBatchAsync(cancellationToken), afterEachSend);

        private sealed class Batch(IEmailBatch inner, Action afterEachSend) : IEmailBatch
        {
            public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
            {
                await inner.SendAsync(message, cancellationToken);
                afterEachSend();
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
