using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Shared;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Results;

public sealed class ProtocolIndicatorsTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void ProctoredSittingShowsTheCameraNamedAfterItsProfile()
    {
        var row = Row(configure: r => { r.Profile = ProctoringProfile.RoomScan; r.ProctoringStatus = ProctoringStatus.PendingReview; });

        var cut = _context.Render<ProtocolIndicators>(p => p.Add(c => c.Row, row));

        var camera = cut.Find("[data-indicator=proctoring]");
        Assert.Equal("Remote proctoring: Room scan", camera.GetAttribute("aria-label"));
        Assert.Equal("Remote proctoring: Room scan", camera.QuerySelector("title")!.TextContent);
    }

    [Theory]
    [InlineData(ProctoringStatus.PendingReview, "Pending review", "warning")]
    [InlineData(ProctoringStatus.Validated, "Validated", "success")]
    [InlineData(ProctoringStatus.Invalid, "Invalid", "error")]
    [InlineData(ProctoringStatus.AwaitingDetails, "Awaiting details", "warning")]
    public void IntegrityStateIsAColouredChip(ProctoringStatus status, string text, string colour)
    {
        var row = Row(configure: r => { r.Profile = ProctoringProfile.Video; r.ProctoringStatus = status; });

        var cut = _context.Render<ProtocolIndicators>(p => p.Add(c => c.Row, row));

        var chip = cut.Find("[data-indicator=integrity]");
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Contains($"mud-chip-color-{colour}", chip.ClassName);
    }

    [Fact]
    public void IncidentsShowTheirCountInABadge()
    {
        var row = Row(configure: r => { r.Profile = ProctoringProfile.FullScreen; r.ProctoringStatus = ProctoringStatus.AwaitingDetails; r.Incidents = 3; });

        var cut = _context.Render<ProtocolIndicators>(p => p.Add(c => c.Row, row));

        Assert.Equal("3", cut.Find("[data-indicator=incidents] .mud-badge").TextContent);
        Assert.Contains("3 incidents", cut.Find("[aria-label='3 incidents']").GetAttribute("aria-label"));
    }

    [Fact]
    public void SittingWithoutProctoringShowsNoIndicator()
    {
        var cut = _context.Render<ProtocolIndicators>(p => p.Add(c => c.Row, Row()));

        Assert.Empty(cut.FindAll("[data-indicator]"));
        Assert.Contains("—", cut.Markup);
    }
}
