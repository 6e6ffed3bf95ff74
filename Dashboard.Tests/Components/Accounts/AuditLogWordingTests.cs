using System.Globalization;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Accounts;

/// <summary>The audit log shows what a person reads, not the names stored in the entries (issue 11, defect 12).</summary>
public sealed class AuditLogWordingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private AccountsComponentContext? _context;
    private Administrator _owner = default!;
    private Subject _subject = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var accounts = new AccountsBuilder(database);
        _owner = await accounts.AdministratorAsync(account, Privileges.Owner, name: "Olivia Owner");
        var grader = await accounts.AdministratorAsync(account, Privileges.Grader, name: "Gaston Grader");
        _subject = await world.SubjectAsync("Writing", skills: 1, questionsPerSkill: 1, essays: 1);
        var test = await new GradingBuilder(database).PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(account)), _subject);

        // The entries are written by the real services, as the app writes them.
        await using (var asOwner = database.CreateScope(_owner))
        {
            await asOwner.ServiceProvider.GetRequiredService<GraderAssignment>().AssignAsync([test.Id], [grader.Id], CancellationToken.None);
            var log = asOwner.ServiceProvider.GetRequiredService<AuditLog>();
            await using var db = database.CreateDbContext(account.Id);
            // The detail BulkRequestService writes for a bulk send.
            log.Record(db, AuditLog.Actions.BulkSend, detail: FormattableString.Invariant(
                $"SendReportsToCandidates request 7: group 3 \"Sales\", subject {_subject.Id}, en, 2026-01-01..2026-11-30"));
            await db.SaveChangesAsync();
        }

        await using var asGrader = database.CreateScope(grader);
        var grading = asGrader.ServiceProvider.GetRequiredService<GradingService>();
        var sheet = await grading.LoadAsync(test.Id, CancellationToken.None);
        var version = sheet.Version;
        foreach (var question in sheet.Questions)
        {
            version = await grading.ConfirmAsync(test.Id, version, new GradeInput(question.ResponseId, question.MaxPoints, "Clear"), CancellationToken.None);
        }

        await grading.SaveAsync(test.Id, version, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Fact]
    public void TheLogNamesTheGraderTheStatusAndTheSubjectInEnglish()
    {
        var text = RenderLog("en-GB");

        Assert.Contains("Grader: — → Gaston Grader", text);
        Assert.Contains("Status: Pending grading → Completed", text);
        Assert.Contains("Certificate validated: — → No", text);
        Assert.Contains("Send each candidate their report", text);
        Assert.Contains("subject \"Writing\"", text);
        Assert.Contains("group \"Sales\"", text);
        Assert.DoesNotContain("GraderId", text);
        Assert.DoesNotContain("PendingGrading", text);
        Assert.DoesNotContain($"subject {_subject.Id}", text);
        Assert.DoesNotContain("SendReportsToCandidates", text);
    }

    [Fact]
    public void TheLogReadsInFrenchForAFrenchInterface()
    {
        var text = RenderLog("fr-FR");

        Assert.Contains("Correcteur\u00a0: — → Gaston Grader", text);
        Assert.Contains("Statut\u00a0: En attente de correction →", text);
        Assert.Contains("Attribution d'un correcteur", text);
        Assert.Contains("Envoyer à chaque candidat son rapport", text);
        Assert.Contains("subject \"Writing\"", text);
        Assert.DoesNotContain("PendingGrading", text);
        Assert.DoesNotContain("Pending grading", text);
    }

    private string RenderLog(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            _context = new AccountsComponentContext(database, _owner);
            _context.RenderProviders();
            var page = _context.Bunit.Render<AuditLogPage>();
            page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tbody tr").Count));
            return string.Join("\n", page.FindAll("tbody tr").Select(r => r.TextContent));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
