using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Admin;
using Dashboard.Web.Components.Pages.Analysis;
using Dashboard.Web.Components.Pages.ApiKeys;
using Dashboard.Web.Components.Pages.Certificates;
using Dashboard.Web.Components.Pages.DashboardMetrics;
using Dashboard.Web.Components.Pages.Jobs;
using Dashboard.Web.Components.Pages.Proctoring;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Localization;

/// <summary>
/// The Dashboard, Analysis, My requests, Proctoring, Certificates, Sitting attestation, Administrators, Audit log and
/// API keys pages rendered under fr-FR over a real database: each shows its French labels and no English resource text.
/// The data is French too (group, skills, names), so an English word on screen can only come from the interface.
/// </summary>
public sealed class FeaturePagesInFrenchTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _database = database;
    private readonly BunitContext _context = ComponentContext.Create();
    private AsyncServiceScope? _scope;
    private Account _account = default!;
    private Group _group = default!;
    private Subject _subject = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(_database);
        _account = await world.AccountAsync("Société Acme");
        _group = await world.GroupAsync(_account, "Ventes");
        _subject = await FrenchSubjectAsync(world, adaptive: true);
        foreach (var (first, last, score, pattern) in new[] { ("Élodie", "Brisson", 910.0, "111011"), ("Hugo", "Lefèvre", 640.0, "110010"), ("Inès", "Moreau", 380.0, "010000") })
        {
            await world.RegistrationAsync(await world.CandidateAsync(_group, first, last), _subject, type: TestType.Certification, score: score,
                configure: r =>
                {
                    AnalysisBuilders.Answers(_subject, pattern)(r);
                    r.ProctoringProfile = ProctoringProfile.Video;
                    r.ProctoringStatus = ProctoringStatus.PendingReview;
                    r.IncidentCount = 1;
                    r.CertificateValidated = score >= 551;
                    r.CertificateNumber = score >= 551 ? $"RD-{last[..3]}-0001" : null;
                });
        }
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheDashboardReadsInFrench()
    {
        var packs = new AccountsBuilder(_database);
        await packs.CreditPackAsync(_account, TestType.Certification, initial: 100, remaining: 60);
        using var french = FrenchHarness.French();
        var popovers = Arrange();

        var page = _context.Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=question-stats] tbody tr")));
        Assert.Equal("Tableau de bord", page.Find("h1").TextContent.Trim());
        Assert.Equal(new[] { "Rang", "Nom", "Date du test", "Score" }, page.FindAll("[data-testid=top-ten] th").Select(th => th.TextContent.Trim()));
        Assert.Contains("Mettre à jour le tableau de bord", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Packs actifs (1)", page.Find("[data-testid=credit-packs]").TextContent, StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(page.Markup, popovers.Markup));
    }

    [Fact]
    public async Task TheAnalysisReadsInFrench()
    {
        var registration = await FirstRegistrationAsync();
        using var french = FrenchHarness.French();
        var popovers = Arrange();

        var page = _context.Render<AnalysisPage>(p => p.Add(x => x.Id, registration));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=calibration-curve]")));
        Assert.Contains("Score par compétence", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Question par question", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Réponse du candidat", page.Find("[data-testid=question-table] thead").TextContent, StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(page.Markup, popovers.Markup));
    }

    [Fact]
    public async Task MyRequestsReadInFrench()
    {
        await using (var db = _database.CreateDbContext(_account.Id))
        {
            var failed = Request(BulkStatus.CompletedWithFailures);
            failed.Failures.Add(new BulkItemFailure { AccountId = _account.Id, ItemName = "Inès Moreau", Message = "Adresse refusée", Attempts = 3, At = _database.Time.GetUtcNow() });
            db.Set<BulkRequest>().AddRange(Request(BulkStatus.Queued), Request(BulkStatus.Running), Request(BulkStatus.Completed), failed);
            await db.SaveChangesAsync();
        }

        using var french = FrenchHarness.French();
        var popovers = Arrange();

        var page = _context.Render<Jobs>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=job-status]").Count));
        Assert.Equal("Mes demandes", page.Find("h1").TextContent.Trim());
        Assert.Contains("Demandée le", page.Find("[data-testid=jobs-table] thead").TextContent, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("[data-testid=job-status]"), chip => chip.TextContent.Contains("Terminée avec des échecs", StringComparison.Ordinal));
        Assert.Empty(FrenchHarness.EnglishLeftovers(page.Markup, popovers.Markup));
    }

    [Fact]
    public async Task TheProctoringReviewAndItsDialogsReadInFrench()
    {
        var registration = await FirstRegistrationAsync();
        await using (var db = _database.CreateDbContext(_account.Id))
        {
            db.ProctoringIncidents.Add(new ProctoringIncident { RegistrationId = registration, Kind = IncidentKind.SecondPerson, OccurredAt = _database.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        using var french = FrenchHarness.French();
        var popovers = Arrange();
        var dialogs = _context.Render<MudDialogProvider>();

        var page = _context.Render<Dashboard.Web.Components.Pages.Proctoring.ProctoringPage>();

        page.WaitForAssertion(() => Assert.Equal("3 passages surveillés", page.Find("[data-testid=proctoring-total]").TextContent.Trim()));
        Assert.Equal("Surveillance", page.Find("h1").TextContent.Trim());
        Assert.Empty(FrenchHarness.EnglishLeftovers(page.Markup, popovers.Markup));

        await page.FindAll("button[aria-label='Commentaire de revue du protocole']")[0].ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=guidance]")));
        Assert.Contains("Demander une explication au candidat", dialogs.Markup, StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Fermer").ClickAsync(new());

        await page.FindAll("button[aria-label='Invalider']")[0].ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=decision-title]")));
        Assert.StartsWith("Invalider le passage de", dialogs.Find("[data-testid=decision-title]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(dialogs.Markup));
    }

    [Fact]
    public void TheCandidatesEmailSpeaksTheirLanguageWhateverTheInterfaces()
    {
        using var english = FrenchHarness.English();
        var model = new ExplanationRequestEmail("fr", "Élodie Brisson", "Tableur", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            ["10:02:11 — Deuxième personne"], "https://exemple.test/proctoring/explain?token=abc", new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero), "Société Acme");

        var email = _context.Render<ExplanationRequestEmailBody>(p => p.Add(x => x.Model, model));

        Assert.Contains("Lors de votre test <strong>Tableur</strong> du 20 novembre 2026, la surveillance a relevé :", email.Markup, StringComparison.Ordinal);
        Assert.Contains("Le lien expire le 4 décembre 2026.", email.Markup, StringComparison.Ordinal);
        // "Results Dashboard" is the product's name, the same in both languages.
        Assert.Empty(FrenchHarness.EnglishLeftovers(email.Markup.Replace("Results Dashboard", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void CertificatesAndAttestationsReadInFrench()
    {
        using var french = FrenchHarness.French();
        var popovers = Arrange();

        var certificates = _context.Render<CertificatesPage>();
        var attestations = _context.Render<AttestationsPage>();

        certificates.WaitForAssertion(() => Assert.Contains("Brisson", certificates.Markup, StringComparison.Ordinal));
        attestations.WaitForAssertion(() => Assert.Contains("Moreau", attestations.Markup, StringComparison.Ordinal));
        Assert.Equal("Certificats", certificates.Find("h1").TextContent.Trim());
        Assert.Equal("Attestation de passage", attestations.Find("h1").TextContent.Trim());
        Assert.Contains("Numéro de certificat", certificates.Markup, StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(certificates.Markup, attestations.Markup, popovers.Markup));
    }

    [Fact]
    public async Task AdministratorsAuditLogAndApiKeysReadInFrench()
    {
        await AccountsBuilder.CreateAdministratorAsync(_database.Services, _account.Id, Privileges.Viewer, name: "Victor Lecteur");
        using var french = FrenchHarness.French();
        var popovers = Arrange();
        var dialogs = _context.Render<MudDialogProvider>();

        var administrators = _context.Render<AdministratorsPage>();
        var audit = _context.Render<AuditLogPage>();
        var keys = _context.Render<ApiKeysPage>();

        administrators.WaitForAssertion(() => Assert.Contains("Victor Lecteur", administrators.Markup, StringComparison.Ordinal));
        Assert.Contains("Voir les résultats", administrators.Markup, StringComparison.Ordinal);
        Assert.Equal("Journal d'audit", audit.Find("h1").TextContent.Trim());
        keys.WaitForAssertion(() => Assert.Contains("Aucune clé d'API pour l'instant", keys.Markup, StringComparison.Ordinal));
        Assert.Empty(FrenchHarness.EnglishLeftovers(administrators.Markup, audit.Markup, keys.Markup, popovers.Markup));

        await administrators.FindAll("button").First(b => b.TextContent.Contains("Modifier les droits", StringComparison.Ordinal)).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Gérer les administrateurs", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(FrenchHarness.EnglishLeftovers(dialogs.Markup));
    }

    /// <summary>An adaptive subject whose skills have French names.</summary>
    private async Task<Subject> FrenchSubjectAsync(WorldBuilder world, bool adaptive)
    {
        var subject = await world.SubjectAsync("Tableur", skills: 2, questionsPerSkill: 3, adaptive: adaptive);
        await using var db = _database.CreateDbContext(null);
        var skills = db.Skills.Where(s => s.SubjectId == subject.Id).OrderBy(s => s.Order).ToList();
        (skills[0].Name, skills[1].Name) = ("Formules", "Graphiques");
        await db.SaveChangesAsync();
        return subject;
    }

    private async Task<int> FirstRegistrationAsync()
    {
        await using var db = _database.CreateDbContext(_account.Id);
        return db.Registrations.OrderBy(r => r.Id).Select(r => r.Id).First();
    }

    private BulkRequest Request(BulkStatus status) => new()
    {
        AccountId = _account.Id, Kind = BulkKind.SendReportsToCandidates, RequestedById = 1, RequestedByEmail = "proprietaire@acme.test",
        RequestedByName = "Paule Propriétaire", GroupId = _group.Id, GroupName = _group.Name, SubjectId = _subject.Id, SubjectName = _subject.Name,
        Language = "fr", PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 11, 27), Status = status, ItemsTotal = 3,
        ItemsDone = status is BulkStatus.Queued ? 0 : 2, CreatedAt = _database.Time.GetUtcNow().AddHours(-1),
        StartedAt = status is BulkStatus.Queued ? null : _database.Time.GetUtcNow().AddMinutes(-50),
        FinishedAt = status is BulkStatus.Completed or BulkStatus.CompletedWithFailures ? _database.Time.GetUtcNow().AddMinutes(-48) : null,
        OutputFileName = status is BulkStatus.Completed ? "rapports.zip" : null, ExpiresAt = _database.Time.GetUtcNow().AddDays(7),
    };

    /// <summary>The account's owner acting in the live circuit; every Core service the pages ask for comes from that scope.</summary>
    private IRenderedComponent<MudPopoverProvider> Arrange()
    {
        _scope = _database.CreateScope(_account.Id, 1, Privileges.Owner, "Paule Propriétaire");
        var services = _scope.Value.ServiceProvider;
        foreach (var type in new[]
        {
            typeof(AccountScope), typeof(AccountCalendars), typeof(Dashboard.Core.DashboardMetrics.DashboardQuery), typeof(Dashboard.Core.Analysis.ResultAnalysisQuery),
            typeof(ProctoringReviewService), typeof(CaptureReader), typeof(CandidateExplanations), typeof(Dashboard.Core.Live.IAccountFeed<Dashboard.Core.Live.ResultsChange>),
            typeof(BulkRequestService), typeof(Dashboard.Core.Live.IAccountFeed<BulkProgress>), typeof(Dashboard.Core.Documents.CertificateList),
            typeof(Dashboard.Core.Documents.AttestationList), typeof(AdministratorService), typeof(AuditQuery), typeof(Dashboard.Core.Sittings.ApiKeyService),
        })
        {
            _context.Services.AddSingleton(type, services.GetRequiredService(type));
        }

        _context.Services.AddSingleton<TimeProvider>(_database.Time);
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return _context.Render<MudPopoverProvider>();
    }
}
