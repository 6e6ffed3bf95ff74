using Dashboard.Core.Bulk.Kinds;
using Dashboard.Core.Documents.Localization;

namespace Dashboard.Core.Bulk;

/// <summary>
/// What My requests and the requester's email say when a request or one of its items fails: a sentence in the
/// request's language (the one chosen in the dialog), never exception text. The technical cause goes to the log.
/// The sentences live in the strings table; this names them.
/// </summary>
public static class BulkMessages
{
    public static string NoCandidate(BulkKind kind, string language) => Text(language)[BulkKinds.Of(kind).NoCandidateKey];

    public static string NothingProduced(string language) => Text(language)["Bulk.NothingProduced"];

    public static string GroupOrTestGone(string language) => Text(language)["Bulk.GroupOrTestGone"];

    public static string Unexpected(string language) => Text(language)["Bulk.Unexpected"];

    public static string DocumentFailed(BulkKind kind, string language) => Text(language)[BulkKinds.Of(kind).DocumentFailedKey];

    public static string EmailNotPrepared(string language) => Text(language)["Bulk.EmailNotPrepared"];

    public static string InvalidAddress(string address, string language) => Text(language).Format("Bulk.InvalidAddress", address);

    public static string DeliveryUnknown(string recipient, string language) => Text(language).Format("Bulk.DeliveryUnknown", recipient);

    public static string AddressRefused(string recipient, int attempts, string language) =>
        Text(language).Format("Bulk.AddressRefused", recipient, attempts);

    public static string SendFailed(string recipient, int attempts, string language) =>
        Text(language).Format("Bulk.SendFailed", recipient, attempts);

    private static DocumentText Text(string language) => DocumentText.For(language);
}
