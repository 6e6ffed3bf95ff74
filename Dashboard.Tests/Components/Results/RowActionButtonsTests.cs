using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
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
    public void AssignAndCancelRaiseTheirCallbacksWithTheRow()
    {
        ResultRow? assigned = null;
        ResultRow? cancelled = null;
        var row = Row(id: 5, status: RegistrationStatus.PendingGrading);
        var cut = _context.Render<RowActionButtons>(p => p
            .Add(c => c.Row, row)
            .Add(c => c.Actions, RowActions.AssignGrader | RowActions.Cancel)
            .Add(c => c.OnAssignGrader, r => assigned = r)
            .Add(c => c.OnCancel, r => cancelled = r));

        cut.Find("[aria-label='Assign to a grader']").Click();
        cut.Find("[aria-label='Cancel the registration']").Click();

        Assert.Equal(5, assigned?.Id);
        Assert.Equal(5, cancelled?.Id);
    }
}
