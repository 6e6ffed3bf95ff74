using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Core.Bulk;
using Dashboard.Core.Documents.Localization;
using Dashboard.Tests.Core.Documents;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>
/// A French request's emails and PDF read their words from Strings.fr.resx, the one resources mechanism of the
/// documents: the texts the candidate and the requester receive are the French resource values, word for word.
/// </summary>
public sealed class FrenchResourcesTests(TestDatabase database, SmtpServerFixture smtp) : IClassFixture<TestDatabase>, IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public Task InitializeAsync()
    {
        smtp.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AFrenchCandidateEmailItsPdfAndTheRequestersEmailCarryTheFrenchResources()
    {
        await using var context = new BulkTestContext(database, smtp);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.SendReportsToCandidates, "fr"));
        }

        await context.RunAsync(world.Account.Id, id);

        var messages = await smtp.WaitForAsync(2);
        var candidate = world.Candidates[0];
        var toCandidate = messages.Single(m => m.To.Mailboxes.Single().Address == candidate.Email);
        var body = WebUtility.HtmlDecode(toCandidate.HtmlBody!);
        Assert.Contains(Resource("Email.Candidate.AttachedReport"), body, StringComparison.Ordinal);
        // "Bonjour {0}," around the candidate's name.
        var greeting = Resource("Email.Greeting").Split("{0}");
        Assert.Matches($"{Regex.Escape(greeting[0])}[^<]*{Regex.Escape(candidate.FirstName)}[^<]*{Regex.Escape(greeting[1])}", body);
        Assert.Contains(Resource("Email.Candidate.Regards"), body, StringComparison.Ordinal);
        // The same words as before the move to resources.
        Assert.Contains("Vous trouverez ci-joint votre rapport de résultats", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Please find attached", body, StringComparison.Ordinal);

        var attachment = Assert.Single(toCandidate.Attachments.OfType<MimePart>());
        using var pdfBytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdfBytes);
        var text = DocumentWorld.PdfText(pdfBytes.ToArray());
        Assert.Contains(Resource("IndividualReport"), text, StringComparison.Ordinal);
        Assert.True(text.Contains(Resource("GeneratedOn").Split("{0}")[0], StringComparison.Ordinal), text);
        Assert.DoesNotContain("Individual report", text, StringComparison.Ordinal);

        var toRequester = messages.Single(m => m.To.Mailboxes.Single().Address == world.Admin.Email);
        var requesterBody = WebUtility.HtmlDecode(toRequester.HtmlBody!);
        Assert.Contains(Resource("Email.Bulk.Complete"), requesterBody, StringComparison.Ordinal);
        Assert.Contains(Resource("BulkKind.SendReportsToCandidates"), requesterBody, StringComparison.Ordinal);
        Assert.StartsWith("Votre demande est prête", toRequester.Subject, StringComparison.Ordinal);
    }

    private static string Resource(string key) => Strings.Resources.GetString(key, French) ?? throw new KeyNotFoundException(key);
}
