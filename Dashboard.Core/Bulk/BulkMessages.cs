namespace Dashboard.Core.Bulk;

/// <summary>
/// What My requests and the requester's email say when a request or one of its items fails: a sentence in the
/// request's language (the one chosen in the dialog), never exception text. The technical cause goes to the log.
/// </summary>
public static class BulkMessages
{
    public static string NoCandidate(BulkKind kind, string language) =>
        (kind is BulkKind.AllIndividualProgressionReports or BulkKind.GroupProgressionReport, language == "fr") switch
        {
            (true, false) => "No candidate of the group took this test twice in the period.",
            (true, true) => "Aucun candidat du groupe n'a passé ce test deux fois sur la période.",
            (false, false) => "No candidate of the group completed this test in the period.",
            (false, true) => "Aucun candidat du groupe n'a terminé ce test sur la période.",
        };

    public static string NothingProduced(string language) => language == "fr"
        ? "Aucun élément n'a pu être produit : voir les échecs ci-dessous."
        : "No item could be produced: see the failures below.";

    public static string GroupOrTestGone(string language) => language == "fr"
        ? "Le groupe ou le test de cette demande n'existe plus."
        : "The group or the test of this request no longer exists.";

    public static string Unexpected(string language) => language == "fr"
        ? "La demande s'est arrêtée sur une erreur inattendue, enregistrée pour le support. Réessayez avec « Retry »."
        : "The request stopped on an unexpected error, which has been recorded for support. Try again with Retry.";

    public static string DocumentFailed(BulkKind kind, string language) =>
        (kind is BulkKind.AllCertificates or BulkKind.SendCertificatesToCandidates, language == "fr") switch
        {
            (true, false) => "Their certificate could not be produced; the error has been recorded. Try again with Retry.",
            (true, true) => "Son certificat n'a pas pu être produit ; l'erreur a été enregistrée. Réessayez avec « Retry ».",
            (false, false) => "Their report could not be produced; the error has been recorded. Try again with Retry.",
            (false, true) => "Son rapport n'a pas pu être produit ; l'erreur a été enregistrée. Réessayez avec « Retry ».",
        };

    public static string EmailNotPrepared(string language) => language == "fr"
        ? "L'email n'a pas pu être préparé ; l'erreur a été enregistrée. Réessayez avec « Retry »."
        : "The email could not be prepared; the error has been recorded. Try again with Retry.";

    public static string InvalidAddress(string address, string language) => language == "fr"
        ? $"Le candidat n'a pas d'adresse email valide (« {address} ») : corrigez-la, puis réessayez."
        : $"The candidate has no valid email address (\"{address}\"): correct it, then try again.";

    public static string DeliveryUnknown(string recipient, string language) => language == "fr"
        ? $"On ne sait pas si l'email à {recipient} est parti : l'envoi a été interrompu à ce moment-là. "
            + "Il n'est pas renvoyé, pour que le candidat ne le reçoive pas deux fois ; vérifiez auprès du candidat."
        : $"Delivery to {recipient} is unknown: the run stopped while this email was being sent. "
            + "It is not sent again so the candidate cannot receive it twice; check with the candidate.";

    public static string AddressRefused(string recipient, int attempts, string language) => language == "fr"
        ? $"Le serveur de messagerie a refusé l'adresse {recipient} ({attempts} tentative(s))."
        : $"The mail server refused the address {recipient} ({attempts} attempt(s)).";

    public static string SendFailed(string recipient, int attempts, string language) => language == "fr"
        ? $"L'email à {recipient} n'a pas pu être envoyé après {attempts} tentative(s) : le serveur de messagerie ne répond pas ou l'a rejeté."
        : $"The email to {recipient} could not be sent after {attempts} attempt(s): the mail server did not answer or rejected it.";
}
