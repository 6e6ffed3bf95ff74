using Dashboard.Core.Email;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Dashboard.Tests.Core.Bulk;

public sealed class EmailSenderTests : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "dashboard-outbox-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task WithoutAnSmtpHostEveryMessageIsWrittenAsAnEmlFileToThePickupFolder()
    {
        var sender = new MailKitEmailSender(Options.Create(new SmtpOptions { PickupDirectory = _outbox }),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero)));

        await using (var batch = await sender.OpenBatchAsync())
        {
            await batch.SendAsync(new EmailMessage("anne.martin@example.test", "Anne Martin", "Your Excel results report", "<p>Hello Anne</p>")
            {
                Attachments = [new EmailAttachment("Martin Anne.pdf", "application/pdf", "%PDF-1.4 test"u8.ToArray())],
            });
            await batch.SendAsync(new EmailMessage("benoit@example.test", "Benoît Dupont", "Votre rapport", "<p>Bonjour</p>"));
        }

        var files = Directory.GetFiles(_outbox, "*.eml").Order().ToList();
        Assert.Equal(2, files.Count);
        Assert.Empty(Directory.GetFiles(_outbox, "*.tmp"));
        var messages = files.Select(f => MimeMessage.Load(f)).ToList();
        var anne = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "anne.martin@example.test");
        Assert.Equal("Your Excel results report", anne.Subject);
        Assert.Equal("no-reply@results-dashboard.local", anne.From.Mailboxes.Single().Address);
        Assert.Equal("Martin Anne.pdf", Assert.Single(anne.Attachments).ContentDisposition?.FileName);
        Assert.Contains(messages, m => m.To.Mailboxes.Single().Name == "Benoît Dupont");
    }

    [Theory]
    [InlineData("smtp.example.com", null, "Smtp:From is required")]
    [InlineData("smtp.example.com", "not an address", "is not an email address")]
    public void AnSmtpHostWithoutAValidSenderIsAConfigurationError(string host, string? from, string expected)
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions { Host = host, From = from });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void NoHostIsValidAndMeansThePickupFolder()
    {
        var options = new SmtpOptions();
        Assert.True(new SmtpOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.UsesPickupDirectory);
    }

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }
}
