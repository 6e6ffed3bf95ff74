using System.Globalization;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Display;
using Dashboard.Web.Components.Shared;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Localization;

/// <summary>Dates, numbers and scores read as the culture writes them, times in the account's zone.</summary>
public sealed class CultureFormatsTests : IAsyncLifetime
{
    private static readonly AccountCalendar Paris = AccountCalendar.For("Europe/Paris");
    private static readonly DateTimeOffset EveningOfTheFirst = new(2026, 12, 1, 20, 29, 0, TimeSpan.Zero);

    private readonly BunitContext _context = ComponentContext.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void InFrenchDatesAreDayFirstInTheAccountsZoneAndDecimalsTakeAComma()
    {
        using var french = FrenchHarness.French();

        Assert.Equal("01/12/2026 21:29", DisplayText.Date(EveningOfTheFirst, Paris));
        Assert.Equal("01/12/2026 21:29 (Europe/Paris)", Paris.Format(EveningOfTheFirst));
        Assert.Equal("650,2", DisplayText.Number(650.2));
        var thousands = CultureInfo.GetCultureInfo("fr-FR").NumberFormat.NumberGroupSeparator;
        Assert.True(char.IsWhiteSpace(thousands, 0), "French groups thousands with a space");
        Assert.Equal($"12{thousands}000", DisplayText.Number(12000));
        Assert.Equal("68,5 %", DisplayText.Score(ScoreScale.Percentage, 68.5));
        Assert.Equal("742", DisplayText.Score(ScoreScale.Points1000, 742.4));
        Assert.Equal("1 h 05 min", DisplayText.Duration(TimeSpan.FromMinutes(65)));
    }

    [Fact]
    public void InEnglishDatesAreDayFirstInTheAccountsZoneAndDecimalsTakeAPoint()
    {
        using var english = FrenchHarness.English();

        Assert.Equal("01/12/2026 21:29", DisplayText.Date(EveningOfTheFirst, Paris));
        Assert.Equal("01/12/2026 21:29 (Europe/Paris)", Paris.Format(EveningOfTheFirst));
        Assert.Equal("650.2", DisplayText.Number(650.2));
        Assert.Equal("12,000", DisplayText.Number(12000));
        Assert.Equal("68.5 %", DisplayText.Score(ScoreScale.Percentage, 68.5));
        Assert.Equal("742", DisplayText.Score(ScoreScale.Points1000, 742.4));
    }

    [Theory]
    [InlineData("fr-FR", "742 · Avancé", "En cours")]
    [InlineData("en-GB", "742 · Advanced", "In progress")]
    public void TheScoreCellAndTheStatusChipSpeakTheCulture(string culture, string score, string inProgress)
    {
        using var scope = culture == "fr-FR" ? FrenchHarness.French() : FrenchHarness.English();

        var cell = _context.Render<ScoreCell>(p => p.Add(c => c.Row, Row(1, RegistrationStatus.Completed, r => { r.Score = 742; r.Level = ScoreLevel.Advanced; })));
        var chip = _context.Render<StatusChip>(p => p.Add(c => c.Status, RegistrationStatus.InProgress));

        Assert.Equal(score, cell.Find(".score-cell").TextContent);
        Assert.Equal(inProgress, chip.Find(".mud-chip").TextContent.Trim());
        Assert.Equal(inProgress, Labels.For(RegistrationStatus.InProgress));
    }
}
