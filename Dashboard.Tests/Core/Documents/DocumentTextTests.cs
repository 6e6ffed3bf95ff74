using System.Collections;
using System.Globalization;
using Dashboard.Core.Documents;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;

namespace Dashboard.Tests.Core.Documents;

public sealed class DocumentTextTests
{
    [Fact]
    public void EveryEnglishStringHasAFrenchTranslationAndNoMore()
    {
        var en = Keys(CultureInfo.InvariantCulture);
        var fr = Keys(CultureInfo.GetCultureInfo("fr"));
        Assert.True(en.Count > 150, $"{en.Count} English keys: the resources were not embedded");

        Assert.Empty(en.Except(fr));
        Assert.Empty(fr.Except(en));
        foreach (var level in Enum.GetValues<ScoreLevel>())
        {
            Assert.NotEqual("Level." + level, DocumentText.French.Level(level));
        }

        Assert.All(Enum.GetValues<ProctoringProfile>(), p => Assert.DoesNotContain("Proctoring.", DocumentText.French.Proctoring(p)));
        Assert.All(Enum.GetValues<ProctoringStatus>(), p => Assert.DoesNotContain("Integrity.", DocumentText.English.Integrity(p)));
        Assert.All(Enum.GetValues<RegistrationStatus>(), s => Assert.DoesNotContain("Status.", DocumentText.French.Status(s)));
        Assert.All(Enum.GetValues<TestType>(), t => Assert.DoesNotContain("TestType.", DocumentText.French.TestType(t)));
    }

    [Fact]
    public void FrenchDatesAndNumbersFollowTheFrenchCulture()
    {
        var fr = DocumentText.For("fr");
        var day = new DateTimeOffset(2026, 11, 27, 14, 5, 0, TimeSpan.FromHours(1));

        Assert.Equal("27 novembre 2026", fr.Date(day));
        Assert.Equal("27 novembre 2026 à 14:05", fr.DateTime(day));
        Assert.Equal("612,5", fr.Number(612.5, 1));
        Assert.Equal("87,5 %", fr.Score(87.5, ScoreScale.Percentage));
        Assert.Equal("−3,5", fr.Change(-3.5, 1));
        Assert.Equal("27 November 2026, 14:05", DocumentText.For("en").DateTime(day));
        Assert.Equal("1,000", DocumentText.English.Score(1000, ScoreScale.Points1000));
        Assert.Equal("25 min 30 s", DocumentText.English.Duration(1530));
        Assert.Same(DocumentText.English, DocumentText.For(null));
        Assert.Same(DocumentText.English, DocumentText.For("de"));
    }

    [Theory]
    [InlineData(new object[] { "report", 12, "Ødegård", "Benoît" }, "report-12-Ødegård-Benoît")]
    [InlineData(new object[] { "group-report", "R&D / Lyon", "Excel 365" }, "group-report-R-D-Lyon-Excel-365")]
    [InlineData(new object[] { "x", "../../etc/passwd" }, "x-..-..-etc-passwd")]
    public void FileNamesKeepAccentsAndDropSeparators(object[] parts, string expected)
    {
        Assert.Equal(expected, DocumentFileNames.Compose(parts));
    }

    /// <summary>The keys of one resources file alone (no fallback to the neutral English).</summary>
    private static HashSet<string> Keys(CultureInfo culture) =>
        [.. Strings.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key)];
}
