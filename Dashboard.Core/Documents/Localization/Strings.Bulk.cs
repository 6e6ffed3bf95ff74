namespace Dashboard.Core.Documents.Localization;

/// <summary>The bulk requests' texts: action names, failure sentences, ZIP names and email subjects.</summary>
internal static partial class Strings
{
    private static Dictionary<string, string> BulkEnglish() => new()
    {
        ["BulkKind.GroupReport"] = "Group report",
        ["BulkKind.GroupProgressionReport"] = "Group progression report",
        ["BulkKind.AllIndividualReports"] = "All individual reports (ZIP)",
        ["BulkKind.AllIndividualProgressionReports"] = "All individual progression reports (ZIP)",
        ["BulkKind.AllCertificates"] = "All certificates (ZIP)",
        ["BulkKind.SendReportsToCandidates"] = "Send each candidate their report",
        ["BulkKind.SendCertificatesToCandidates"] = "Send each candidate their certificate",
        ["BulkKind.SkillsFile"] = "Skills file",

        ["BulkMenu.GroupReport"] = "Download the group report",
        ["BulkMenu.GroupProgressionReport"] = "Download the group progression report",
        ["BulkMenu.AllIndividualReports"] = "Download all individual reports",
        ["BulkMenu.AllIndividualProgressionReports"] = "Download all individual progression reports",
        ["BulkMenu.AllCertificates"] = "Download all certificates",
        ["BulkMenu.SendReportsToCandidates"] = "Send each candidate their report",
        ["BulkMenu.SendCertificatesToCandidates"] = "Send each candidate their certificate",
        ["BulkMenu.SkillsFile"] = "Download the skills file",

        ["Bulk.Zip.Reports"] = "reports",
        ["Bulk.Zip.Progressions"] = "progression reports",
        ["Bulk.Zip.Certificates"] = "certificates",

        ["Bulk.NoCandidate"] = "No candidate of the group completed this test in the period.",
        ["Bulk.NoCandidateTwice"] = "No candidate of the group took this test twice in the period.",
        ["Bulk.NothingProduced"] = "No item could be produced: see the failures below.",
        ["Bulk.GroupOrTestGone"] = "The group or the test of this request no longer exists.",
        ["Bulk.Unexpected"] = "The request stopped on an unexpected error, which has been recorded for support. Try again with Retry.",
        ["Bulk.ReportFailed"] = "Their report could not be produced; the error has been recorded. Try again with Retry.",
        ["Bulk.CertificateFailed"] = "Their certificate could not be produced; the error has been recorded. Try again with Retry.",
        ["Bulk.EmailNotPrepared"] = "The email could not be prepared; the error has been recorded. Try again with Retry.",
        ["Bulk.InvalidAddress"] = "The candidate has no valid email address (\"{0}\"): correct it, then try again.",
        ["Bulk.DeliveryUnknown"] = "Delivery to {0} is unknown: the run stopped while this email was being sent. "
            + "It is not sent again so the candidate cannot receive it twice; check with the candidate.",
        ["Bulk.AddressRefused"] = "The mail server refused the address {0} ({1} attempt(s)).",
        ["Bulk.SendFailed"] = "The email to {0} could not be sent after {1} attempt(s): the mail server did not answer or rejected it.",

        ["Email.Subject.Report"] = "Your {0} results report",
        ["Email.Subject.Certificate"] = "Your {0} certificate",
        ["Email.Subject.RequestReady"] = "Your request is ready: {0} – {1}",
        ["Email.Subject.RequestFailed"] = "Your request failed: {0} – {1}",
    };

