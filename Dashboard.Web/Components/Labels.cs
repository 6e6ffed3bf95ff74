using Dashboard.Core.Domain;
using MudBlazor;

namespace Dashboard.Web.Components;

/// <summary>The words and colours the UI uses for domain values, in one place.</summary>
public static class Labels
{
    public static string For(RegistrationStatus status) => status switch
    {
        RegistrationStatus.ToBeTaken => "To be taken",
        RegistrationStatus.InProgress => "In progress",
        RegistrationStatus.Completed => "Completed",
        RegistrationStatus.PendingGrading => "Pending grading",
        RegistrationStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    public static Color ColorOf(RegistrationStatus status) => status switch
    {
        RegistrationStatus.ToBeTaken => Color.Default,
        RegistrationStatus.InProgress => Color.Info,
        RegistrationStatus.Completed => Color.Success,
        RegistrationStatus.PendingGrading => Color.Warning,
        RegistrationStatus.Cancelled => Color.Dark,
        _ => Color.Default,
    };

    public static string For(TestType type) => type switch
    {
        TestType.Evaluation => "Evaluation",
        TestType.Certification => "Certification",
        TestType.Positioning => "Positioning",
        TestType.Free => "Free",
        _ => type.ToString(),
    };

    public static string For(ProctoringProfile profile) => profile switch
    {
        ProctoringProfile.None => "None",
        ProctoringProfile.IdDocument => "ID document",
        ProctoringProfile.FullScreen => "Full screen",
        ProctoringProfile.Video => "Video",
        ProctoringProfile.Audio => "Audio",
        ProctoringProfile.PeriodicScreenshots => "Periodic screenshots",
        ProctoringProfile.RoomScan => "Room scan",
        ProctoringProfile.SecureBrowser => "Secure browser",
        _ => profile.ToString(),
    };

    public static string For(ProctoringStatus status) => status switch
    {
        ProctoringStatus.NotApplicable => "Not applicable",
        ProctoringStatus.PendingReview => "Pending review",
        ProctoringStatus.AwaitingDetails => "Awaiting details",
        ProctoringStatus.DetailUnderReview => "Detail under review",
        ProctoringStatus.ExplanationValidated => "Explanation validated",
        ProctoringStatus.Validated => "Validated",
        ProctoringStatus.Invalid => "Invalid",
        _ => status.ToString(),
    };

    public static Color ColorOf(ProctoringStatus status) => status switch
    {
        ProctoringStatus.PendingReview or ProctoringStatus.AwaitingDetails => Color.Warning,
        ProctoringStatus.DetailUnderReview => Color.Info,
        ProctoringStatus.ExplanationValidated or ProctoringStatus.Validated => Color.Success,
        ProctoringStatus.Invalid => Color.Error,
        _ => Color.Default,
    };

    public static string For(ScoreLevel level) => level.ToString();
}
