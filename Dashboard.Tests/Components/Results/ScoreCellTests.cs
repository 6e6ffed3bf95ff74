using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Shared;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Results;

public sealed class ScoreCellTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void CompletedTestOnThe1000ScaleShowsScoreAndLevel()
    {
        var row = Row(configure: r => { r.Score = 742.4; r.Level = ScoreLevel.Advanced; });

        var cut = _context.Render<ScoreCell>(p => p.Add(c => c.Row, row));

        Assert.Equal("742 · Advanced", cut.Find(".score-cell").TextContent.Trim());
    }

    [Fact]
    public void CompletedTestOnThePercentageScaleShowsPercent()
    {
        var row = Row(configure: r => { r.Scale = ScoreScale.Percentage; r.Score = 67.6; });

        var cut = _context.Render<ScoreCell>(p => p.Add(c => c.Row, row));

        Assert.Equal("68 %", cut.Find(".score-cell").TextContent.Trim());
    }

    [Theory]
    [InlineData(RegistrationStatus.ToBeTaken, "To be taken")]
    [InlineData(RegistrationStatus.InProgress, "In progress")]
    [InlineData(RegistrationStatus.PendingGrading, "Pending grading")]
    [InlineData(RegistrationStatus.Cancelled, "Cancelled")]
    public void UnfinishedTestShowsNoResultYetWithItsStatus(RegistrationStatus status, string statusText)
    {
        var cut = _context.Render<ScoreCell>(p => p.Add(c => c.Row, Row(status: status)));

        Assert.Contains("No result yet", cut.Markup);
        Assert.Equal(statusText, cut.Find("[data-status]").TextContent.Trim());
        Assert.DoesNotContain("·", cut.Markup);
    }
}
