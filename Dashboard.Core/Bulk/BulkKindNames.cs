namespace Dashboard.Core.Bulk;

/// <summary>The actions' names as the menu, the Jobs page and the emails show them, in English and French.</summary>
public static class BulkKindNames
{
    public static string Of(BulkKind kind, string language = "en") => (kind, language == "fr") switch
    {
        (BulkKind.GroupReport, false) => "Group report",
        (BulkKind.GroupReport, true) => "Rapport de groupe",
        (BulkKind.GroupProgressionReport, false) => "Group progression report",
        (BulkKind.GroupProgressionReport, true) => "Rapport de progression du groupe",
        (BulkKind.AllIndividualReports, false) => "All individual reports (ZIP)",
        (BulkKind.AllIndividualReports, true) => "Tous les rapports individuels (ZIP)",
        (BulkKind.AllIndividualProgressionReports, false) => "All individual progression reports (ZIP)",
        (BulkKind.AllIndividualProgressionReports, true) => "Tous les rapports de progression individuels (ZIP)",
        (BulkKind.AllCertificates, false) => "All certificates (ZIP)",
        (BulkKind.AllCertificates, true) => "Tous les certificats (ZIP)",
        (BulkKind.SendReportsToCandidates, false) => "Send each candidate their report",
        (BulkKind.SendReportsToCandidates, true) => "Envoyer à chaque candidat son rapport",
        (BulkKind.SendCertificatesToCandidates, false) => "Send each candidate their certificate",
        (BulkKind.SendCertificatesToCandidates, true) => "Envoyer à chaque candidat son certificat",
        (BulkKind.SkillsFile, false) => "Skills file",
        (BulkKind.SkillsFile, true) => "Fichier des compétences",
        _ => kind.ToString(),
    };

    /// <summary>The menu's wording for an action ("Download the group report").</summary>
    public static string MenuLabel(BulkKind kind) => kind switch
    {
        BulkKind.GroupReport => "Download the group report",
        BulkKind.GroupProgressionReport => "Download the group progression report",
        BulkKind.AllIndividualReports => "Download all individual reports",
        BulkKind.AllIndividualProgressionReports => "Download all individual progression reports",
        BulkKind.AllCertificates => "Download all certificates",
        BulkKind.SendReportsToCandidates => "Send each candidate their report",
        BulkKind.SendCertificatesToCandidates => "Send each candidate their certificate",
        BulkKind.SkillsFile => "Download the skills file",
        _ => kind.ToString(),
    };
}
