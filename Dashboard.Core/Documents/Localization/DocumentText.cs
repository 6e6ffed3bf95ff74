using System.Globalization;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Documents.Localization;

/// <summary>
/// The words and formats of one document language ("en" or "fr"): the documents' resources (<see cref="Strings"/>)
/// read in that language, and the culture used for every number and date, so a French report says "27 novembre 2026" and "612,5".
/// </summary>
public sealed class DocumentText
{
    public static DocumentText English { get; } = new("en", CultureInfo.GetCultureInfo("en-GB"), zoneName: null);
    public static DocumentText French { get; } = new("fr", CultureInfo.GetCultureInfo("fr-FR"), zoneName: null);

    private DocumentText(string language, CultureInfo culture, string? zoneName)
    {
        Language = language;
        Culture = culture;
        ZoneName = zoneName;
    }

    public string Language { get; }
    public CultureInfo Culture { get; }

    /// <summary>The account's time zone that <see cref="DateTime"/> names after each time ("Europe/Paris"); none when null.</summary>
    public string? ZoneName { get; }

    /// <summary>The same language, its times labelled with <paramref name="zoneName"/> (the dates given are already in that zone).</summary>
    public DocumentText In(string zoneName) => new(Language, Culture, zoneName);

    /// <summary>"fr…" gives French; anything else English.</summary>
    public static DocumentText For(string? language) =>
        language is not null && language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

    /// <summary>The text of <paramref name="key"/> in this language (en-GB reads the neutral English, fr-FR the French satellite).</summary>
    public string this[string key] => Strings.Resources.GetString(key, Culture) ?? key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>"27 November 2026" / "27 novembre 2026".</summary>
    public string Date(DateTimeOffset value) => value.ToString("d MMMM yyyy", Culture);

    public string Date(DateOnly value) => value.ToString("d MMMM yyyy", Culture);

    /// <summary>"27 November 2026, 14:05 (Europe/Paris)" / "27 novembre 2026 à 14:05 (Europe/Paris)".</summary>
    public string DateTime(DateTimeOffset value)
    {
        var at = Format("DateAtTime", Date(value), value.ToString("HH:mm", Culture));
        return ZoneName is null ? at : $"{at} ({ZoneName})";
    }

    /// <summary>A column of times names the zone once, in its header: "Completed (Europe/Paris)".</summary>
    public string TimesHeader(string key) => ZoneName is null ? this[key] : $"{this[key]} ({ZoneName})";

    public string ShortDate(DateTimeOffset value) => value.ToString(Language == "fr" ? "dd/MM/yyyy" : "dd MMM yyyy", Culture);

    public string Number(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

    /// <summary>A signed change: "+42" / "−3,5".</summary>
    public string Change(double value, int decimals = 0) =>
        (value > 0 ? "+" : value < 0 ? "−" : "") + Number(Math.Abs(value), decimals);

    public string Score(double? score, ScoreScale scale) => score is not { } s
        ? "—"
        : scale == ScoreScale.Percentage ? Number(s, 1) + (Language == "fr" ? " %" : "%") : Number(s);

    /// <summary>"25 min 30 s".</summary>
    public string Duration(int? seconds)
    {
        if (seconds is not { } total)
        {
            return "—";
        }

        var span = TimeSpan.FromSeconds(total);
        return span.TotalHours >= 1
            ? string.Create(Culture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
            : span.Minutes > 0 ? string.Create(Culture, $"{span.Minutes} min {span.Seconds:00} s") : string.Create(Culture, $"{span.Seconds} s");
    }

    /// <summary>"1:05" (minutes:seconds), for table cells.</summary>
    public string ShortDuration(int seconds) => string.Create(Culture, $"{seconds / 60}:{seconds % 60:00}");

    public string Level(ScoreLevel? level) => level is { } l ? this["Level." + l] : "—";

    public string TestType(TestType type) => this["TestType." + type];

    public string Status(RegistrationStatus status) => this["Status." + status];

    public string Proctoring(ProctoringProfile profile) => this["Proctoring." + profile];

    public string Integrity(ProctoringStatus status) => this["Integrity." + status];
}
