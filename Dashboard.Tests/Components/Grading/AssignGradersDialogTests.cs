using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Grading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Grading;

public sealed class AssignGradersDialogTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private BunitContext _context = default!;
    private Account _account = default!;
    private Administrator _gaston = default!;
    private Administrator _greta = default!;
    private readonly List<Registration> _tests = [];

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        _account = await world.AccountAsync();
        var owner = await people.AdministratorAsync(_account, "Olivia Owner", Privileges.Owner);
        _gaston = await people.AdministratorAsync(_account, "Gaston Grader", Privileges.Grader);
        _greta = await people.AdministratorAsync(_account, "Greta Grader", Privileges.Grader);
        await people.AdministratorAsync(_account, "Victor Viewer", Privileges.Viewer);
        var subject = await world.SubjectAsync(essays: 1);
        var candidate = await world.CandidateAsync(await world.GroupAsync(_account));
        for (var i = 0; i < 3; i++)
        {
            _tests.Add(await people.PendingTestAsync(candidate, subject));
        }

        _context = GradingComponentHost.Create(database, _account, owner);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task ConfirmingNeedsAtLeastOneGrader()
    {
        var (provider, _) = await OpenAsync();

        Assert.Equal(["Gaston Grader", "Greta Grader", "Olivia Owner"], provider.FindAll("label.mud-checkbox").Select(l => l.TextContent.Trim()));
        Assert.DoesNotContain("Victor Viewer", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Choose at least one grader.", provider.Markup, StringComparison.Ordinal);
        Assert.True(ConfirmButton(provider).HasAttribute("disabled"));
    }

    [Fact]
    public async Task TickingGradersShowsHowManyTestsEachGetsAndConfirmingAssignsThem()
    {
        var (provider, result) = await OpenAsync();

        Checkbox(provider, "Gaston Grader").Change(true);
        Checkbox(provider, "Greta Grader").Change(true);

        provider.WaitForAssertion(() => Assert.Equal(["2 tests", "1 test", ""], provider.FindAll(".share-count").Select(c => c.TextContent.Trim())));
        Assert.DoesNotContain("Choose at least one grader.", provider.Markup, StringComparison.Ordinal);

        ConfirmButton(provider).Click();

        var shares = await result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(shares);
        Assert.Equal([(_gaston.Id, 2), (_greta.Id, 1)], shares.Select(s => (s.GraderId, s.RegistrationIds.Count)));
        await using var db = database.CreateDbContext(_account.Id);
        var ids = _tests.Select(t => t.Id).ToList();
        var graders = await db.Registrations.Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.GraderId).ToListAsync();
        Assert.Equal([_gaston.Id, _greta.Id, _gaston.Id], graders);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<IReadOnlyList<GraderShare>?> Result)> OpenAsync()
    {
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        Task<IReadOnlyList<GraderShare>?> result = null!;
        // A statement lambda (Action): awaiting the dialog task itself here would wait for the dialog to close.
        await provider.InvokeAsync(() => { result = AssignGradersDialog.ShowAsync(dialogs, [.. _tests.Select(t => t.Id)]); });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("label.mud-checkbox")));
        Assert.Contains("Assign 3 tests to graders", provider.Markup, StringComparison.Ordinal);
        return (provider, result);
    }

    private static IElement Checkbox(IRenderedComponent<MudDialogProvider> provider, string name) =>
        provider.FindAll("label.mud-checkbox").Single(l => l.TextContent.Trim() == name).QuerySelector("input")!;

    private static IElement ConfirmButton(IRenderedComponent<MudDialogProvider> provider) =>
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Confirm");
}