    private static Dictionary<string, string> BulkFrench() => new()
    {
        ["BulkKind.GroupReport"] = "Rapport de groupe",
        ["BulkKind.GroupProgressionReport"] = "Rapport de progression du groupe",
        ["BulkKind.AllIndividualReports"] = "Tous les rapports individuels (ZIP)",
        ["BulkKind.AllIndividualProgressionReports"] = "Tous les rapports de progression individuels (ZIP)",
        ["BulkKind.AllCertificates"] = "Tous les certificats (ZIP)",
        ["BulkKind.SendReportsToCandidates"] = "Envoyer à chaque candidat son rapport",
        ["BulkKind.SendCertificatesToCandidates"] = "Envoyer à chaque candidat son certificat",
        ["BulkKind.SkillsFile"] = "Fichier des compétences",

        ["BulkMenu.GroupReport"] = "Télécharger le rapport de groupe",
        ["BulkMenu.GroupProgressionReport"] = "Télécharger le rapport de progression du groupe",
        ["BulkMenu.AllIndividualReports"] = "Télécharger tous les rapports individuels",
        ["BulkMenu.AllIndividualProgressionReports"] = "Télécharger tous les rapports de progression individuels",
        ["BulkMenu.AllCertificates"] = "Télécharger tous les certificats",
        ["BulkMenu.SendReportsToCandidates"] = "Envoyer à chaque candidat son rapport",
        ["BulkMenu.SendCertificatesToCandidates"] = "Envoyer à chaque candidat son certificat",
        ["BulkMenu.SkillsFile"] = "Télécharger le fichier des compétences",

        ["Bulk.Zip.Reports"] = "rapports",
        ["Bulk.Zip.Progressions"] = "progressions",
        ["Bulk.Zip.Certificates"] = "certificats",

        ["Bulk.NoCandidate"] = "Aucun candidat du groupe n'a terminé ce test sur la période.",
        ["Bulk.NoCandidateTwice"] = "Aucun candidat du groupe n'a passé ce test deux fois sur la période.",
        ["Bulk.NothingProduced"] = "Aucun élément n'a pu être produit : voir les échecs ci-dessous.",
        ["Bulk.GroupOrTestGone"] = "Le groupe ou le test de cette demande n'existe plus.",
        ["Bulk.Unexpected"] = "La demande s'est arrêtée sur une erreur inattendue, enregistrée pour le support. Réessayez avec « Retry ».",
        ["Bulk.ReportFailed"] = "Son rapport n'a pas pu être produit ; l'erreur a été enregistrée. Réessayez avec « Retry ».",
        ["Bulk.CertificateFailed"] = "Son certificat n'a pas pu être produit ; l'erreur a été enregistrée. Réessayez avec « Retry ».",
        ["Bulk.EmailNotPrepared"] = "L'email n'a pas pu être préparé ; l'erreur a été enregistrée. Réessayez avec « Retry ».",
        ["Bulk.InvalidAddress"] = "Le candidat n'a pas d'adresse email valide (« {0} ») : corrigez-la, puis réessayez.",
        ["Bulk.DeliveryUnknown"] = "On ne sait pas si l'email à {0} est parti : l'envoi a été interrompu à ce moment-là. "
            + "Il n'est pas renvoyé, pour que le candidat ne le reçoive pas deux fois ; vérifiez auprès du candidat.",
        ["Bulk.AddressRefused"] = "Le serveur de messagerie a refusé l'adresse {0} ({1} tentative(s)).",
        ["Bulk.SendFailed"] = "L'email à {0} n'a pas pu être envoyé après {1} tentative(s) : le serveur de messagerie ne répond pas ou l'a rejeté.",

        ["Email.Subject.Report"] = "Votre rapport de résultats {0}",
        ["Email.Subject.Certificate"] = "Votre certificat {0}",
        ["Email.Subject.RequestReady"] = "Votre demande est prête : {0} – {1}",
        ["Email.Subject.RequestFailed"] = "Échec de votre demande : {0} – {1}",
    };

    /// <summary>The documents' table with the bulk texts added; a key in both is a mistake, and throws at start.</summary>
    private static Dictionary<string, string> WithBulk(Dictionary<string, string> documents, Dictionary<string, string> bulk)
    {
        foreach (var (key, value) in bulk)
        {
            documents.Add(key, value);
        }

        return documents;
    }
}
