using Dashboard.Core.Bulk;

namespace Dashboard.Tests.Core.Bulk;

/// <summary>What My requests shows when something fails: a sentence in English and in French, never an exception's text.</summary>
public sealed class BulkMessagesTests
{
    public static TheoryData<string, string, string> Sentences() => new()
    {
        { "no candidate", BulkMessages.NoCandidate(BulkKind.GroupReport, "en"), BulkMessages.NoCandidate(BulkKind.GroupReport, "fr") },
        { "no candidate twice", BulkMessages.NoCandidate(BulkKind.GroupProgressionReport, "en"), BulkMessages.NoCandidate(BulkKind.GroupProgressionReport, "fr") },
        { "nothing produced", BulkMessages.NothingProduced("en"), BulkMessages.NothingProduced("fr") },
        { "gone", BulkMessages.GroupOrTestGone("en"), BulkMessages.GroupOrTestGone("fr") },
        { "unexpected", BulkMessages.Unexpected("en"), BulkMessages.Unexpected("fr") },
        { "report", BulkMessages.DocumentFailed(BulkKind.SendReportsToCandidates, "en"), BulkMessages.DocumentFailed(BulkKind.SendReportsToCandidates, "fr") },
        { "certificate", BulkMessages.DocumentFailed(BulkKind.AllCertificates, "en"), BulkMessages.DocumentFailed(BulkKind.AllCertificates, "fr") },
        { "email", BulkMessages.EmailNotPrepared("en"), BulkMessages.EmailNotPrepared("fr") },
        { "address", BulkMessages.InvalidAddress("anne@", "en"), BulkMessages.InvalidAddress("anne@", "fr") },
        { "unknown", BulkMessages.DeliveryUnknown("anne@example.test", "en"), BulkMessages.DeliveryUnknown("anne@example.test", "fr") },
        { "refused", BulkMessages.AddressRefused("anne@example.test", 3, "en"), BulkMessages.AddressRefused("anne@example.test", 3, "fr") },
        { "send", BulkMessages.SendFailed("anne@example.test", 3, "en"), BulkMessages.SendFailed("anne@example.test", 3, "fr") },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void EveryFailureIsASentenceInBothLanguages(string what, string english, string french)
    {
        Assert.NotEqual(english, french);
        foreach (var sentence in new[] { english, french })
        {
            Assert.True(char.IsUpper(sentence[0]) && sentence.TrimEnd().EndsWith('.'), $"{what}: \"{sentence}\"");
            Assert.DoesNotContain("Exception", sentence, StringComparison.Ordinal);
        }
    }
}
