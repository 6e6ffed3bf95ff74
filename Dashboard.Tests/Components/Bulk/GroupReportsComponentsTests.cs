using System.Collections.Concurrent;
using Bunit;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Core.Bulk;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Jobs;
using Dashboard.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Dashboard.Tests.Components.Bulk;

/// <summary>The Group reports menu and its dialog, rendered with bUnit over a real database.</summary>
public sealed class GroupReportsComponentsTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();
    private readonly ConcurrentQueue<int> _scheduled = new();
    private BulkWorld _world = default!;
    private BulkTestContext _bulk = default!;

    public async Task InitializeAsync()
    {
        _bulk = new BulkTestContext(database, smtp: null);
        _world = await BulkWorld.CreateAsync(database, _bulk, candidates: 2);

        _context.Services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, database.ConnectionString));
        _context.Services.AddSingleton<TimeProvider>(database.Time);
        _context.Services.AddSingleton<IBulkScheduler>(new Recording(_scheduled));
        var scope = new AccountScope();
        scope.SetAdministrator(_world.Account.Id, _world.Admin.Id, _world.Admin.DisplayName, Privileges.Owner);
        _context.Services.AddScoped(_ => scope);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _bulk.DisposeAsync();
    }

    [Fact]
    public void WithoutAGroupTheMenuIsDisabledAndShowsTheWarning()
    {
        var menu = _context.Render<GroupReportsMenu>(p => p.Add(m => m.Filter, ResultsFilter.Default));

        Assert.True(menu.Find("button").HasAttribute("disabled"));
        Assert.Equal("Group reports", menu.Find("button").GetAttribute("aria-label"));
        Assert.Equal("Group reports", menu.Find("button").TextContent.Trim());
        Assert.Contains("Select a group and clear the search field to generate group reports", menu.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        // A menu that cannot open is MudMenu's markup only: every open Results page would hold its components.
        Assert.Empty(menu.FindComponents<MudMenu>());
        Assert.Empty(menu.FindComponents<MudIcon>());
    }

    [Fact]
    public void ASearchTermDisablesTheMenuEvenWithAGroup()
    {
        var menu = _context.Render<GroupReportsMenu>(p => p.Add(m => m.Filter, new ResultsFilter { GroupId = _world.Group.Id, Search = "martin" }));

        Assert.True(menu.Find("button").HasAttribute("disabled"));
        Assert.NotEmpty(menu.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task WithAGroupAndNoSearchTheMenuOffersTheEightActions()
    {
        var providers = _context.Render<MudPopoverProvider>();
        var menu = _context.Render<GroupReportsMenu>(p => p.Add(m => m.Filter, new ResultsFilter { GroupId = _world.Group.Id, Search = " " }));

        Assert.False(menu.Find("button").HasAttribute("disabled"));
        Assert.Empty(menu.FindAll("[role=alert]"));
        await menu.Find("button").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        var items = providers.WaitForElements(".mud-menu-item", TimeSpan.FromSeconds(5));
        Assert.Equal(8, items.Count);
        Assert.Contains(items, i => i.TextContent.Contains("Send each candidate their certificate", StringComparison.Ordinal));
        Assert.Contains(items, i => i.TextContent.Contains("Download the skills file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDialogRefusesAPeriodThatEndsBeforeItStarts()
    {
        var (providers, dialog) = await OpenDialogAsync();
        var pickers = dialog.FindComponents<MudDatePicker>();
        await pickers[0].InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(new DateTime(2026, 6, 1)));
        await pickers[1].InvokeAsync(() => pickers[1].Instance.DateChanged.InvokeAsync(new DateTime(2026, 5, 1)));

        await ConfirmAsync(providers);

        providers.WaitForAssertion(() => Assert.Contains("The end of the period must be on or after its start.",
            providers.Find("[data-testid=bulk-errors]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_scheduled);
    }

    [Fact]
    public async Task TheDialogAsksForAMissingStartDate()
    {
        var (providers, dialog) = await OpenDialogAsync();
        var pickers = dialog.FindComponents<MudDatePicker>();
        await pickers[0].InvokeAsync(() => pickers[0].Instance.DateChanged.InvokeAsync(null));

        await ConfirmAsync(providers);

        providers.WaitForAssertion(() => Assert.Contains("Choose the start of the period.",
            providers.Find("[data-testid=bulk-errors]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_scheduled);
    }

    [Fact]
    public async Task TheDialogListsOnlyTheTestsTheGroupTookAndRegistersAValidRequest()
    {
        var (providers, dialog) = await OpenDialogAsync();
        var select = dialog.FindComponents<MudSelect<int?>>().Single();
        Assert.Equal(_world.Subject.Id, select.Instance.GetState(x => x.Value));

        await ConfirmAsync(providers);

        providers.WaitForAssertion(() => Assert.Single(_scheduled));
        var snackbar = _context.Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message != null && s.Message.StartsWith("Your request has been registered. You will receive an email", StringComparison.Ordinal));
        await using var db = database.CreateDbContext(_world.Account.Id);
        var request = await db.Set<BulkRequest>().SingleAsync();
        Assert.Equal((BulkKind.AllIndividualReports, _world.Subject.Id, new DateOnly(2025, 11, 27), new DateOnly(2026, 11, 27)),
            (request.Kind, request.SubjectId, request.PeriodFrom, request.PeriodTo));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Providers, IRenderedComponent<GroupReportDialog> Dialog)> OpenDialogAsync()
    {
        _context.Render<MudPopoverProvider>();
        var providers = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<GroupReportDialog>
        {
            { d => d.Kind, BulkKind.AllIndividualReports },
            { d => d.GroupId, _world.Group.Id },
            { d => d.GroupName, _world.Group.Name },
        };
        await providers.InvokeAsync(() => dialogs.ShowAsync<GroupReportDialog>("Download all individual reports", parameters));
        providers.WaitForState(() => providers.FindComponents<GroupReportDialog>().Count == 1, TimeSpan.FromSeconds(5));
        var dialog = providers.FindComponent<GroupReportDialog>();
        dialog.WaitForState(() => dialog.FindComponents<MudDatePicker>().Count == 2, TimeSpan.FromSeconds(5));
        return (providers, dialog);
    }

    [Fact]
    public async Task MyRequestsShowsWhenEachRequestWasMadeInTheAccountsZone()
    {
        await using (var db = database.CreateDbContext(_world.Account.Id))
        {
            db.Add(new BulkRequest
            {
                AccountId = _world.Account.Id, Kind = BulkKind.GroupReport, RequestedById = _world.Admin.Id, RequestedByEmail = "owner@example.test",
                RequestedByName = _world.Admin.DisplayName, GroupId = _world.Group.Id, GroupName = _world.Group.Name, SubjectId = _world.Subject.Id,
                SubjectName = _world.Subject.Name, Language = "en", PeriodFrom = new DateOnly(2026, 11, 1), PeriodTo = new DateOnly(2026, 11, 27),
                Status = BulkStatus.Queued, CreatedAt = new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero),
            });
            await db.SaveChangesAsync();
        }

        var page = _context.Render<Jobs>();

        // 23:30 UTC is 00:30 the next day in Paris; the date reads as the account calendar writes every time on screen.
        var paris = AccountCalendar.For("Europe/Paris").Format(new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));
        Assert.Contains("00:30 (Europe/Paris)", paris, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains(paris, page.Find("td[data-label=Requested]").TextContent, StringComparison.Ordinal));
    }

    private static Task ConfirmAsync(IRenderedComponent<MudDialogProvider> providers) =>
        providers.FindAll("button").Single(b => b.TextContent.Trim() == "Confirm").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

    private sealed class Recording(ConcurrentQueue<int> scheduled) : IBulkScheduler
    {
        public Task ScheduleAsync(int requestId, int accountId, CancellationToken cancellationToken = default)
        {
            scheduled.Enqueue(requestId);
            return Task.CompletedTask;
        }
    }
}
