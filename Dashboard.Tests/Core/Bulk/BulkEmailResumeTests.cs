using Dashboard.Core.Bulk;
using Dashboard.Core.Email;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>A send stopped partway or crashed: the next run finishes it without sending anyone twice.</summary>
public sealed class BulkEmailResumeTests(TestDatabase database, SmtpServerFixture smtp) : IClassFixture<TestDatabase>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        smtp.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

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
        var id = await context.RequestAsync(world, world.Input(BulkKind.SendReportsToCandidates));

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
        var id = await context.RequestAsync(world, world.Input(BulkKind.SendReportsToCandidates));

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
