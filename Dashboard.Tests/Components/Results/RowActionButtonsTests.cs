using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Pages.Results;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Results;

public sealed class RowActionButtonsTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void LinksGoToTheAnalysisGradingAndCertificatePagesOfTheRow()
    {
        var cut = _context.Render<RowActionButtons>(p => p
            .Add(c => c.Row, Row(id: 42))
            .Add(c => c.Actions, RowActions.Analysis | RowActions.Grade | RowActions.DownloadCertificate));

        Assert.Equal("/results/analysis/42", cut.Find("[aria-label=Analysis]").GetAttribute("href"));
        Assert.Equal("/grading/42", cut.Find("[aria-label=Grade]").GetAttribute("href"));
        Assert.Equal("/download/certificate/42", cut.Find("[aria-label='Download the certificate']").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-action=assign], [data-action=cancel]"));
    }

    [Fact]
    public async Task AssignAndCancelRaiseTheirCallbacksWithTheRow()
    {
        ResultRow? assigned = null;
        ResultRow? cancelled = null;
        var row = Row(id: 5, status: RegistrationStatus.PendingGrading);
        var cut = _context.Render<RowActionButtons>(p => p
            .Add(c => c.Row, row)
            .Add(c => c.Actions, RowActions.AssignGrader | RowActions.Cancel)
            .Add(c => c.OnAssignGrader, r => assigned = r)
            .Add(c => c.OnCancel, r => cancelled = r));

        // The buttons are markup: a click raises rowaction from the button (Dashboard.Web.lib.module.js) with its data.
        var assign = cut.Find("[aria-label='Assign to a grader']");
        var cancel = cut.Find("[aria-label='Cancel the registration']");
        Assert.Equal(("assign", "5"), (assign.GetAttribute("data-action"), assign.GetAttribute("data-row")));
        Assert.Equal(("cancel", "5"), (cancel.GetAttribute("data-action"), cancel.GetAttribute("data-row")));
        await assign.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "assign", Row = 5 });
        await cancel.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "cancel", Row = 5 });

        Assert.Equal(5, assigned?.Id);
        Assert.Equal(5, cancelled?.Id);
    }

    [Fact]
    public async Task AnEventForAnotherRowOrAnActionTheRowDoesNotOfferDoesNothing()
    {
        var calls = 0;
        var cut = _context.Render<RowActionButtons>(p => p
            .Add(c => c.Row, Row(id: 5, status: RegistrationStatus.PendingGrading))
            .Add(c => c.Actions, RowActions.AssignGrader)
            .Add(c => c.OnAssignGrader, _ => calls++)
            .Add(c => c.OnCancel, _ => calls++));
        var assign = cut.Find("[aria-label='Assign to a grader']");

        await assign.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "cancel", Row = 5 });
        await assign.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "assign", Row = 6 });
        await assign.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = null, Row = 5 });

        Assert.Equal(0, calls);
    }
}
